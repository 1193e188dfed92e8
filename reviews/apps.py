from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from lscb.navigation import register
        from lscb.permissions import Capability
        from reviews import dashboard  # noqa: F401  (registers the dashboard panel)

        # The learning library is reached from the case reviews page (one item, one active state).
        register("Case reviews", "reviews:list", Capability.VIEW_CASE_REVIEWS, order=45)

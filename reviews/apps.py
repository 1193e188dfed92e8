from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from lscb import retention
        from lscb.navigation import register
        from lscb.permissions import Capability
        from reviews import dashboard  # noqa: F401  (registers the dashboard panel)

        # Records retention (lscb/retention.py): the board sets the period; nothing is deleted.
        retention.register("reviews.case_review", "reviews.CaseReview", "became_aware_on", "Case reviews")
        retention.register(
            "reviews.document",
            "reviews.ReviewDocument",
            "uploaded_at",
            "Case review documents (final reports, learning briefs)",
            board_field="review__board",
        )

        # The learning library is reached from the case reviews page (one item, one active state).
        register("Case reviews", "reviews:list", Capability.VIEW_CASE_REVIEWS, order=45)

from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    verbose_name = "Quality assurance"

    def ready(self):
        from assurance import dashboard  # noqa: F401  (registers the dashboard panels)
        from lscb.navigation import register
        from lscb.permissions import Capability

        register("Quality assurance", "assurance:home", Capability.VIEW_BOARD, order=55)

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Annual reports"

    def ready(self):
        from lscb.navigation import register
        from lscb.permissions import Capability
        from reports import (
            dashboard,  # noqa: F401  (registers the dashboard panels)
            dashboard_approval,  # noqa: F401  (the chair's and the business manager's approval panels)
            signals,  # noqa: F401  (titles follow the board's and agencies' names)
        )

        register("Annual report", "reports:report_list", Capability.VIEW_BOARD, order=60)

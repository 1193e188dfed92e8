from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "assurance"
    verbose_name = "Quality assurance"

    def ready(self):
        from assurance import dashboard  # noqa: F401  (registers the dashboard panels)
        from lscb import retention
        from lscb.navigation import register
        from lscb.permissions import Capability

        # Records retention (lscb/retention.py): the board sets the period; nothing is deleted.
        retention.register(
            "assurance.return",
            "assurance.Return",
            "submitted_at",
            "Self-assessment returns (Section 11, Section 175/157) and their evidence",
            board_field="cycle__board",
        )
        retention.register("assurance.audit", "assurance.Audit", "completed_on", "Multi-agency case-file audits")

        register("Quality assurance", "assurance:home", Capability.VIEW_BOARD, order=55)

from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards"

    def ready(self):
        from boards import dashboard  # noqa: F401  (registers the dashboard panels)

        self._register_records_navigation()

        self._register_plan_navigation()

    @staticmethod
    def _register_plan_navigation():
        from lscb import navigation
        from lscb.permissions import Capability

        navigation.register("Business plan", "boards:plan_list", Capability.VIEW_BOARD, order=30)
        navigation.register("Scorecard", "boards:indicator_list", Capability.VIEW_BOARD, order=32)
        navigation.register("Inspections", "boards:inspection_list", Capability.VIEW_BOARD, order=34)
        navigation.register("CDOP and LADO", "boards:aggregate_list", Capability.VIEW_BOARD, order=36)

    @staticmethod
    def _register_records_navigation():
        from lscb import navigation
        from lscb.permissions import Capability

        navigation.register("Meetings", "boards:meeting_list", Capability.VIEW_BOARD, order=20)
        navigation.register("Agencies", "boards:agency_list", Capability.VIEW_BOARD, order=60)
        navigation.register("People", "boards:membership_list", Capability.VIEW_BOARD, order=62)
        navigation.register("Budget", "boards:budget_list", Capability.VIEW_BOARD, order=64)
        navigation.register("Settings", "boards:board_settings", Capability.VIEW_BOARD, order=90)

from django.apps import AppConfig


class SubgroupsConfig(AppConfig):
    name = "subgroups"
    verbose_name = "Sub-groups"

    def ready(self):
        from lscb.navigation import register
        from lscb.permissions import Capability
        from subgroups import dashboard  # noqa: F401  (registers the dashboard panel)

        register("Sub-groups", "subgroups:subgroup_list", Capability.VIEW_BOARD, order=40)

from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "LSCB platform"

    def ready(self):
        from lscb import retention, signals  # noqa: F401  (login audit receivers)

        retention.register_project_classes()

        from lscb.navigation import register  # noqa: PLC0415
        from lscb.permissions import Capability  # noqa: PLC0415

        register("Retention", "retention", Capability.MANAGE_BOARD, order=95)

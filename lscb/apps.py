from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "LSCB platform"

    def ready(self):
        from lscb import signals  # noqa: F401  (login audit receivers)

from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards"

    def ready(self):
        from boards import dashboard  # noqa: F401  (registers the dashboard panels)

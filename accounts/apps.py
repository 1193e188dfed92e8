from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and invitations"

    def ready(self):
        from accounts import signals  # noqa: F401  (the User's name follows the Person)

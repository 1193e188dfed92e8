from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("accounts/sso/start/", views.start, name="start"),
    path("accounts/sso/callback/", views.callback, name="callback"),
    path(
        "boards/<slug:board_slug>/settings/single-sign-on/", views.SignOnSettingsPage.as_view(), name="board_settings"
    ),
]

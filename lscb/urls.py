from django.urls import include, path

from lscb import views, views_mfa, views_retention

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", views.login, name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    path("accounts/two-factor/", views_mfa.verify, name="mfa_verify"),
    path("accounts/two-factor/set-up/", views_mfa.enrol, name="mfa_enrol"),
    path("accounts/two-factor/recovery-codes/", views_mfa.recovery_codes, name="mfa_recovery_codes"),
    path("boards/<slug:board_slug>/retention/", views_retention.retention_list, name="retention"),
    path(
        "boards/<slug:board_slug>/retention/<str:record_class>/",
        views_retention.retention_edit,
        name="retention_edit",
    ),
    path("boards/<slug:board_slug>/", include("boards.urls")),
    path("boards/<slug:board_slug>/sub-groups/", include("subgroups.urls")),
    path("boards/<slug:board_slug>/case-reviews/", include("reviews.urls")),
    path("boards/<slug:board_slug>/reports/", include("reports.urls")),
    # Single sign-on (sso/): start and callback, and the board's settings page.
    path("", include("sso.urls")),
    # Invitations, password reset, e-mail change (and the site operator's pages).
    path("", include("accounts.urls")),
    path("boards/<slug:board_slug>/quality-assurance/", include("assurance.urls")),
    path("boards/<slug:board_slug>/learning/", include("learning.urls")),
    # The one-time evaluation form: no login, no board in the URL (the token says which).
    path("evaluation/<str:token>/", include("learning.urls_public")),
]

handler403 = "lscb.views.permission_denied"
handler404 = "lscb.views.page_not_found"
handler500 = "lscb.views.server_error"

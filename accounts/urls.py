"""URLs of the accounts app, mounted at the site's root: the board's invitation pages (under
boards/<slug>/) and the pages the e-mailed links open (under accounts/)."""

from django.urls import path

from accounts import views, views_operator, views_password

app_name = "accounts"

BOARD = "boards/<slug:board_slug>/"

urlpatterns = [
    path(f"{BOARD}invitations/", views.InvitationListView.as_view(), name="invitation_list"),
    path(f"{BOARD}people/<int:membership_id>/invite/", views.InviteView.as_view(), name="invite"),
    path(f"{BOARD}invitations/<int:invitation_id>/resend/", views.ResendView.as_view(), name="invitation_resend"),
    path(f"{BOARD}invitations/<int:invitation_id>/revoke/", views.RevokeView.as_view(), name="invitation_revoke"),
    path("accounts/invitation/<str:token>/", views.accept, name="invitation_accept"),
    path("accounts/password-reset/", views_password.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", views_password.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views_password.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/password-reset/done/", views_password.password_reset_complete, name="password_reset_complete"),
    path("accounts/email/", views.email_change, name="email_change"),
    path("accounts/email/confirm/<str:token>/", views.email_change_confirm, name="email_change_confirm"),
    # The site operator's pages (staff with two-factor sign-in).
    path("operator/boards/", views_operator.boards, name="operator_boards"),
    path("operator/boards/new/", views_operator.board_create, name="operator_board_create"),
    path("operator/boards/<slug:board_slug>/suspend/", views_operator.board_suspend, name="operator_board_suspend"),
]

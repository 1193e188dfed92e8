"""Invitation pages: the business manager's (on the page kit, about one board) and the invited
person's accept page (public: the link's token is the only key)."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import services
from accounts.forms import ChoosePasswordForm, EmailChangeForm, InvitationFilterForm
from accounts.models import INVITATION_DAYS, Invitation
from accounts.permissions import get_invitation
from boards.models import Membership
from lscb import mfa
from lscb.pages import ConfirmPage, ListPage, board_url
from lscb.permissions import Capability, get_object_for_user, login_view, public_view


class InInvitations:
    capability = Capability.MANAGE_BOARD

    def trail(self):
        return [
            ("People", board_url(self.board, "boards:membership_list")),
            ("Invitations", board_url(self.board, "accounts:invitation_list")),
        ]


class InvitationListView(InInvitations, ListPage):
    template_name = "accounts/invitation_list.html"
    title = "Invitations to sign in"
    filter_form_class = InvitationFilterForm
    paginate_by = 50

    def trail(self):
        return [("People", board_url(self.board, "boards:membership_list"))]

    def get_context_data(self, **kwargs):
        invitations = self.filtered(Invitation.objects.visible_to(self.access).select_related("person", "created_by"))
        page = self.paginate(invitations.order_by("-requested_at"))  # before the kit reads page_obj
        return {**super().get_context_data(**kwargs), "invitations": page}


class InviteView(InInvitations, ConfirmPage):
    """From a person's page: send them the link."""

    question = "Invite {label} to sign in?"
    button = "Send the invitation"
    cancel_label = "No, go back"
    success_message = "Invitation sent to {label}"
    crumb = "Invite"

    def target(self):
        if not hasattr(self, "_membership"):
            self._membership = get_object_for_user(
                Membership.objects.select_related("person", "person__user", "agency"),
                self.access,
                pk=self.kwargs["membership_id"],
            )
        return self._membership.person

    def trail(self):
        return [("People", board_url(self.board, "boards:membership_list")), (str(self.target()), self.cancel_url())]

    def consequences(self):
        person = self.target()
        return [
            f"We will email a link to {person.email}. It works once and expires after {INVITATION_DAYS} days.",
            f"Following it, {person} chooses a password and, if their role needs it, sets up an authenticator app.",
        ]

    def refusal(self):
        return services.invite_refusal(self.access, self.target())

    def get_success_message(self, label):
        return f"Invitation sent to {self.target().email}"

    def service(self, access, person):
        services.invite(access, person)

    def cancel_url(self):
        return board_url(self.board, "boards:membership_detail", membership_id=self.kwargs["membership_id"])


class _InvitationAction(InInvitations, ConfirmPage):
    def target(self):
        if not hasattr(self, "_invitation"):
            self._invitation = get_invitation(self.access, self.kwargs["invitation_id"])
        return self._invitation

    def target_label(self):
        return str(self.target().person)

    def refusal(self):
        invitation = self.target()
        return "" if invitation.is_open else f"This invitation was {invitation.get_status_display().lower()}."

    def cancel_url(self):
        return board_url(self.board, "accounts:invitation_list")


class ResendView(_InvitationAction):
    question = "Send {label} a new invitation link?"
    button = "Resend the invitation"
    success_message = "A new invitation link was sent to {label}"
    crumb = "Resend"

    def consequences(self):
        return [
            f"The earlier link stops working. The new one goes to {self.target().person.email or 'their email address'}"
            f" and expires after {INVITATION_DAYS} days."
        ]

    @staticmethod
    def service(access, invitation):
        services.resend(access, invitation)


class RevokeView(_InvitationAction):
    question = "Withdraw {label}'s invitation?"
    button = "Yes, withdraw it"
    success_message = "Invitation to {label} withdrawn"
    crumb = "Withdraw"

    def consequences(self):
        return ["The link in their email stops working. You can invite them again later."]

    @staticmethod
    def service(access, invitation):
        services.revoke(access, invitation)


# --- The invited person's page ------------------------------------------------------------


@public_view
@never_cache
def accept(request, token):
    """Follow the link: choose a password, then (where the role needs it) set up the app."""
    invitation, problem = services.find_invitation(token)
    if problem:
        return render(request, "accounts/link_problem.html", {"problem": problem}, status=410 if invitation else 404)
    try:
        user = services.account_for(invitation)
    except services.InvitationError as error:
        return render(request, "accounts/link_problem.html", {"problem": error.message}, status=409)
    form = ChoosePasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.set_password_and_accept(invitation, user, form.cleaned_data["new_password1"])
        except services.InvitationError as error:
            return render(request, "accounts/link_problem.html", {"problem": error.message}, status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Your password is set. Your username is {user.get_username()}.")
        if mfa.holds_mfa_role(user) and not mfa.has_confirmed_totp(user):
            return redirect(f"{reverse('mfa_enrol')}?next={reverse('home')}")
        return redirect("home")
    return render(
        request,
        "accounts/accept.html",
        {"form": form, "invitation": invitation, "person": invitation.person, "username": user.get_username()},
    )


# --- One's own e-mail address ---------------------------------------------------------------


@login_view
def email_change(request):
    """Ask for a new e-mail address: a link goes to it, and it changes when followed."""
    form = EmailChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.request_email_change(
                request.user, request, new_email=form.cleaned_data["new_email"], password=form.cleaned_data["password"]
            )
        except services.AccountError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"We have sent a link to {change.new_email}. Follow it to confirm the change.")
            return redirect("accounts:email_change")
    return render(
        request,
        "accounts/email_change.html",
        {
            "form": form,
            "breadcrumbs": [("Your boards", reverse("home")), ("Your email address", None)],
        },
    )


@public_view
@never_cache
def email_change_confirm(request, token):
    """Follow the link sent to the new address; the button makes the change (a mail scanner
    that fetches the link changes nothing)."""
    change, problem = services.find_email_change(token)
    if problem:
        return render(request, "accounts/link_problem.html", {"problem": problem}, status=410 if change else 404)
    if request.method == "POST":
        try:
            services.confirm_email_change(change)
        except services.AccountError as error:
            return render(request, "accounts/link_problem.html", {"problem": error.message}, status=409)
        messages.success(request, f"Your email address is now {change.new_email}.")
        return redirect("home" if request.user.is_authenticated else "login")
    return render(request, "accounts/email_change_confirm.html", {"change": change})

"""Single sign-on pages: start (to the identity provider), callback (back from it), the refusal
page, and the business manager's settings page for the board.

Start and callback are public (the person is not signed in yet); mozilla-django-oidc keeps the
state, nonce and PKCE verifier in the session and checks them, and every refusal ends on one
GOV.UK page that says why, with nothing created (sso/errors.py, audited by sso/services.py).
"""

from functools import cached_property

from django.conf import settings
from django.contrib import auth
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from lscb.history import change_log
from lscb.pages import FormPage, board_url
from lscb.permissions import Capability, public_view
from sso import config, services
from sso.errors import SignOnRefused
from sso.forms import SignOnSettingsForm


def refusal_page(request, refusal, email=""):
    services.refused(request, refusal, email=email)
    status = 502 if refusal.reason == SignOnRefused.PROVIDER_UNREACHABLE else 403
    return render(request, "sso/refused.html", {"refusal": refusal}, status=status)


class StartView(OIDCAuthenticationRequestView):
    """Sends the person to their organisation's sign-in page, with a fresh state and nonce."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)  # endpoints: in get()

    def get(self, request):
        if not config.enabled():
            raise Http404("Single sign-on is not configured")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = config.provider().authorization_endpoint
        except SignOnRefused as refusal:
            return refusal_page(request, refusal)
        self.OIDC_RP_CLIENT_ID = settings.SSO_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the identity provider: check state, code, id_token, then who the person is."""

    def get(self, request):
        if not config.enabled():
            raise Http404("Single sign-on is not configured")
        if request.GET.get("error"):
            # As the library does: the state is forgotten (no replay) and whoever was in is signed out.
            states = request.session.get("oidc_states")
            if isinstance(states, dict) and states.pop(request.GET.get("state", ""), None) is not None:
                request.session.modified = True
            if request.user.is_authenticated:
                auth.logout(request)
            return refusal_page(request, SignOnRefused(SignOnRefused.PROVIDER_ERROR, detail=request.GET["error"][:100]))
        state = request.GET.get("state")
        if not (request.GET.get("code") and state):
            return refusal_page(request, SignOnRefused(SignOnRefused.INCOMPLETE))
        states = request.session.get("oidc_states")
        if not isinstance(states, dict) or state not in states:
            return refusal_page(request, SignOnRefused(SignOnRefused.STATE))
        try:
            return super().get(request)
        except SignOnRefused as refusal:
            return refusal_page(request, refusal, email=getattr(refusal, "email", ""))

    def login_failure(self):
        # Reached when the sign-in layer refused without a reason of ours (an address locked out
        # by too many failed sign-ins: django-axes) or the account is closed.
        user = getattr(self, "user", None)
        reason = SignOnRefused.INACTIVE if user is not None and not user.is_active else SignOnRefused.INCOMPLETE
        return refusal_page(self.request, SignOnRefused(reason))

    def login_success(self):
        claims = getattr(self.user, "sso_claims", {})
        response = super().login_success()
        services.signed_in(self.request, self.user, claims)
        return response


start = public_view(never_cache(StartView.as_view()))
callback = public_view(never_cache(CallbackView.as_view()))


class SignOnSettingsPage(FormPage):
    """The business manager chooses which organisations' accounts the board accepts."""

    capability = Capability.MANAGE_BOARD
    form_class = SignOnSettingsForm
    template_name = "sso/settings_form.html"
    service = staticmethod(services.save_settings)
    title = "Single sign-on"
    success_message = "Single sign-on settings saved"

    def trail(self):
        return [("Board settings", board_url(self.board, "boards:board_settings"))]

    @cached_property
    def current(self):
        return services.settings_for(self.board)

    def get_initial(self):
        current = self.current
        return {
            "allowed_domains": "\n".join(current.domains),
            "accept_identity_provider_mfa": current.accept_identity_provider_mfa,
        }

    def get_success_url(self):
        return board_url(self.board, "sso:board_settings")

    def cancel_url(self):
        return board_url(self.board, "boards:board_settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sso_enabled=config.enabled(),
            history=change_log(self.current.history.all()) if self.current.pk else None,
        )
        return context

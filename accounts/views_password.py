"""Password reset by e-mail, with Django's views and token (it stops working once the password
changes). No account enumeration: the page after the request says the same for every address.
Throttled per address and per e-mail (accounts.throttle); the e-mail goes by a Celery task."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from accounts import tasks, throttle
from accounts.forms import ChoosePasswordForm, PasswordResetRequestForm
from lscb import audit
from lscb.permissions import public_view

HOUR = 3600


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        limit = settings.PASSWORD_RESETS_PER_HOUR
        address = get_client_ip_address(self.request)
        if not throttle.allow(f"reset-ip:{address}", limit=limit, window=HOUR):
            audit.record_limited("auth.password.reset_throttled", self.request)
            form.add_error("email", "There have been too many requests from your network. Try again in an hour.")
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        email = form.cleaned_data["email"].strip()
        # Over the limit for this address: nothing is sent, and the page says what it always says.
        if throttle.allow(f"reset-email:{email.lower()}", limit=limit, window=HOUR):
            users = get_user_model().objects.filter(email__iexact=email, is_active=True)
            for user in users:
                audit.record("auth.password.reset_requested", target=user)
                transaction.on_commit(lambda pk=user.pk: tasks.send_password_reset.delay(pk), robust=True)
        # FormView's: on to the "check your email" page, without Django's e-mail in the request.
        return FormView.form_valid(self, form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ChoosePasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record("auth.password.reset", actor=form.user)
        return response


# Never cached, like the sign-in page: a shared browser must not replay them.
password_reset = public_view(never_cache(PasswordResetView.as_view()))
password_reset_done = public_view(
    never_cache(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"))
)
password_reset_confirm = public_view(never_cache(PasswordResetConfirmView.as_view()))
password_reset_complete = public_view(
    never_cache(auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"))
)

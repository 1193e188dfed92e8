from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.utils import timezone

from accounts.choices import InvitationStatus
from lscb.forms import GovukForm, GovukFormMixin


class InvitationFilterForm(GovukForm):
    submit_label = "Filter"
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All invitations"), *InvitationStatus.choices]
    )

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)

    def filter(self, invitations):
        if not self.is_valid() or not self.cleaned_data["status"]:
            return invitations
        now = timezone.now()
        return invitations.filter(
            **{
                InvitationStatus.PENDING: {
                    "accepted_at__isnull": True,
                    "revoked_at__isnull": True,
                    "expires_at__gt": now,
                },
                InvitationStatus.EXPIRED: {
                    "accepted_at__isnull": True,
                    "revoked_at__isnull": True,
                    "expires_at__lte": now,
                },
                InvitationStatus.ACCEPTED: {"accepted_at__isnull": False},
                InvitationStatus.REVOKED: {"revoked_at__isnull": False},
            }[self.cleaned_data["status"]]
        )


class ChoosePasswordForm(GovukFormMixin, SetPasswordForm):
    """Django's SetPasswordForm (AUTH_PASSWORD_VALIDATORS) with the GOV.UK helper."""

    submit_label = "Set password"

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields["new_password1"].help_text = " ".join(password_validation.password_validators_help_texts())
        self.fields["new_password2"].label = "Type the password again"
        for field in self.fields.values():
            field.error_messages.setdefault("required", f"Enter {field.label.lower()}")
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].error_messages["required"] = "Type the password again"

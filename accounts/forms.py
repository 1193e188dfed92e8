from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.utils import timezone

from accounts.choices import InvitationStatus
from boards.choices import Arrangement
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


class BoardSetUpForm(GovukForm):
    """The site operator's new board and its first business manager."""

    submit_label = "Create the board and invite its manager"
    name = forms.CharField(
        label="Board name",
        max_length=200,
        help_text="As the board writes it, for example Northshire Safeguarding Children Partnership.",
        error_messages={"required": "Enter the board's name"},
    )
    slug = forms.SlugField(
        label="Short name for web addresses",
        max_length=60,
        help_text="Lower-case letters, numbers and hyphens, for example northshire.",
        error_messages={
            "required": "Enter a short name for web addresses",
            "invalid": "Use only lower-case letters, numbers and hyphens",
        },
    )
    arrangement = forms.ChoiceField(
        label="Arrangement and framework", choices=Arrangement.choices, initial=Arrangement.PARTNERSHIP_WT2023
    )
    areas = forms.CharField(
        label="Areas the board covers",
        help_text="The local authorities, one a line.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter at least one area"},
    )
    first_financial_year = forms.IntegerField(
        label="First financial year (the year it starts)",
        min_value=2000,
        max_value=2100,
        help_text="For example 2026 for 1 April 2026 to 31 March 2027.",
        error_messages={
            "required": "Enter the first financial year",
            "invalid": "Enter a year like 2026",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year up to 2100",
        },
    )
    manager_name = forms.CharField(
        label="Business manager's full name", max_length=200, error_messages={"required": "Enter the manager's name"}
    )
    manager_email = forms.EmailField(
        label="Business manager's email address",
        help_text="We send the invitation to sign in here.",
        error_messages={
            "required": "Enter the manager's email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()

    def clean_areas(self):
        areas = [line.strip() for line in self.cleaned_data["areas"].splitlines() if line.strip()]
        if not areas:
            raise forms.ValidationError("Enter at least one area")
        if any(len(area) > 120 for area in areas):
            raise forms.ValidationError("Each area's name must be 120 characters or fewer")
        if len(areas) > 30:
            raise forms.ValidationError("Enter no more than 30 areas")
        return areas


class SuspendBoardForm(GovukForm):
    submit_label = "Suspend the board"
    reason = forms.CharField(
        label="Reason (shown to the board's members)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PasswordResetRequestForm(GovukForm):
    """Django's PasswordResetForm's one field; the e-mail goes through accounts.tasks, and the
    page says the same whether or not the address has an account (no enumeration)."""

    submit_label = "Send me a link"
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )


class EmailChangeForm(GovukForm):
    """A new e-mail address, with the current password (a session left open is not enough)."""

    submit_label = "Send a confirmation link"
    new_email = forms.EmailField(
        label="New email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your new email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

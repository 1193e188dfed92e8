"""Forms of the report's approval: the chair's comments, return and approval; corrections;
publication and distribution. Views parse these, then call one service (reports.services.approval)."""

from django import forms
from django.utils import timezone

from lscb.forms import DateInput, GovukForm
from reports.models import Distribution


class ChairCommentForm(GovukForm):
    submit_label = "Add comment"

    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    section = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, section_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_ids = {pk for pk, _title in section_choices}

    def clean_section(self):
        section = self.cleaned_data.get("section")
        if section is not None and section not in self.section_ids:
            raise forms.ValidationError("Choose a section of this report.")
        return section


class ReturnForm(GovukForm):
    submit_label = "Return the report to the business manager"

    note = forms.CharField(
        label="Note to the business manager (optional if you commented on sections)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


class ApproveForm(GovukForm):
    submit_label = "Approve the report"

    password = forms.CharField(
        label="Your password",
        help_text="Enter your password again to approve. The report as it is now is frozen as a new revision.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )


class ReopenForm(GovukForm):
    submit_label = "Reopen for a correction"

    section = forms.TypedChoiceField(label="Section to correct", coerce=int, required=False, empty_value=None)
    reason = forms.CharField(label="What needs correcting", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "No particular section")] + [(s.pk, s.title) for s in sections]


class PublicationForm(GovukForm):
    submit_label = "Record publication"

    published_on = forms.DateField(label="Date published", widget=DateInput())
    web_address = forms.URLField(
        label="Web address of the published report (optional)", required=False, assume_scheme="https"
    )

    def clean_published_on(self):
        value = self.cleaned_data["published_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The publication date cannot be in the future.")
        return value


class DistributionForm(GovukForm):
    submit_label = "Record sending"

    recipient = forms.TypedChoiceField(label="Recipient", coerce=int)
    sent_on = forms.DateField(label="Date sent", widget=DateInput())
    method = forms.ChoiceField(label="How it was sent", choices=Distribution.Method.choices)
    presented_on = forms.DateField(label="Meeting date when presented (optional)", widget=DateInput(), required=False)
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = {r.pk: r for r in recipients}
        self.fields["recipient"].choices = [(r.pk, r.name) for r in recipients]

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date sent cannot be in the future.")
        return value

    def clean(self):
        cleaned = super().clean()
        sent_on, presented_on = cleaned.get("sent_on"), cleaned.get("presented_on")
        if sent_on and presented_on and presented_on < sent_on:
            self.add_error("presented_on", "The meeting date cannot be before the date sent.")
        if cleaned.get("recipient") in self.recipients:
            cleaned["recipient"] = self.recipients[cleaned["recipient"]]
        return cleaned


class RecipientForm(GovukForm):
    submit_label = "Add recipient"

    name = forms.CharField(label="Recipient", max_length=200, help_text="For example, the Youth Council.")

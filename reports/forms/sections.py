"""Forms for drafting the annual report. Views parse these, then call one service."""

from django import forms
from django.utils import timezone

from boards.models import financial_year_label, financial_year_start
from boards.models.board import FIRST_FINANCIAL_YEAR
from lscb.forms import DateInput, GovukForm, RichTextField
from reports.choices import SectionKind
from reports.docx_import import MAX_UPLOAD_BYTES, DocxError, check_docx
from reports.models import StatutoryFramework


class DraftingForm(GovukForm):
    """A form of the drafting pages (the GOV.UK base: server validation, error summary)."""


class ReportCreateForm(DraftingForm):
    submit_label = "Create the report"

    financial_year = forms.TypedChoiceField(
        label="Financial year the report covers", coerce=int, help_text="1 April to 31 March."
    )
    framework = forms.ModelChoiceField(
        label="Statutory guidance the report is written against",
        queryset=StatutoryFramework.objects.all(),
        empty_label=None,
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=200,
        help_text="Leave blank for the board’s name followed by “annual report” and the year.",
    )
    sections_due = forms.DateField(
        label="Sections due by", widget=DateInput(), help_text="Agencies and authors are reminded before this date."
    )
    due_date = forms.DateField(label="Report to be published by (optional)", widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = financial_year_start(timezone.localdate())
        # The year just ended is the usual one; the current year is offered for early drafting;
        # then every earlier year back to 2008/09, for a board entering its history.
        years = [current - 1, current, *range(current - 2, FIRST_FINANCIAL_YEAR - 1, -1)]
        self.fields["financial_year"].choices = [(y, financial_year_label(y)) for y in years]


class SectionAddForm(DraftingForm):
    submit_label = "Add section"

    kind = forms.ChoiceField(
        label="Kind of section",
        choices=SectionKind.choices,
        widget=forms.RadioSelect,
        initial=SectionKind.NARRATIVE,
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        help_text="Needed for a narrative section; agency and generated sections take their usual title if left blank.",
    )
    agency = forms.ModelChoiceField(
        label="Agency (for an agency contribution)", queryset=None, required=False, empty_label="Choose…"
    )
    generated_key = forms.ChoiceField(label="Records it is generated from (for a generated section)", required=False)
    due_date = forms.DateField(label="Due date (optional)", widget=DateInput(), required=False)

    def __init__(self, *args, report, generated_choices, **kwargs):
        super().__init__(*args, **kwargs)
        taken = report.sections.filter(kind=SectionKind.AGENCY).values("agency_id")
        self.fields["agency"].queryset = report.board.agencies.exclude(pk__in=taken).order_by("name")
        self.fields["generated_key"].choices = [("", "Choose…"), *generated_choices]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SectionKind.NARRATIVE and not (data.get("title") or "").strip():
            self.add_error("title", "Enter a title for the section")
        if kind == SectionKind.AGENCY and not data.get("agency"):
            self.add_error("agency", "Choose the agency that will write the section")
        if kind == SectionKind.GENERATED and not data.get("generated_key"):
            self.add_error("generated_key", "Choose the records the section is generated from")
        return data


class SectionRenameForm(DraftingForm):
    submit_label = "Save changes"

    title = forms.CharField(label="Title", max_length=200)
    due_date = forms.DateField(label="Due date", widget=DateInput(), required=False)
    guidance = forms.CharField(
        label="Guidance for the authors", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class SectionEditForm(DraftingForm):
    """The section's text. `version` is the version the person started from (optimistic locking)."""

    submit_label = "Save draft"

    html = RichTextField(
        label="Section text",
        required=False,
        rows=20,
        help_text="Headings, bold and italic, lists, tables, links and pictures are kept; anything else is "
        "removed when you save. You can paste from Word or a web page.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SectionUploadForm(DraftingForm):
    submit_label = "Upload"

    document = forms.FileField(
        label="Word document (.docx)",
        help_text=f"Your agency's draft. Pictures are kept. Up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. "
        "You see the converted text before it replaces the section's text; earlier versions are kept.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_document(self):
        # Only the bounded checks here (reports/docx_import.py); the conversion runs in a worker.
        upload = self.cleaned_data["document"]
        try:
            check_docx(upload)
        except DocxError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class SectionReturnForm(DraftingForm):
    submit_label = "Return for changes"

    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The authors see this with the section, and by e-mail.",
        error_messages={"required": "Say what needs to change"},
    )


class SectionMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

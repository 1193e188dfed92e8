"""Forms for quality assurance. Every form is a GovukModelForm/GovukForm; rich text via RichTextField."""

from django import forms
from django.core.exceptions import ValidationError

from assurance.choices import ActionStatus, FindingKind, Grade, LibraryKind, RatingScale, RoundType, ScrutinyMethod
from assurance.models import (
    ActionItem,
    Audit,
    AuditCase,
    Cycle,
    Finding,
    Moderation,
    ScrutinyActivity,
    StandardsLibrary,
    Survey,
)
from boards.models import Agency
from lscb.forms import DateInput, GovukForm, GovukModelForm, RichTextField
from reviews.forms import IdentifierCheckMixin


class LoadLibraryForm(GovukForm):
    submit_label = "Load the default standards"
    kind = forms.ChoiceField(
        choices=LibraryKind.choices,
        widget=forms.RadioSelect,
        label="Which standards?",
        error_messages={"required": "Select which standards to load"},
    )


class OrganisationLinkForm(GovukForm):
    submit_label = "Save"
    organisation = forms.CharField(
        required=False,
        max_length=200,
        label="Organisation behind this agency",
        help_text=(
            "The same name on each board this organisation serves (for example “Thames Valley Police”) lets it "
            "answer one return and share it with each board. Leave empty if it serves only this board."
        ),
    )


class CycleForm(GovukModelForm):
    submit_label = "Open the cycle"
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies or schools invited",
        error_messages={"required": "Select at least one agency to invite"},
    )

    class Meta:
        model = Cycle
        fields = ["title", "library", "round_type", "rating_scale", "period_start", "period_end", "due_date"]
        labels = {
            "title": "Title",
            "library": "Standards",
            "round_type": "Kind of round",
            "rating_scale": "How standards are rated",
            "period_start": "Period from",
            "period_end": "Period to",
            "due_date": "Returns due by",
        }
        error_messages = {
            "title": {"required": "Enter a title, for example “Section 11 audit 2026”"},
            "library": {"required": "Select the standards"},
            "period_start": {"required": "Enter the start of the period", "invalid": "Enter a real date"},
            "period_end": {"required": "Enter the end of the period", "invalid": "Enter a real date"},
            "due_date": {"required": "Enter the date returns are due", "invalid": "Enter a real date"},
        }
        widgets = {
            "round_type": forms.RadioSelect,
            "rating_scale": forms.RadioSelect,
            "period_start": DateInput(),
            "period_end": DateInput(),
            "due_date": DateInput(),
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = StandardsLibrary.objects.filter(board=board)
        self.fields["library"].empty_label = None
        self.fields["agencies"].queryset = Agency.objects.filter(board=board).order_by("name")
        self.fields["round_type"].choices = RoundType.choices
        self.fields["rating_scale"].choices = RatingScale.choices

    def clean(self):
        data = super().clean()
        start, end, due = data.get("period_start"), data.get("period_end"), data.get("due_date")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start")
        if start and due and due < start:
            self.add_error("due_date", "Returns cannot be due before the period starts")
        return data


class AnswerForm(GovukForm):
    """One standard of a return. `version` carries the answer's version the person started from."""

    submit_label = "Save this answer"
    rating = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="Your rating")
    not_applicable = forms.BooleanField(required=False, label="This standard does not apply to our agency")
    not_applicable_reason = forms.CharField(
        required=False, max_length=500, label="Why it does not apply", help_text="Needed if it does not apply."
    )
    narrative = RichTextField(
        required=False,
        label="Your evidence and account",
        help_text="What you do, how you know it works, and what you will improve.",
        rows=10,
    )
    upload = forms.FileField(
        required=False,
        label="Add an evidence file (optional)",
        help_text="PDF, Word, Excel, PNG or JPEG, up to 10 MB. Checked by its content.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1_000_000)

    def __init__(self, *args, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = ratings

    def clean(self):
        data = super().clean()
        if data.get("not_applicable") and data.get("rating"):
            self.add_error("rating", "Either rate the standard or mark it not applicable, not both")
        if data.get("not_applicable") and not (data.get("not_applicable_reason") or "").strip():
            self.add_error("not_applicable_reason", "Say why this standard does not apply to your agency")
        return data


class ModerationForm(GovukModelForm):
    """The challenge event, with an agreed rating per standard added as fields `agreed_<answer id>`."""

    submit_label = "Record the challenge event"
    notes = RichTextField(required=False, label="Challenge notes", rows=6)

    class Meta:
        model = Moderation
        fields = ["held_on", "panel", "notes"]
        labels = {"held_on": "Date of the challenge event", "panel": "Panel"}
        help_texts = {"panel": "Who sat on the panel, for example “QA sub-group: chair, health and police leads”."}
        error_messages = {
            "held_on": {"required": "Enter the date of the challenge event", "invalid": "Enter a real date"},
            "panel": {"required": "Say who sat on the panel"},
        }
        widgets = {"held_on": DateInput(), "panel": forms.TextInput}

    def __init__(self, *args, answers, ratings, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        for answer in answers:
            self.fields[f"agreed_{answer.pk}"] = forms.ChoiceField(
                choices=[("", "Not rated (not applicable)"), *ratings],
                required=False,
                label=f"Agreed rating: {answer.standard.number}. {answer.standard.title}",
                help_text=f"The agency said: {answer.rating_label}.",
                initial=answer.agreed_rating or answer.rating,
            )

    def agreed(self):
        return {a.pk: self.cleaned_data.get(f"agreed_{a.pk}", "") for a in self.answers}


class ActionItemForm(GovukModelForm):
    submit_label = "Save the action"

    class Meta:
        model = ActionItem
        fields = ["description", "standard", "due_date"]
        labels = {"description": "Action", "standard": "Standard it answers (optional)", "due_date": "Due date"}
        error_messages = {
            "description": {"required": "Say what the agency will do"},
            "due_date": {"required": "Enter the due date", "invalid": "Enter a real date"},
        }
        widgets = {"description": forms.TextInput, "due_date": DateInput()}

    def __init__(self, *args, return_record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = return_record.cycle.library.standards.all()


class ActionProgressForm(GovukModelForm):
    submit_label = "Save progress"

    class Meta:
        model = ActionItem
        fields = ["progress", "status"]
        labels = {"progress": "Progress", "status": "Status"}
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionStatus.choices

    def clean_progress(self):
        progress = self.cleaned_data["progress"].strip()
        if len(progress) > 5000:
            raise ValidationError("Keep the progress note under 5,000 characters")
        return progress


class AuditForm(GovukModelForm):
    submit_label = "Save the audit"
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies whose records are audited",
        error_messages={"required": "Select the agencies whose records are audited"},
    )

    class Meta:
        model = Audit
        fields = ["title", "theme", "programme_year", "reason", "lines_of_enquiry", "agencies", "reaudit_of"]
        labels = {
            "title": "Title",
            "theme": "Theme",
            "programme_year": "Programme year (the year the financial year starts, for example 2025)",
            "reason": "Why this theme (data, a review, an inspection)",
            "lines_of_enquiry": "Key lines of enquiry",
            "reaudit_of": "Re-audit of (optional)",
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "theme": {"required": "Enter the theme"},
            "programme_year": {"required": "Enter the programme year", "invalid": "Enter a year, like 2025"},
        }
        widgets = {"reason": forms.TextInput, "lines_of_enquiry": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(board=board).order_by("name")
        self.fields["reaudit_of"].queryset = Audit.objects.filter(board=board).exclude(pk=self.instance.pk)
        self.fields["programme_year"].widget = forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
        )

    def clean_programme_year(self):
        year = self.cleaned_data["programme_year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("Enter a year between 2000 and 2100")
        return year


class AuditCaseForm(IdentifierCheckMixin, GovukModelForm):
    """A sampled case by pseudonymous reference, with each audited agency's grade (`grade_<agency id>`)."""

    submit_label = "Add the case"
    identifier_fields = {"reference": "pseudonym", "summary": "text"}

    class Meta:
        model = AuditCase
        fields = ["reference", "summary"]
        labels = {"reference": "Case reference", "summary": "What the case is about (optional)"}
        help_texts = {"reference": "A pseudonymous reference such as “Case 3” or “Child C”: never a name."}
        error_messages = {"reference": {"required": "Enter the case reference"}}
        widgets = {"summary": forms.TextInput}

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"grade_{agency.pk}"] = forms.ChoiceField(
                choices=[("", "Not graded"), *Grade.choices], required=False, label=f"Grade: {agency.name}"
            )
        # The confirmation box last, after the grades.
        self.fields["confirm_no_identifiers"] = self.fields.pop("confirm_no_identifiers")

    def clean_reference(self):
        return " ".join(self.cleaned_data["reference"].split())

    def grades(self):
        return {a.pk: self.cleaned_data.get(f"grade_{a.pk}", "") for a in self.agencies}


class FindingForm(GovukModelForm):
    submit_label = "Add the finding"

    class Meta:
        model = Finding
        fields = ["kind", "theme", "text", "recommendation", "owner_agency", "action_due"]
        labels = {
            "kind": "Kind of finding",
            "theme": "Theme",
            "text": "Finding",
            "recommendation": "Recommendation (optional)",
            "owner_agency": "Agency owning the action (optional)",
            "action_due": "Action due by (optional)",
        }
        error_messages = {
            "kind": {"required": "Select strength or area for development"},
            "theme": {"required": "Enter the theme"},
            "text": {"required": "Say what the audit found"},
            "action_due": {"invalid": "Enter a real date"},
        }
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "recommendation": forms.TextInput,
            "action_due": DateInput(),
        }

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FindingKind.choices
        self.fields["owner_agency"].queryset = audit.agencies.all()

    def clean(self):
        data = super().clean()
        if data.get("owner_agency") and not data.get("action_due"):
            self.add_error("action_due", "Enter when the agency's action is due")
        return data


class ScrutinyActivityForm(GovukModelForm):
    submit_label = "Save the activity"

    class Meta:
        model = ScrutinyActivity
        fields = ["plan_year", "title", "method", "held_on", "findings", "recommendation"]
        labels = {
            "plan_year": "Plan year (the year the financial year starts)",
            "title": "Activity",
            "method": "Method",
            "held_on": "Date (optional while planned)",
            "findings": "Findings",
            "recommendation": "Recommendation to the safeguarding partners (optional)",
        }
        error_messages = {
            "plan_year": {"required": "Enter the plan year", "invalid": "Enter a year, like 2025"},
            "title": {"required": "Say what the activity is"},
            "method": {"required": "Select the method"},
            "held_on": {"invalid": "Enter a real date"},
        }
        widgets = {
            "method": forms.RadioSelect,
            "held_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "recommendation": forms.TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = ScrutinyMethod.choices
        self.fields["plan_year"].widget = forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
        )

    def clean_plan_year(self):
        year = self.cleaned_data["plan_year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("Enter a year between 2000 and 2100")
        return year


class ScrutinyResponseForm(GovukModelForm):
    submit_label = "Save the partners' response"

    class Meta:
        model = ScrutinyActivity
        fields = ["partners_response", "response_action", "action_due"]
        labels = {
            "partners_response": "The safeguarding partners' response",
            "response_action": "Action agreed (optional)",
            "action_due": "Action due by (optional)",
        }
        error_messages = {
            "partners_response": {"required": "Enter the partners' response"},
            "action_due": {"invalid": "Enter a real date"},
        }
        widgets = {
            "partners_response": forms.Textarea(attrs={"rows": 4}),
            "response_action": forms.TextInput,
            "action_due": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners_response"].required = True


class ScrutinyStatementForm(GovukForm):
    submit_label = "Attach the statement"
    revision = forms.ModelChoiceField(
        queryset=None,
        label="Revision of the annual report",
        empty_label=None,
        error_messages={"required": "Choose the revision", "invalid_choice": "Choose one of the revisions shown"},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        label="The scrutineer's statement",
        error_messages={"required": "Write the statement"},
    )

    def __init__(self, *args, board, **kwargs):
        from reports.models import ReportRevision  # noqa: PLC0415

        super().__init__(*args, **kwargs)
        self.fields["revision"].queryset = (
            ReportRevision.objects.filter(report__board=board, scrutiny_statement__isnull=True)
            .select_related("report")
            .order_by("-report__financial_year", "-number")
        )


class SurveyForm(GovukModelForm):
    submit_label = "Save the survey"

    class Meta:
        model = Survey
        fields = ["title", "year", "questions"]
        labels = {
            "title": "Title",
            "year": "Year (the year the financial year starts)",
            "questions": "Statements practitioners agreed or disagreed with",
        }
        help_texts = {"questions": "One a line. Only the numbers who answered and agreed are kept, per agency."}
        error_messages = {
            "title": {"required": "Enter a title"},
            "year": {"required": "Enter the year", "invalid": "Enter a year, like 2025"},
            "questions": {"required": "Enter at least one statement"},
        }
        widgets = {"questions": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("Enter a year between 2000 and 2100")
        return year


class SurveyResultsForm(GovukForm):
    """One agency's counts: for each statement, how many answered and how many agreed."""

    submit_label = "Save the agency's results"
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="Agency", error_messages={"required": "Choose the agency"}
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=survey.board).order_by("name")
        self.questions = survey.question_list
        for n, question in enumerate(self.questions, start=1):
            for name, label in (("responses", "answered"), ("agreeing", "agreed")):
                self.fields[f"{name}_{n}"] = forms.CharField(
                    label=f"{n}. {question}: number who {label}",
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}),
                    error_messages={"required": f"Enter the number who {label}"},
                )

    def clean(self):
        data = super().clean()
        for n in range(1, len(self.questions) + 1):
            values = {}
            for name in ("responses", "agreeing"):
                raw = (data.get(f"{name}_{n}") or "").strip().replace(",", "")
                if not raw.isascii() or not raw.isdigit() or int(raw) > 1_000_000:
                    if f"{name}_{n}" not in self.errors:
                        self.add_error(f"{name}_{n}", "Enter a whole number")
                    continue
                values[name] = int(raw)
            if len(values) == 2 and values["agreeing"] > values["responses"]:
                self.add_error(f"agreeing_{n}", "The number who agreed cannot be more than the number who answered")
            data[f"count_{n}"] = (values.get("responses"), values.get("agreeing"))
        return data

    def counts(self):
        return {n: self.cleaned_data[f"count_{n}"] for n in range(1, len(self.questions) + 1)}

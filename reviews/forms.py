"""Forms for case reviews. Every form is a GovukModelForm/GovukForm; rich text via RichTextField."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from boards.models import Agency
from lscb.forms import DateInput, GovukForm, GovukModelForm, RichTextField
from reviews.choices import ActionStatus, DocumentKind
from reviews.models import CaseReview, LearningPoint, LearningProduct, Recommendation, ReviewAction, Theme
from reviews.pseudonyms import pseudonym_warnings, text_warnings

CONFIRM_LABEL = "I have checked: this is not a real name or date of birth"


class IdentifierCheckMixin:
    """Warn when a pseudonym or text looks like a real identifier; save only once confirmed.

    `identifier_fields` maps field → "pseudonym" or "text". The confirmation box appears
    (with the warnings) only after a warning, so ordinary saves need no extra tick.
    """

    identifier_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_no_identifiers"] = forms.BooleanField(
            required=False, label=CONFIRM_LABEL, widget=forms.HiddenInput
        )
        self.identifier_warnings = []

    def clean(self):
        cleaned = super().clean()
        warnings = []
        for name, kind in self.identifier_fields.items():
            value = cleaned.get(name) or ""
            warnings += pseudonym_warnings(value) if kind == "pseudonym" else text_warnings(value)
        self.identifier_warnings = warnings
        if warnings and not cleaned.get("confirm_no_identifiers"):
            self.fields["confirm_no_identifiers"].widget = forms.CheckboxInput()
            first = next(iter(self.identifier_fields))
            self.add_error(
                "confirm_no_identifiers",
                ValidationError(
                    " ".join(warnings) + " Never enter a child's real name or date of birth: "
                    "change it, or tick the box to confirm it is not a real identifier."
                ),
            )
            self.add_error(first, "Check this is a pseudonym, not a real name or date of birth.")
        return cleaned


class ChangePageLabelMixin:
    """An add page's form serves its change page too (pre-filled from `instance`): there the
    button says "Save changes"."""

    change_label = "Save changes"

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.submit_label = self.change_label
        super().__init__(*args, **kwargs)


class CaseReviewForm(IdentifierCheckMixin, GovukModelForm):
    submit_label = "Save review"
    identifier_fields = {"pseudonym": "pseudonym", "summary": "text"}

    new_themes = forms.CharField(
        required=False,
        label="New themes",
        help_text="Themes not in the list above, separated by commas (for example: Neglect, Exploitation).",
        max_length=500,
    )
    summary = RichTextField(
        required=False, rows=6, label="Summary", help_text="Circumstances in brief. Use the pseudonym only."
    )

    class Meta:
        model = CaseReview
        fields = [
            "pseudonym",
            "review_type",
            "framework",
            "harm_type",
            "became_aware_on",
            "agencies_involved",
            "themes",
            "new_themes",
            "independent_reviewer",
            "methodology",
            "summary",
            "is_restricted",
        ]
        labels = {
            "became_aware_on": "Date the partnership became aware (T0)",
            "review_type": "Type of review",
            "harm_type": "Harm",
            "is_restricted": "Restricted: hide drafts from agency authors",
        }
        help_texts = {"became_aware_on": "The notification is due 5 working days after this date."}
        widgets = {
            "became_aware_on": DateInput(),
            "agencies_involved": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies_involved"].queryset = Agency.objects.filter(board=board)
        self.fields["themes"].queryset = Theme.objects.for_board(board)
        if self.instance.pk:
            # The type follows the lifecycle (a rapid review becomes an LCSPR) once past identified.
            self.fields["review_type"].disabled = self.instance.status != "identified"

    def clean_new_themes(self):
        names = [" ".join(name.split()) for name in self.cleaned_data["new_themes"].split(",")]
        names = [name for name in names if name]
        if any(len(name) > 120 for name in names):
            raise ValidationError("Each theme must be 120 characters or fewer.")
        return list(dict.fromkeys(names))

    def clean_became_aware_on(self):
        value = self.cleaned_data["became_aware_on"]
        if value and value > timezone.localdate():
            raise ValidationError("The date the partnership became aware must be today or in the past.")
        return value

    def clean(self):
        cleaned = super().clean()
        aware = cleaned.get("became_aware_on")
        if aware and self.instance.pk:
            probe = CaseReview(**{f: getattr(self.instance, f) for f in ("notified_on", "decision_on", "closed_on")})
            probe.became_aware_on = aware
            for field, message in probe.date_order_errors().items():
                self.add_error("became_aware_on", f"{message} (recorded {field.replace('_', ' ')}).")
        return cleaned


class TransitionForm(GovukForm):
    """The dates and reasons a lifecycle step needs, built from its Transition."""

    def __init__(self, *args, transition, **kwargs):
        self.submit_label = transition.label
        super().__init__(*args, **kwargs)
        for name, what in transition.dates:
            self.fields[name] = forms.DateField(
                label=what[0].upper() + what[1:],
                widget=DateInput(),
                error_messages={"required": f"Enter {what}", "invalid": f"Enter {what} as a real date"},
            )
        for name, what in transition.reasons:
            self.fields[name] = forms.CharField(
                label=what[0].upper() + what[1:],
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": f"Enter {what}"},
            )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name, value in cleaned.items():
            if hasattr(value, "year") and value > today:
                self.add_error(name, "The date must be today or in the past.")
        return cleaned


class LearningPointForm(ChangePageLabelMixin, IdentifierCheckMixin, GovukModelForm):
    submit_label = "Add learning point"
    identifier_fields = {"title": "text", "detail": "text"}

    class Meta:
        model = LearningPoint
        fields = ["title", "detail", "themes"]
        labels = {"title": "Learning point"}
        error_messages = {"title": {"required": "Enter the learning point"}}
        widgets = {"detail": forms.Textarea(attrs={"rows": 5}), "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.for_board(board)


class RecommendationForm(ChangePageLabelMixin, IdentifierCheckMixin, GovukModelForm):
    submit_label = "Add recommendation"
    identifier_fields = {"text": "text"}

    class Meta:
        model = Recommendation
        fields = ["text"]
        labels = {"text": "Recommendation"}
        error_messages = {"text": {"required": "Enter the recommendation"}}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)


class ReviewActionForm(ChangePageLabelMixin, GovukModelForm):
    submit_label = "Add action"

    class Meta:
        model = ReviewAction
        fields = ["agency", "description", "due_date"]
        labels = {"agency": "Owning agency", "description": "Action"}
        error_messages = {
            "agency": {"required": "Select the agency that owns the action"},
            "description": {"required": "Enter the action"},
            "due_date": {
                "required": "Enter the date the action is due",
                "invalid": "Enter the due date as a real date",
            },
        }
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board)


class ActionUpdateForm(GovukForm):
    submit_label = "Save progress"

    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect)
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What shows the action is done and has made a difference.",
    )
    completed_on = forms.DateField(required=False, widget=DateInput(), label="Date completed")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.COMPLETE:
            if not cleaned.get("completed_on"):
                self.add_error("completed_on", "Enter the date the action was completed")
            if not (cleaned.get("evidence") or "").strip():
                self.add_error("evidence", "Describe the evidence that the action is complete")
        if (done := cleaned.get("completed_on")) and done > timezone.localdate():
            self.add_error("completed_on", "The date must be today or in the past.")
        return cleaned


class LearningProductForm(ChangePageLabelMixin, GovukModelForm):
    submit_label = "Add learning product"

    class Meta:
        model = LearningProduct
        fields = ["kind", "title", "issued_on", "what_changed", "learning_points"]
        labels = {"kind": "Kind of product", "issued_on": "Date issued", "learning_points": "Learning it carries"}
        error_messages = {
            "kind": {"required": "Select the kind of product"},
            "title": {"required": "Enter the title"},
            "issued_on": {
                "required": "Enter the date it was issued",
                "invalid": "Enter the date issued as a real date",
            },
            "what_changed": {"required": "Enter what changed in practice because of it"},
        }
        widgets = {
            "issued_on": DateInput(),
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "learning_points": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learning_points"].queryset = review.learning_points.all()
        self.fields["learning_points"].required = True
        self.fields["learning_points"].error_messages["required"] = "Select the learning this product carries"


class DocumentUploadForm(GovukForm):
    submit_label = "Upload"

    kind = forms.ChoiceField(choices=DocumentKind.choices, widget=forms.RadioSelect, label="What is it?")
    upload = forms.FileField(label="File", help_text="A PDF, or a Word (.docx) file for a learning brief. Up to 20 MB.")


class LibrarySearchForm(GovukForm):
    submit_label = "Search"

    q = forms.CharField(required=False, label="Search learning points and recommendations", max_length=200)

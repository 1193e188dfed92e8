"""Forms for the business plan: plans, priorities, actions and their progress updates."""

from django import forms
from django.utils import timezone

from boards.choices import RAG
from boards.forms.common import check_dates_in_order
from boards.models import Action, Agency, BusinessPlan, Person, Priority, ProgressUpdate
from lscb.forms import DateInput, GovukForm, GovukModelForm


def style_widgets(form):
    """GOV.UK classes for widgets crispy-forms-gds leaves unstyled (dates, numbers)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.DateInput):
            widget.attrs.setdefault("class", "govuk-input govuk-input--width-10")
        elif isinstance(widget, forms.NumberInput):
            # A text input with a numeric keyboard: GOV.UK's advice for numbers.
            field.widget = forms.TextInput(attrs={**widget.attrs, "inputmode": "decimal", "spellcheck": "false"})
            field.widget.attrs["class"] = "govuk-input govuk-input--width-10"
            field.widget.attrs.pop("step", None)


class PlanModelForm(GovukModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class BusinessPlanForm(PlanModelForm):
    class Meta:
        model = BusinessPlan
        fields = ["title", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        check_dates_in_order(self, "start_date", "end_date", "The end date must be on or after the start date")
        return cleaned


class PriorityForm(PlanModelForm):
    class Meta:
        model = Priority
        fields = ["number", "title", "description", "hwb_strategy_priority"]
        help_texts = {"hwb_strategy_priority": "Optional: the Health and Wellbeing Strategy priority this supports"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["number"].min_value = 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number < 1:
            raise forms.ValidationError("The number must be 1 or more")
        clash = Priority.objects.filter(plan=self.plan, number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"This plan already has a priority {number}")
        return number


def _board_agencies(board):
    return Agency.objects.filter(board=board).order_by("name")


def _board_people(board):
    return Person.objects.filter(memberships__board=board).distinct().order_by("full_name")


class ActionStatusMixin:
    """RAG and the little-or-no-progress flag: what an agency author may change themselves."""

    def clean(self):
        cleaned = super().clean()
        flagged = cleaned.get("little_or_no_progress")
        cause = (cleaned.get("little_or_no_progress_cause") or "").strip()
        if flagged and not cause:
            self.add_error("little_or_no_progress_cause", "Say what is causing little or no progress")
        if not flagged:
            cleaned["little_or_no_progress_cause"] = ""
        if flagged and cleaned.get("rag") == RAG.COMPLETE:
            self.add_error("rag", "A complete action cannot be flagged as making little or no progress")
        return cleaned


class ActionForm(ActionStatusMixin, PlanModelForm):
    """Everything about an action: for the business manager."""

    class Meta:
        model = Action
        fields = [
            "title",
            "owner_agency",
            "owner_person",
            "opened_on",
            "due_date",
            "rag",
            "little_or_no_progress",
            "little_or_no_progress_cause",
        ]
        labels = {
            "owner_agency": "Owning agency",
            "owner_person": "Named person (optional)",
            "opened_on": "Work started",
            "little_or_no_progress": "Little or no progress",
        }
        help_texts = {
            "owner_agency": "The agency need not have anyone with an account",
            "little_or_no_progress_cause": "Needed when little or no progress is flagged",
        }
        widgets = {
            "opened_on": DateInput(),
            "due_date": DateInput(),
            "little_or_no_progress_cause": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.owner_choices(board, self.instance.owner_agency_id)
        self.fields["owner_agency"].required = True
        self.fields["owner_person"].queryset = _board_people(board)

    def clean(self):
        cleaned = super().clean()
        opened, due = cleaned.get("opened_on"), cleaned.get("due_date")
        if opened and due and due < opened:
            self.add_error("due_date", "The due date must be on or after the date the work started")
        return cleaned


class ActionStatusForm(ActionStatusMixin, PlanModelForm):
    """RAG and little-or-no-progress only: for the author of the owning agency."""

    class Meta:
        model = Action
        fields = ["rag", "little_or_no_progress", "little_or_no_progress_cause"]
        labels = {"little_or_no_progress": "Little or no progress"}
        help_texts = {"little_or_no_progress_cause": "Needed when little or no progress is flagged"}
        widgets = {"little_or_no_progress_cause": forms.Textarea(attrs={"rows": 3})}


class ProgressUpdateForm(PlanModelForm):
    submit_label = "Add progress update"

    class Meta:
        model = ProgressUpdate
        fields = ["date", "text", "evidence_of_impact", "rag"]
        labels = {"rag": "RAG now (optional)"}
        help_texts = {
            "evidence_of_impact": "What difference has this made for children and families? How do you know?",
            "rag": "Leave blank to keep the action's current RAG",
        }
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 5}),
            "evidence_of_impact": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [("", "Keep as it is"), *RAG.choices]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of an update cannot be in the future")
        if date < self.action.opened_on:
            raise forms.ValidationError("The date cannot be before the work on the action started")
        return date


ATTENTION_CHOICES = [
    ("", "All actions"),
    ("overdue", "Overdue"),
    ("long_open", "Open for more than a year"),
    ("little_progress", "Little or no progress"),
    ("open", "All open actions"),
]


class ActionFilterForm(GovukForm):
    """The filters above the list of actions (GET)."""

    submit_label = "Filter"

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, empty_label="Any agency")
    rag = forms.ChoiceField(label="RAG", choices=[("", "Any"), *RAG.choices], required=False)
    attention = forms.ChoiceField(label="Show", choices=ATTENTION_CHOICES, required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _board_agencies(board)
        self.helper.form_method = "get"

    def apply(self, actions, today):
        if not self.is_valid():
            return actions
        data = self.cleaned_data
        if data.get("agency"):
            actions = actions.filter(owner_agency=data["agency"])
        if data.get("rag"):
            actions = actions.filter(rag=data["rag"])
        attention = data.get("attention")
        if attention == "overdue":
            actions = actions.overdue(today)
        elif attention == "long_open":
            actions = actions.long_open(today)
        elif attention == "little_progress":
            actions = actions.open().filter(little_or_no_progress=True)
        elif attention == "open":
            actions = actions.open()
        return actions

"""Forms for sub-groups. Every form is a GovukModelForm/GovukForm; rich text via RichTextField."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags

from boards.choices import RAG
from boards.models import Action, Agency, Area, Person, financial_year_label, financial_year_start
from boards.models.board import FIRST_FINANCIAL_YEAR
from lscb.forms import DateInput, GovukForm, GovukModelForm, RichTextField
from subgroups.choices import MemberRole, Quarter, SubGroupKind
from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem


def board_people(board):
    """People who hold (or held) a membership of the board: those who can chair or sit on its sub-groups."""
    return Person.objects.filter(memberships__board=board).distinct().order_by("full_name")


def _has_text(html):
    return bool(strip_tags(html or "").strip())


class SubGroupForm(GovukModelForm):
    terms_of_reference = RichTextField(
        required=False,
        label="Terms of reference",
        help_text="What the group is for, who sits on it, how often it meets and whom it reports to.",
    )

    class Meta:
        model = SubGroup
        fields = [
            "name",
            "kind",
            "area",
            "purpose",
            "chair_person",
            "chair_agency",
            "terms_of_reference",
            "start_date",
            "end_date",
        ]
        labels = {
            "kind": "Kind of group",
            "area": "Area (local partnership groups)",
            "purpose": "Purpose in one sentence",
            "chair_person": "Chair",
            "chair_agency": "Chair's agency",
            "start_date": "Start date",
            "end_date": "End date",
        }
        error_messages = {
            "name": {"required": "Enter the sub-group's name"},
            "kind": {"required": "Select the kind of group"},
            "start_date": {"required": "Enter the start date", "invalid": "Enter the start date as a real date"},
            "end_date": {"invalid": "Enter the end date as a real date"},
        }
        help_texts = {
            "purpose": "Shown in the annual report's governance section.",
            "end_date": "Required for a task-and-finish group.",
            "chair_person": "To keep the work plan here, the chair also needs the board role “Sub-group chair”.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "purpose": forms.TextInput,
        }

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(board=board)
        self.fields["chair_agency"].queryset = Agency.objects.filter(board=board)
        self.fields["chair_person"].queryset = board_people(board)
        self.fields["kind"].choices = SubGroupKind.choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = SubGroup.objects.filter(board=self.board, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("The board already has a sub-group with this name")
        return name

    def clean(self):
        cleaned = super().clean()
        start, end, kind = cleaned.get("start_date"), cleaned.get("end_date"), cleaned.get("kind")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        if kind == SubGroupKind.TASK_AND_FINISH and not end and "end_date" not in self.errors:
            self.add_error("end_date", "Enter an end date: a task-and-finish group has one")
        if kind == SubGroupKind.LOCAL_PARTNERSHIP and not cleaned.get("area") and "area" not in self.errors:
            self.add_error("area", "Select the area a local partnership group serves")
        return cleaned


class SubGroupMemberForm(GovukModelForm):
    class Meta:
        model = SubGroupMember
        fields = ["person", "agency", "role"]
        labels = {"person": "Person", "agency": "Agency they represent", "role": "Role in the group"}
        error_messages = {
            "person": {"required": "Select the person"},
            "role": {"required": "Select their role in the group"},
        }
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, subgroup, **kwargs):
        self.subgroup = subgroup
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = board_people(subgroup.board)
        self.fields["agency"].queryset = Agency.objects.filter(board=subgroup.board)
        self.fields["role"].choices = MemberRole.choices

    def clean_person(self):
        person = self.cleaned_data["person"]
        clash = SubGroupMember.objects.filter(subgroup=self.subgroup, person=person).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("This person is already a member of the sub-group")
        return person


class SubGroupMeetingForm(GovukModelForm):
    notes = RichTextField(required=False, label="Notes", help_text="Decisions, actions agreed and who attended.")

    class Meta:
        model = SubGroupMeeting
        fields = ["date", "notes"]
        labels = {"date": "Date of the meeting"}
        error_messages = {"date": {"required": "Enter the date of the meeting", "invalid": "Enter a real date"}}
        widgets = {"date": DateInput()}

    def __init__(self, *args, subgroup, **kwargs):
        self.subgroup = subgroup
        super().__init__(*args, **kwargs)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < self.subgroup.start_date:
            raise ValidationError("The meeting date must be on or after the sub-group's start date")
        clash = SubGroupMeeting.objects.filter(subgroup=self.subgroup, date=date).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("A meeting on this date is already recorded")
        return date


class WorkPlanItemForm(GovukModelForm):
    class Meta:
        model = WorkPlanItem
        fields = ["title", "description", "owner_person", "owner_agency", "due_date", "rag", "action"]
        labels = {
            "title": "Title",
            "description": "Description",
            "owner_person": "Owner (optional)",
            "owner_agency": "Owning agency (optional)",
            "due_date": "Due date",
            "rag": "RAG status",
            "action": "Business plan action this delivers (optional)",
        }
        error_messages = {
            "title": {"required": "Enter a title for the work-plan item"},
            "due_date": {"required": "Enter the due date", "invalid": "Enter the due date as a real date"},
            "rag": {"required": "Select the RAG status"},
        }
        help_texts = {"action": "Links the item to an action of the board's business plan that this sub-group owns."}
        widgets = {"due_date": DateInput(), "rag": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, subgroup, **kwargs):
        self.subgroup = subgroup
        super().__init__(*args, **kwargs)
        board = subgroup.board
        self.fields["owner_person"].queryset = board_people(board)
        self.fields["owner_agency"].queryset = Agency.objects.owner_choices(board, self.instance.owner_agency_id)
        self.fields["action"].queryset = (
            Action.objects.filter(priority__plan__board=board)
            .select_related("priority")
            .order_by("priority__number", "due_date", "id")
        )
        self.fields["action"].label_from_instance = lambda a: f"{a.priority.number}. {a.title}"
        self.fields["rag"].choices = RAG.choices

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        clash = WorkPlanItem.objects.filter(subgroup=self.subgroup, title__iexact=title).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("The work plan already has an item with this title")
        return title


def financial_year_choices(since: int, today=None):
    """Financial years from the one the sub-group started in (not before 2008/09) to next year."""
    current = financial_year_start(today or timezone.localdate())
    first = max(min(since, current - 1), FIRST_FINANCIAL_YEAR)
    return [(year, financial_year_label(year)) for year in range(current + 1, first - 1, -1)]


class HighlightUpdateForm(GovukModelForm):
    financial_year = forms.TypedChoiceField(
        label="Financial year", coerce=int, choices=(), error_messages={"required": "Select the financial year"}
    )
    progress = RichTextField(
        label="Progress this quarter",
        rows=8,
        help_text="What the group did this quarter against its work plan.",
        error_messages={"required": "Enter the progress made this quarter"},
    )
    impact = RichTextField(required=False, label="Impact: what difference it made", rows=6)
    risks = RichTextField(required=False, label="Risks and escalations to the board", rows=6)

    class Meta:
        model = HighlightUpdate
        fields = ["financial_year", "quarter", "progress", "impact", "risks"]
        labels = {"quarter": "Quarter"}
        error_messages = {"quarter": {"required": "Select the quarter"}}
        widgets = {"quarter": forms.RadioSelect}

    def __init__(self, *args, subgroup, **kwargs):
        self.subgroup = subgroup
        super().__init__(*args, **kwargs)
        choices = financial_year_choices(financial_year_start(subgroup.start_date))
        if self.instance.pk and self.instance.financial_year not in dict(choices):
            choices.append((self.instance.financial_year, financial_year_label(self.instance.financial_year)))
        self.fields["financial_year"].choices = choices
        self.fields["quarter"].choices = Quarter.choices

    def clean_progress(self):
        progress = self.cleaned_data["progress"]
        if not _has_text(progress):
            raise ValidationError("Enter the progress made this quarter")
        return progress

    def clean(self):
        cleaned = super().clean()
        year, quarter = cleaned.get("financial_year"), cleaned.get("quarter")
        if year is not None and quarter is not None:
            clash = HighlightUpdate.objects.filter(subgroup=self.subgroup, financial_year=year, quarter=quarter)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("quarter", f"There is already an update for Q{quarter} {financial_year_label(year)}")
        return cleaned


class SubGroupFilterForm(GovukForm):
    """Filters on the sub-group list (GET)."""

    submit_label = "Filter"

    STATUS_CHOICES = [("", "All"), ("active", "Active"), ("ended", "Ended")]

    q = forms.CharField(label="Name contains", required=False)
    kind = forms.ChoiceField(label="Kind of group", required=False, choices=[("", "All kinds"), *SubGroupKind.choices])
    area = forms.ModelChoiceField(label="Area", required=False, queryset=Area.objects.none(), empty_label="All areas")
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(board=board)
        self.helper.form_method = "get"

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(name__icontains=data["q"].strip())
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("area"):
            queryset = queryset.filter(area=data["area"])
        if data.get("status") == "active":
            queryset = queryset.active()
        elif data.get("status") == "ended":
            queryset = queryset.ended()
        return queryset


class WorkPlanFilterForm(GovukForm):
    """Filters on the board-wide work plan (GET)."""

    submit_label = "Filter"

    subgroup = forms.ModelChoiceField(
        label="Sub-group", required=False, queryset=SubGroup.objects.none(), empty_label="All sub-groups"
    )
    rag = forms.ChoiceField(label="RAG status", required=False, choices=[("", "Any"), *RAG.choices])
    due = forms.ChoiceField(
        label="Due", required=False, choices=[("", "Any time"), ("open", "Still open"), ("overdue", "Overdue")]
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgroup"].queryset = SubGroup.objects.filter(board=board).order_by("name")
        self.helper.form_method = "get"

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("subgroup"):
            queryset = queryset.filter(subgroup=data["subgroup"])
        if data.get("rag"):
            queryset = queryset.filter(rag=data["rag"])
        if data.get("due") == "open":
            queryset = queryset.open()
        elif data.get("due") == "overdue":
            queryset = queryset.overdue()
        return queryset

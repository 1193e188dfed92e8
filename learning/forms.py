"""Forms for learning records. Every form is a GovukModelForm/GovukForm."""

from django import forms
from django.core.exceptions import ValidationError

from boards.models import Agency, Priority, financial_year_label, financial_year_start
from learning import permissions
from learning.choices import AgeBand, Cohort, QuestionKind
from learning.models import (
    STAGE_TIMESCALE_WORKING_DAYS,
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    KeyMessage,
    TrainerDays,
    TrainingReturn,
    TrainingSession,
)
from lscb.forms import DateInput, GovukForm, GovukModelForm
from reviews.forms import IdentifierCheckMixin
from reviews.models import LearningPoint, LearningProduct


def _board_agencies(board):
    return Agency.objects.filter(board=board).order_by("name")


class CourseForm(GovukModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "level",
            "audience",
            "competencies",
            "description",
            "learning_points",
            "changed_because",
            "is_active",
        ]
        widgets = {
            "level": forms.RadioSelect,
            "competencies": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "learning_points": forms.CheckboxSelectMultiple,
        }
        labels = {"learning_points": "Learning points from case reviews this course teaches"}
        error_messages = {
            "title": {"required": "Enter the course title"},
            "level": {"required": "Select the level"},
            "audience": {"required": "Enter who the course is for"},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["learning_points"].queryset = (
            LearningPoint.objects.filter(review__board=board)
            .select_related("review")
            .order_by("review__pseudonym", "pk")
        )
        self.fields["learning_points"].label_from_instance = lambda p: f"{p.review.pseudonym}: {p.title[:80]}"

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        clash = Course.objects.filter(board=self.board, title__iexact=title).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("The board already has a course with this title")
        return title


class SessionForm(GovukModelForm):
    class Meta:
        model = TrainingSession
        fields = ["held_on", "mode", "capacity", "venue"]
        widgets = {"held_on": DateInput(), "mode": forms.RadioSelect}
        error_messages = {
            "held_on": {"required": "Enter the date of the session", "invalid": "Enter the date as a real date"},
            "mode": {"required": "Select how the session is delivered"},
            "capacity": {"required": "Enter the number of places", "invalid": "Enter the places as a whole number"},
        }

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1 or capacity > 10000:
            raise ValidationError("Enter between 1 and 10,000 places")
        return capacity


class TrainerDaysForm(GovukModelForm):
    class Meta:
        model = TrainerDays
        fields = ["agency", "days"]
        labels = {"days": "Trainer days given"}
        error_messages = {"agency": {"required": "Select the agency"}, "days": {"required": "Enter the days"}}

    def __init__(self, *args, board, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["agency"].queryset = _board_agencies(board)

    def clean(self):
        cleaned = super().clean()
        days, agency = cleaned.get("days"), cleaned.get("agency")
        if days is not None and not (0 < days <= 100):
            self.add_error("days", "Enter between 0.5 and 100 days")
        if agency and self.session.trainer_days.filter(agency=agency).exclude(pk=self.instance.pk).exists():
            self.add_error("agency", f"{agency} already has trainer days on this session: change them instead")
        return cleaned


class AttendanceForm(GovukModelForm):
    class Meta:
        model = Attendance
        fields = ["name", "email", "agency", "manager_email", "status"]
        widgets = {"status": forms.RadioSelect}
        help_texts = {"manager_email": "The 6-week evaluation goes to the manager, to answer with the attendee."}
        error_messages = {
            "name": {"required": "Enter the attendee's name"},
            "email": {"required": "Enter the attendee's e-mail", "invalid": "Enter a real e-mail address"},
            "agency": {"required": "Select the attendee's agency"},
            "manager_email": {"invalid": "Enter a real e-mail address"},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _board_agencies(board)

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class AttendanceUploadForm(GovukForm):
    submit_label = "Upload attendance"
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: Name, Email, Agency, Status (Booked, Attended, Cancelled or No-show), Manager email. "
        "Up to 1 MB.",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".csv"):
            raise ValidationError("The file must be a CSV file (ending .csv)")
        return uploaded


class EvaluationForm(GovukForm):
    """The questions of one questionnaire: a 1–5 scale (radios) or a short text each."""

    submit_label = "Send my answers"
    SCALE = [
        (str(n), label)
        for n, label in (
            (5, "5 Strongly agree"),
            (4, "4 Agree"),
            (3, "3 Neither"),
            (2, "2 Disagree"),
            (1, "1 Strongly disagree"),
        )
    ]

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.number}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=self.SCALE,
                    widget=forms.RadioSelect,
                    error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer"},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
                )

    def answers(self):
        found = {}
        for question in self.questions:
            value = self.cleaned_data[f"q{question.number}"]
            if question.kind == QuestionKind.SCALE:
                found[question] = (int(value), "")
            else:
                found[question] = (None, value.strip())
        return found


class DisseminationForm(GovukModelForm):
    class Meta:
        model = Dissemination
        fields = ["product", "agency", "team", "used_on", "staff_reached", "action_agreed", "evidence"]
        labels = {"product": "Learning product", "team": "Team or service"}
        widgets = {
            "used_on": DateInput(),
            "action_agreed": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"evidence": "What shows practice changed: an audit, a supervision note, a re-referral rate."}
        error_messages = {
            "product": {"required": "Select the learning product"},
            "agency": {"required": "Select the agency"},
            "team": {"required": "Enter the team"},
            "used_on": {"required": "Enter the date it was used", "invalid": "Enter the date as a real date"},
            "staff_reached": {"required": "Enter how many staff it reached"},
            "action_agreed": {"required": "Enter the action the team agreed"},
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        board = access.board
        self.fields["product"].queryset = LearningProduct.objects.filter(review__board=board).order_by("title")
        self.fields["agency"].queryset = permissions.agency_choices(access, _board_agencies(board))


def financial_year_choices(today):
    this_year = financial_year_start(today)
    return [(str(y), financial_year_label(y)) for y in range(this_year, this_year - 5, -1)]


class TrainingReturnForm(GovukModelForm):
    financial_year = forms.TypedChoiceField(coerce=int, label="Financial year")

    class Meta:
        model = TrainingReturn
        fields = [
            "agency",
            "financial_year",
            "staff_in_scope",
            "trained_level_1",
            "trained_level_2",
            "trained_level_3",
            "compliance_percent",
            "commentary",
        ]
        widgets = {"commentary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"compliance_percent": "Staff whose safeguarding training is in date, as a percentage."}
        error_messages = {
            "agency": {"required": "Select the agency"},
            "staff_in_scope": {"required": "Enter the staff who need training"},
            "trained_level_1": {"required": "Enter the staff trained at level 1"},
            "trained_level_2": {"required": "Enter the staff trained at level 2"},
            "trained_level_3": {"required": "Enter the staff trained at level 3"},
            "compliance_percent": {"required": "Enter the compliance percentage"},
        }

    def __init__(self, *args, access, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = permissions.agency_choices(access, _board_agencies(access.board))
        self.fields["financial_year"].choices = financial_year_choices(today)

    def clean(self):
        cleaned = super().clean()
        percent = cleaned.get("compliance_percent")
        if percent is not None and not (0 <= percent <= 100):
            self.add_error("compliance_percent", "Enter a percentage from 0 to 100")
        agency, year = cleaned.get("agency"), cleaned.get("financial_year")
        if agency and year:
            clash = TrainingReturn.objects.filter(agency=agency, financial_year=year).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "financial_year", f"{agency} has already made its return for {financial_year_label(year)}"
                )
        return cleaned


class EngagementActivityForm(IdentifierCheckMixin, GovukModelForm):
    identifier_fields = {"title": "text", "audience": "text"}
    age_bands = forms.MultipleChoiceField(
        choices=AgeBand.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Age bands"
    )
    cohorts = forms.MultipleChoiceField(
        choices=Cohort.choices, widget=forms.CheckboxSelectMultiple, required=False, label="Cohorts"
    )

    class Meta:
        model = EngagementActivity
        fields = [
            "title",
            "held_on",
            "method",
            "audience",
            "participants",
            "age_bands",
            "cohorts",
            "priorities",
            "fed_back_on",
            "fed_back_how",
        ]
        widgets = {
            "held_on": DateInput(),
            "fed_back_on": DateInput(),
            "priorities": forms.CheckboxSelectMultiple,
        }
        labels = {"priorities": "Priorities it informs"}
        help_texts = {
            "participants": "A number only: never record a child's name.",
            "fed_back_how": "For example: a letter to the youth forum, a film, a visit.",
        }
        error_messages = {
            "title": {"required": "Enter what the activity was"},
            "held_on": {"required": "Enter the date", "invalid": "Enter the date as a real date"},
            "method": {"required": "Select the method"},
            "audience": {"required": "Enter who took part"},
            "participants": {"required": "Enter how many took part"},
            "fed_back_on": {"invalid": "Enter the date as a real date"},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(plan__board=board).select_related("plan")

    def clean(self):
        cleaned = super().clean()
        held_on, fed_back_on = cleaned.get("held_on"), cleaned.get("fed_back_on")
        if held_on and fed_back_on and fed_back_on < held_on:
            self.add_error("fed_back_on", "The feedback date cannot be before the activity")
        return cleaned


class KeyMessageForm(IdentifierCheckMixin, GovukModelForm):
    identifier_fields = {"message": "text", "change": "text"}

    class Meta:
        model = KeyMessage
        fields = ["message", "priority", "change", "owner", "owner_agency", "due_on", "status", "done_on"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 2}),
            "change": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
            "done_on": DateInput(),
            "status": forms.RadioSelect,
        }
        labels = {"owner_agency": "Owner's agency", "priority": "Linked priority"}
        error_messages = {
            "message": {"required": "Enter what children or families said"},
            "due_on": {"invalid": "Enter the date as a real date"},
            "done_on": {"invalid": "Enter the date as a real date"},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(plan__board=board).select_related("plan")
        self.fields["owner_agency"].queryset = _board_agencies(board)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == "done" and not cleaned.get("done_on"):
            self.add_error("done_on", "Enter the date the change was made")
        if cleaned.get("status") == "done" and not (cleaned.get("change") or "").strip():
            self.add_error("change", "Say what the partnership did")
        return cleaned


STAGES = [(str(n), f"Stage {n}") for n in STAGE_TIMESCALE_WORKING_DAYS]


class EscalationForm(IdentifierCheckMixin, GovukModelForm):
    """The short form an agency fills when an escalation starts, moves on a stage, or is resolved."""

    identifier_fields = {"reference": "pseudonym", "summary": "text"}
    stage = forms.TypedChoiceField(coerce=int, choices=STAGES, widget=forms.RadioSelect, label="Stage reached")

    class Meta:
        model = Escalation
        fields = [
            "reference",
            "raising_agency",
            "receiving_agency",
            "theme",
            "started_on",
            "stage",
            "stage_2_on",
            "stage_3_on",
            "stage_4_on",
            "resolved_on",
            "outcome",
            "learning_theme",
            "summary",
        ]
        widgets = {
            "started_on": DateInput(),
            "stage_2_on": DateInput(),
            "stage_3_on": DateInput(),
            "stage_4_on": DateInput(),
            "resolved_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reference": "A pseudonym such as “Child K”: never a name or a date of birth.",
            "outcome": "When it is resolved.",
        }
        error_messages = {
            "reference": {"required": "Enter a pseudonymous reference"},
            "raising_agency": {"required": "Select the agency that raised it"},
            "receiving_agency": {"required": "Select the agency it was raised with"},
            "theme": {"required": "Select the theme"},
            "started_on": {"required": "Enter the date stage 1 started", "invalid": "Enter a real date"},
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = _board_agencies(access.board)
        self.fields["raising_agency"].queryset = agencies
        self.fields["receiving_agency"].queryset = agencies
        self.access = access

    def clean(self):
        cleaned = super().clean()
        raising, receiving = cleaned.get("raising_agency"), cleaned.get("receiving_agency")
        if raising and receiving:
            if raising == receiving:
                self.add_error("receiving_agency", "The receiving agency must be another agency")
            elif not (
                permissions.may_keep_agency_row(self.access, raising.pk)
                or permissions.may_keep_agency_row(self.access, receiving.pk)
            ):
                self.add_error("raising_agency", "Your agency must be the one raising or receiving the escalation")
        stage, started = cleaned.get("stage"), cleaned.get("started_on")
        previous = started
        for n in (2, 3, 4):
            day = cleaned.get(f"stage_{n}_on")
            if stage and n <= stage and not day:
                self.add_error(f"stage_{n}_on", f"Enter the date stage {n} started")
            if stage and n > stage and day:
                self.add_error(f"stage_{n}_on", f"Stage {n} has not been reached: remove its date or change the stage")
            if day and previous and day < previous:
                self.add_error(f"stage_{n}_on", f"Stage {n} cannot start before the stage before it")
            previous = day or previous
        resolved, outcome = cleaned.get("resolved_on"), cleaned.get("outcome")
        if resolved and previous and resolved < previous:
            self.add_error("resolved_on", "The resolution date cannot be before the last stage started")
        if resolved and not outcome:
            self.add_error("outcome", "Select the outcome of the resolved escalation")
        if outcome and not resolved:
            self.add_error("resolved_on", "Enter the date it was resolved")
        return cleaned


class ChallengeForm(GovukModelForm):
    class Meta:
        model = Challenge
        fields = ["raised_on", "raised_by", "agency", "challenge", "response", "responded_on", "status"]
        widgets = {
            "raised_on": DateInput(),
            "responded_on": DateInput(),
            "challenge": forms.Textarea(attrs={"rows": 3}),
            "response": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
        }
        labels = {"agency": "Agency challenged", "challenge": "The challenge", "response": "The agency's response"}
        error_messages = {
            "raised_on": {"required": "Enter the date of the challenge", "invalid": "Enter a real date"},
            "raised_by": {"required": "Enter who raised it"},
            "agency": {"required": "Select the agency challenged"},
            "challenge": {"required": "Enter the challenge"},
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _board_agencies(board)

    def clean(self):
        cleaned = super().clean()
        raised, responded = cleaned.get("raised_on"), cleaned.get("responded_on")
        if raised and responded and responded < raised:
            self.add_error("responded_on", "The response cannot come before the challenge")
        if cleaned.get("status") in ("responded", "closed") and not (cleaned.get("response") or "").strip():
            self.add_error("response", "Enter the agency's response")
        return cleaned

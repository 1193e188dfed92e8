"""Board settings: name, arrangement, website, attendance threshold; areas; chair appointments."""

from django import forms
from django.db.models import Q

from boards.choices import Arrangement
from boards.forms.common import BoardModelForm, check_dates_in_order, unique_name_in, whole_number_field
from boards.models import Area, Board, ChairAppointment, Person
from lscb.forms import DateInput, GovukModelForm


class BoardSettingsForm(GovukModelForm):
    attendance_threshold_percent = whole_number_field(
        "Attendance threshold (%)",
        min_value=0,
        max_value=100,
        help_text="Agencies whose attendance in a financial year falls below this are flagged.",
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        # A text input: crispy-forms-gds leaves type="url" unstyled.
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false", "autocomplete": "url"}),
        help_text="The page where the board publishes its reports, starting https://",
        error_messages={"invalid": "Enter a website address starting https://"},
    )
    arrangement = forms.ChoiceField(
        label="Arrangement",
        choices=Arrangement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the arrangement"},
    )

    class Meta:
        model = Board
        fields = ["name", "arrangement", "website", "attendance_threshold_percent"]
        labels = {"name": "Board name", "website": "Website"}
        help_texts = {"website": "The page where the board publishes its reports, starting https://"}
        error_messages = {
            "name": {"required": "Enter the board's name", "unique": "Another board already has this name"},
            "website": {"invalid": "Enter a website address starting https://"},
        }


class AreaForm(BoardModelForm):
    submit_label = "Add area"

    class Meta:
        model = Area
        fields = ["name"]
        labels = {"name": "Local authority area"}
        help_texts = {"name": "For example, Kingsmere"}
        error_messages = {"name": {"required": "Enter the area's name"}}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not unique_name_in(Area.objects.filter(board=self.board), name, self.instance):
            raise forms.ValidationError("The board already covers an area with this name")
        return name


def people_on_board(board):
    """People who hold or held a membership or chair appointment on this board (never other boards')."""
    return Person.objects.filter(Q(memberships__board=board) | Q(chair_appointments__board=board)).distinct()


class ChairAppointmentForm(BoardModelForm):
    class Meta:
        model = ChairAppointment
        fields = ["person", "start_date", "end_date", "how_appointed", "notes"]
        labels = {
            "person": "Chair",
            "start_date": "Appointed from",
            "end_date": "Appointed to (leave blank if still in post)",
            "how_appointed": "How appointed",
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "how_appointed": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"person": "Add the chair as a member of the board first if they are not listed."}
        error_messages = {
            "person": {"required": "Choose the chair"},
            "start_date": {"required": "Enter the date the appointment started", "invalid": "Enter a real date"},
            "end_date": {"invalid": "Enter a real date"},
            "how_appointed": {"required": "Choose how the chair was appointed"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_on_board(self.board).order_by("full_name")
        self.fields["how_appointed"].choices = [c for c in self.fields["how_appointed"].choices if c[0]]

    def clean(self):
        cleaned = super().clean()
        check_dates_in_order(self, "start_date", "end_date")
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and not self.errors:
            others = ChairAppointment.objects.filter(board=self.board).exclude(pk=self.instance.pk)
            overlapping = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            if end:
                overlapping = overlapping.filter(start_date__lte=end)
            clash = overlapping.select_related("person").first()
            if clash:
                self.add_error(
                    "start_date",
                    f"This overlaps {clash.person}'s appointment from {clash.start_date:%-d %B %Y}; "
                    "give that appointment an end date first",
                )
        return cleaned

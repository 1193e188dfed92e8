"""Meetings: details, agenda items and decisions, attendance (by hand or from a CSV file)."""

from django import forms

from boards.choices import AttendanceStatus, MeetingType
from boards.forms.common import BoardForm, BoardModelForm, whole_number_field
from boards.models import AgendaItem, Meeting, financial_year_label
from lscb.forms import DateInput


class MeetingForm(BoardModelForm):
    class Meta:
        model = Meeting
        fields = ["meeting_type", "title", "date", "location"]
        labels = {"meeting_type": "Type of meeting", "title": "Title", "date": "Date", "location": "Where (optional)"}
        help_texts = {"title": "For example, Partnership board – June"}
        widgets = {"date": DateInput(), "meeting_type": forms.RadioSelect}
        error_messages = {
            "meeting_type": {"required": "Choose the type of meeting"},
            "title": {"required": "Enter the meeting's title"},
            "date": {"required": "Enter the date of the meeting", "invalid": "Enter a real date"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_type"].choices = list(MeetingType.choices)


class AgendaItemForm(BoardModelForm):
    board_field = None
    number = whole_number_field("Item number", min_value=1, max_value=99)

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "presenter", "decision"]
        labels = {
            "title": "Agenda item",
            "presenter": "Presented by (optional)",
            "decision": "Decision or agreement (optional)",
        }
        widgets = {"decision": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Enter the agenda item"}}

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def clean_number(self):
        number = self.cleaned_data["number"]
        clash = AgendaItem.objects.filter(meeting=self.meeting, number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Item {number} is already on this agenda")
        return number

    def save(self, commit=True):
        self.instance.meeting = self.meeting
        return super().save(commit=commit)


class CancelMeetingForm(BoardForm):
    submit_label = "Cancel meeting"
    reason = forms.CharField(
        label="Why was the meeting cancelled?",
        max_length=300,
        error_messages={"required": "Enter why the meeting was cancelled"},
    )


NOT_EXPECTED = ""
STATUS_CHOICES = [(NOT_EXPECTED, "Not expected")] + list(AttendanceStatus.choices)


class AttendanceForm(BoardForm):
    """One status (and note) per agency of the board. "Not expected" records nothing for that agency."""

    submit_label = "Save attendance"

    def __init__(self, *args, agencies, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        for agency in self.agencies:
            row = existing.get(agency.id)
            self.fields[f"status_{agency.id}"] = forms.ChoiceField(
                label=agency.name, choices=STATUS_CHOICES, required=False, initial=row.status if row else NOT_EXPECTED
            )
            self.fields[f"note_{agency.id}"] = forms.CharField(
                label=f"Note for {agency.name} (optional)",
                max_length=300,
                required=False,
                initial=row.note if row else "",
            )

    def rows(self):
        """(agency, status field, note field) for the template's table."""
        return [(a, self[f"status_{a.id}"], self[f"note_{a.id}"]) for a in self.agencies]

    def statuses(self):
        return {
            a: (self.cleaned_data[f"status_{a.id}"], self.cleaned_data[f"note_{a.id}"].strip()) for a in self.agencies
        }


class AttendanceUploadForm(BoardForm):
    submit_label = "Upload attendance"
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: Agency, Status (Present, Deputy sent, Apologies or Absent), Note. Up to 1 MB.",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (ending .csv)")
        return uploaded


def financial_year_choices(years):
    return [(str(y), financial_year_label(y)) for y in years]


class MeetingFilterForm(BoardForm):
    meeting_type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types")] + list(MeetingType.choices)
    )
    year = forms.ChoiceField(label="Financial year", required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years")] + financial_year_choices(years)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["meeting_type"]:
            queryset = queryset.filter(meeting_type=self.cleaned_data["meeting_type"])
        if self.cleaned_data["year"]:
            queryset = queryset.in_financial_year(int(self.cleaned_data["year"]))
        return queryset


class AttendanceReportForm(BoardForm):
    year = forms.ChoiceField(label="Financial year")
    meeting_type = forms.ChoiceField(
        label="Meetings", required=False, choices=[("", "All meetings")] + list(MeetingType.choices)
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = financial_year_choices(years)

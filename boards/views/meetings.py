"""Meetings: list, detail with agenda, decisions and attendance, attendance by hand or CSV, rates."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone

from boards import services
from boards.choices import AttendanceStatus, MeetingType
from boards.forms.meetings import (
    AgendaItemForm,
    AttendanceForm,
    AttendanceReportForm,
    AttendanceUploadForm,
    CancelMeetingForm,
    MeetingFilterForm,
    MeetingForm,
)
from boards.models import Agency, AgendaItem, Attendance, Meeting, financial_year_label, financial_year_start
from boards.views.base import RecordFormPage
from lscb.csv_io import csv_response
from lscb.errors import DomainError
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


def meeting_years(board, today=None):
    """Financial years that have meetings, plus the current one, newest first."""
    today = today or timezone.localdate()
    dates = Meeting.objects.filter(board=board).values_list("date", flat=True).distinct()
    return sorted({financial_year_start(d) for d in dates} | {financial_year_start(today)}, reverse=True)


class InMeetings:
    def trail(self):
        return [("Meetings", board_url(self.board, "boards:meeting_list"))]


def _meeting(view):
    return get_object_for_user(Meeting.objects, view.access, pk=view.kwargs["meeting_id"])


class MeetingListMixin:
    capability = Capability.VIEW_BOARD
    filter_form_class = MeetingFilterForm
    export_url_name = "boards:meeting_export"

    def filter_form_kwargs(self):
        return {**super().filter_form_kwargs(), "years": meeting_years(self.board)}

    def filtered_meetings(self):
        meetings = Meeting.objects.visible_to(self.access).annotate(
            # distinct: two joined relations would otherwise multiply each other's counts
            attended=Count("attendances", distinct=True, filter=Q(attendances__status__in=AttendanceStatus.attended())),
            expected=Count("attendances", distinct=True),
            agenda_count=Count("agenda_items", distinct=True),
        )
        return self.filtered(meetings).order_by("-date", "title")


class MeetingListView(MeetingListMixin, ListPage):
    template_name = "boards/meeting_list.html"
    title = "Meetings"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        meetings = self.paginate(self.filtered_meetings())
        return {**super().get_context_data(**kwargs), "meetings": meetings}


class MeetingExportView(MeetingListMixin, ListPage):
    def get(self, request, *args, **kwargs):
        rows = (
            [
                m.date,
                m.get_meeting_type_display(),
                m.title,
                m.location,
                "Cancelled" if m.is_cancelled else "Held",
                m.agenda_count,
                m.expected,
                m.attended,
            ]
            for m in self.filtered_meetings()
        )
        header = ["Date", "Type", "Title", "Where", "Status", "Agenda items", "Agencies expected", "Agencies attended"]
        return csv_response(f"{self.board.slug}-meetings.csv", header, rows)


class MeetingDetailView(InMeetings, BoardPage, Loads):
    capability = Capability.VIEW_BOARD
    template_name = "boards/meeting_detail.html"

    def load(self):
        self.meeting = _meeting(self)

    def get_title(self):
        return self.meeting.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        attendances = list(meeting.attendances.select_related("agency", "attended_by").order_by("agency__name"))
        agency_names = dict(Agency.objects.filter(board=self.board).values_list("id", "name"))
        context.update(
            meeting=meeting,
            agenda_items=list(meeting.agenda_items.order_by("number")),
            attendances=attendances,
            attendance_counts={
                label: sum(1 for a in attendances if a.status == value) for value, label in AttendanceStatus.choices
            },
            history=change_log(
                Source(Meeting.history.filter(id=meeting.id), lambda r: "Meeting"),
                Source(
                    AgendaItem.history.filter(meeting_id=meeting.id),
                    lambda r: f"Agenda item {r.number}",
                    hide={"meeting"},
                ),
                Source(
                    Attendance.history.filter(meeting_id=meeting.id),
                    lambda r: f"Attendance: {agency_names.get(r.agency_id, 'an agency')}",
                    hide={"meeting"},
                ),
            ),
        )
        return context


class MeetingAddView(InMeetings, RecordFormPage):
    form_class = MeetingForm
    audit_action = "boards.meeting.created"
    title = "Add a meeting"
    success_message = "Meeting added"

    def get_success_url(self):
        if self.object is not None:
            return self.object.get_absolute_url()
        return board_url(self.board, "boards:meeting_list")


class MeetingEditView(MeetingAddView):
    audit_action = "boards.meeting.updated"
    success_message = "Meeting saved"

    def load(self):
        self.object = _meeting(self)

    def get_title(self):
        return f"Change {self.object.title}"


class OnMeeting(InMeetings):
    """Pages about one meeting's agenda, attendance or cancellation: they go back to the meeting."""

    def trail(self):
        return [*super().trail(), (self.meeting.title, self.meeting.get_absolute_url())]

    def get_success_url(self):
        return self.meeting.get_absolute_url()

    def cancel_url(self):
        return self.meeting.get_absolute_url()


class MeetingCancelView(OnMeeting, RecordFormPage):
    """Cancelling asks why, so it is a form with the confirmation's warning."""

    form_class = CancelMeetingForm
    warning = "The meeting stays on record, marked cancelled; it no longer counts in attendance rates."
    cancel_label = "No, go back"
    success_message = "Meeting cancelled"

    def load(self):
        self.meeting = _meeting(self)

    def get_title(self):
        return f"Cancel {self.meeting}?"

    def run(self, form):
        return services.cancel_meeting(self.access, self.meeting, form.cleaned_data["reason"])


class AgendaItemAddView(OnMeeting, RecordFormPage):
    form_class = AgendaItemForm
    audit_action = "boards.agenda_item.created"
    success_message = "Agenda item added"

    def load(self):
        self.meeting = _meeting(self)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        numbers = self.meeting.agenda_items.values_list("number", flat=True)
        return {"number": max(numbers, default=0) + 1}

    def get_title(self):
        return f"Add an agenda item to {self.meeting.title}"


class AgendaItemEditView(AgendaItemAddView):
    audit_action = "boards.agenda_item.updated"
    success_message = "Agenda item saved"

    def load(self):
        super().load()
        self.object = get_object_for_user(
            AgendaItem.objects.filter(meeting=self.meeting), self.access, pk=self.kwargs["item_id"]
        )

    def get_initial(self):
        return {}

    def get_title(self):
        return f"Change agenda item {self.object.number}"


class AttendanceEditView(OnMeeting, RecordFormPage):
    form_class = AttendanceForm
    template_name = "boards/attendance_form.html"

    def load(self):
        self.meeting = _meeting(self)

    def not_for_a_cancelled_meeting(self):
        if self.meeting.is_cancelled:
            messages.error(self.request, "Attendance cannot be recorded for a cancelled meeting")
            return redirect(self.meeting.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.not_for_a_cancelled_meeting() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.not_for_a_cancelled_meeting() or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        existing = {a.agency_id: a for a in self.meeting.attendances.all()}
        agencies = Agency.objects.filter(board=self.board)
        # Agencies active on the day, and any inactive one already recorded for this meeting.
        agencies = agencies.filter(Q(pk__in=agencies.active(self.meeting.date)) | Q(pk__in=existing)).order_by("name")
        return {**super().get_form_kwargs(), "agencies": agencies, "existing": existing}

    def get_title(self):
        return f"Attendance at {self.meeting}"

    def run(self, form):
        self.counts = services.record_attendance(self.access, self.meeting, form.statuses())
        return self.meeting

    def get_success_message(self):
        created, updated, removed = self.counts
        return f"Attendance saved ({created} added, {updated} changed, {removed} removed)"


class AttendanceUploadView(AttendanceEditView):
    form_class = AttendanceUploadForm
    template_name = "boards/attendance_upload.html"

    def get_form_kwargs(self):
        return RecordFormPage.get_form_kwargs(self)

    def get_title(self):
        return f"Upload attendance for {self.meeting}"

    def form_valid(self, form):
        try:
            saved, errors = services.import_attendance(self.access, self.meeting, form.cleaned_data["file"])
        except DomainError as error:
            return self.refused(form, error)
        if errors:  # every bad row, on the page; nothing was saved
            return self.render_to_response(self.get_context_data(form=form, row_errors=errors))
        messages.success(self.request, f"Attendance uploaded for {saved} agencies")
        return redirect(self.get_success_url())


class AttendanceReportMixin:
    capability = Capability.VIEW_BOARD
    filter_form_class = AttendanceReportForm
    export_url_name = "boards:attendance_export"

    def get_filter_form(self):
        # The report is always of one year: the newest, until another is chosen.
        if not hasattr(self, "_filter_form"):
            self.years = meeting_years(self.board)
            data = self.request.GET.copy()
            data.setdefault("year", str(self.years[0]))
            self._filter_form = AttendanceReportForm(data, board=self.board, years=self.years)
        return self._filter_form

    def report(self):
        form = self.get_filter_form()
        if form.is_valid():
            self.year = int(form.cleaned_data["year"])
            self.meeting_type = form.cleaned_data["meeting_type"]
        else:
            self.year, self.meeting_type = self.years[0], ""
        types = [self.meeting_type] if self.meeting_type else None
        return Attendance.objects.rates(self.board, self.year, meeting_types=types)


class AttendanceReportView(InMeetings, AttendanceReportMixin, ListPage):
    template_name = "boards/attendance_report.html"
    title = "Attendance by agency"

    def get_context_data(self, **kwargs):
        rows = self.report()
        context = super().get_context_data(**kwargs)
        context.update(
            rows=rows,
            flagged=[r for r in rows if r.below_threshold],
            year_label=financial_year_label(self.year),
            threshold=self.board.attendance_threshold_percent,
            meeting_type_label=MeetingType(self.meeting_type).label if self.meeting_type else "All meetings",
        )
        return context


class AttendanceReportExportView(AttendanceReportMixin, ListPage):
    def get(self, request, *args, **kwargs):
        rows = self.report()
        header = [
            "Agency",
            "Meetings expected",
            "Present",
            "Deputy sent",
            "Apologies",
            "Absent",
            "Attendance (%)",
            "Below threshold",
        ]
        body = (
            [
                r.agency_name,
                r.expected,
                r.present,
                r.deputy_sent,
                r.apologies,
                r.absent,
                r.rate_percent,
                r.below_threshold,
            ]
            for r in rows
        )
        return csv_response(
            f"{self.board.slug}-attendance-{financial_year_label(self.year).replace('/', '-')}.csv", header, body
        )

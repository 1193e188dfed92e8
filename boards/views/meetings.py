"""Meetings: list, detail with agenda, decisions and attendance, attendance by hand or CSV, rates."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views.generic import ListView

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
from boards.services_records import RecordError, cancel_meeting, import_attendance, record_attendance
from boards.views.records_common import ConfirmView, RecordFormView, RecordPage, RecordsMixin, fetch
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.permissions import BoardView, Capability


def meeting_years(board, today=None):
    """Financial years that have meetings, plus the current one, newest first."""
    today = today or timezone.localdate()
    dates = Meeting.objects.filter(board=board).values_list("date", flat=True).distinct()
    return sorted({financial_year_start(d) for d in dates} | {financial_year_start(today)}, reverse=True)


class MeetingListMixin:
    def filtered_meetings(self):
        self.filter_form = MeetingFilterForm(
            self.request.GET or None, board=self.board, years=meeting_years(self.board)
        )
        meetings = Meeting.objects.visible_to(self.access).annotate(
            # distinct: two joined relations would otherwise multiply each other's counts
            attended=Count("attendances", distinct=True, filter=Q(attendances__status__in=AttendanceStatus.attended())),
            expected=Count("attendances", distinct=True),
            agenda_count=Count("agenda_items", distinct=True),
        )
        return self.filter_form.filter(meetings).order_by("-date", "title")


class MeetingListView(MeetingListMixin, RecordsMixin, BoardView, ListView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered_meetings()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form)
        return context


class MeetingExportView(MeetingListMixin, BoardView):
    capability = Capability.VIEW_BOARD

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


class MeetingDetailView(RecordPage):
    template_name = "boards/meeting_detail.html"
    breadcrumb_parent = ("Meetings", "meeting_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = fetch(Meeting.objects, self.access, pk=self.kwargs["meeting_id"])
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


class MeetingAddView(RecordFormView):
    form_class = MeetingForm
    audit_action = "boards.meeting.created"
    heading = "Add a meeting"
    success_message = "Meeting added"
    breadcrumb_parent = ("Meetings", "meeting_list")

    def get_success_url(self):
        if self.object is not None:
            return self.object.get_absolute_url()
        return self.board_url("meeting_list")


class MeetingEditView(MeetingAddView):
    audit_action = "boards.meeting.updated"
    success_message = "Meeting saved"

    def setup_object(self):
        self.object = fetch(Meeting.objects, self.access, pk=self.kwargs["meeting_id"])

    def get_heading(self):
        return f"Change {self.object.title}"


class MeetingCancelView(ConfirmView):
    form_class = CancelMeetingForm
    breadcrumb_parent = ("Meetings", "meeting_list")
    warning = "The meeting stays on record, marked cancelled; it no longer counts in attendance rates."

    def setup_object(self):
        self.object = fetch(Meeting.objects, self.access, pk=self.kwargs["meeting_id"])

    def get_heading(self):
        return f"Cancel {self.object}?"

    def form_valid(self, form):
        try:
            cancel_meeting(self.access, self.object, form.cleaned_data["reason"])
        except RecordError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, "Meeting cancelled")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class MeetingChildMixin:
    """Pages about one meeting's agenda or attendance."""

    def setup_meeting(self):
        self.meeting = fetch(Meeting.objects, self.access, pk=self.kwargs["meeting_id"])

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.meeting.title, self.meeting.get_absolute_url())]

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class AgendaItemAddView(MeetingChildMixin, RecordFormView):
    form_class = AgendaItemForm
    audit_action = "boards.agenda_item.created"
    success_message = "Agenda item added"
    breadcrumb_parent = ("Meetings", "meeting_list")

    def setup_object(self):
        self.setup_meeting()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        numbers = self.meeting.agenda_items.values_list("number", flat=True)
        return {"number": max(numbers, default=0) + 1}

    def get_heading(self):
        return f"Add an agenda item to {self.meeting.title}"


class AgendaItemEditView(AgendaItemAddView):
    audit_action = "boards.agenda_item.updated"
    success_message = "Agenda item saved"

    def setup_object(self):
        self.setup_meeting()
        self.object = fetch(AgendaItem.objects.filter(meeting=self.meeting), self.access, pk=self.kwargs["item_id"])

    def get_initial(self):
        return {}

    def get_heading(self):
        return f"Change agenda item {self.object.number}"


class AttendanceEditView(MeetingChildMixin, RecordFormView):
    form_class = AttendanceForm
    template_name = "boards/attendance_form.html"
    breadcrumb_parent = ("Meetings", "meeting_list")

    def setup_object(self):
        self.setup_meeting()
        if self.meeting.is_cancelled:
            raise RecordError("cancelled")

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except RecordError:
            messages.error(request, "Attendance cannot be recorded for a cancelled meeting")
            return HttpResponseRedirect(self.meeting.get_absolute_url())

    def get_form_kwargs(self):
        existing = {a.agency_id: a for a in self.meeting.attendances.all()}
        agencies = Agency.objects.filter(board=self.board)
        # Agencies active on the day, and any inactive one already recorded for this meeting.
        agencies = agencies.filter(Q(pk__in=agencies.active(self.meeting.date)) | Q(pk__in=existing)).order_by("name")
        return {**super().get_form_kwargs(), "agencies": agencies, "existing": existing}

    def get_heading(self):
        return f"Attendance at {self.meeting}"

    def form_valid(self, form):
        created, updated, removed = record_attendance(self.access, self.meeting, form.statuses())
        messages.success(self.request, f"Attendance saved ({created} added, {updated} changed, {removed} removed)")
        return HttpResponseRedirect(self.get_success_url())


class AttendanceUploadView(AttendanceEditView):
    form_class = AttendanceUploadForm
    template_name = "boards/attendance_upload.html"

    def get_form_kwargs(self):
        return RecordFormView.get_form_kwargs(self)

    def get_heading(self):
        return f"Upload attendance for {self.meeting}"

    def form_valid(self, form):
        saved, errors = import_attendance(self.access, self.meeting, form.cleaned_data["file"])
        if errors:
            return self.render_to_response(self.get_context_data(form=form, row_errors=errors))
        messages.success(self.request, f"Attendance uploaded for {saved} agencies")
        return HttpResponseRedirect(self.get_success_url())


class AttendanceReportMixin:
    def report(self):
        years = meeting_years(self.board)
        data = self.request.GET.copy()
        data.setdefault("year", str(years[0]))
        self.filter_form = AttendanceReportForm(data, board=self.board, years=years)
        if self.filter_form.is_valid():
            self.year = int(self.filter_form.cleaned_data["year"])
            meeting_type = self.filter_form.cleaned_data["meeting_type"]
        else:
            self.year, meeting_type = years[0], ""
        types = [meeting_type] if meeting_type else None
        self.meeting_type = meeting_type
        return Attendance.objects.rates(self.board, self.year, meeting_types=types)


class AttendanceReportView(AttendanceReportMixin, RecordPage):
    template_name = "boards/attendance_report.html"
    breadcrumb_parent = ("Meetings", "meeting_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.report()
        context.update(
            rows=rows,
            flagged=[r for r in rows if r.below_threshold],
            year_label=financial_year_label(self.year),
            filter_form=self.filter_form,
            threshold=self.board.attendance_threshold_percent,
            meeting_type_label=MeetingType(self.meeting_type).label if self.meeting_type else "All meetings",
        )
        return context


class AttendanceReportExportView(AttendanceReportMixin, BoardView):
    capability = Capability.VIEW_BOARD

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

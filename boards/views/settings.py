"""Board settings: name, arrangement, website, attendance threshold, areas, chair appointments."""

from django.contrib import messages
from django.http import HttpResponseRedirect

from boards.forms.common import ConfirmForm
from boards.forms.settings import AreaForm, BoardSettingsForm, ChairAppointmentForm
from boards.models import Area, Board, ChairAppointment
from boards.services_records import RecordError, remove_area
from boards.views.records_common import ConfirmView, RecordFormView, RecordPage, fetch
from lscb.history import Source, change_log


class BoardSettingsView(RecordPage):
    """The board's set-up as every member may read it; the business manager changes it."""

    template_name = "boards/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = self.board
        context.update(
            areas=list(board.areas.order_by("name")),
            chair_appointments=list(ChairAppointment.objects.filter(board=board).select_related("person")),
            history=change_log(
                Source(Board.history.filter(id=board.id), lambda r: "Board settings"),
                Source(Area.history.filter(board_id=board.id), lambda r: f"Area: {r.name}"),
                Source(ChairAppointment.history.filter(board_id=board.id), lambda r: "Chair appointment"),
            ),
        )
        return context


class BoardSettingsEditView(RecordFormView):
    form_class = BoardSettingsForm
    audit_action = "boards.board.updated"
    heading = "Change board settings"
    success_message = "Board settings saved"
    breadcrumb_parent = ("Board settings", "board_settings")

    def setup_object(self):
        self.object = Board.objects.get(pk=self.board.pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("board")
        return kwargs

    def get_success_url(self):
        return self.board_url("board_settings")


class AreaAddView(RecordFormView):
    form_class = AreaForm
    audit_action = "boards.area.added"
    heading = "Add an area the board covers"
    success_message = "Area added"
    breadcrumb_parent = ("Board settings", "board_settings")

    def get_success_url(self):
        return self.board_url("board_settings")


class AreaRemoveView(ConfirmView):
    form_class = ConfirmForm
    breadcrumb_parent = ("Board settings", "board_settings")

    def setup_object(self):
        self.object = fetch(Area.objects, self.access, pk=self.kwargs["area_id"])

    def get_heading(self):
        return f"Remove {self.object.name} from the areas the board covers?"

    def form_valid(self, form):
        try:
            remove_area(self.access, self.object)
        except RecordError as exc:
            messages.error(self.request, str(exc))
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, f"{self.object.name} removed")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.board_url("board_settings")


class ChairAppointmentAddView(RecordFormView):
    form_class = ChairAppointmentForm
    audit_action = "boards.chair_appointment.added"
    heading = "Record a chair appointment"
    success_message = "Chair appointment recorded"
    breadcrumb_parent = ("Board settings", "board_settings")

    def get_success_url(self):
        return self.board_url("board_settings")


class ChairAppointmentEditView(ChairAppointmentAddView):
    audit_action = "boards.chair_appointment.updated"
    heading = "Change a chair appointment"
    success_message = "Chair appointment saved"

    def setup_object(self):
        self.object = fetch(ChairAppointment.objects, self.access, pk=self.kwargs["appointment_id"])

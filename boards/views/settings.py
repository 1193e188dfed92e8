"""Board settings: name, arrangement, website, attendance threshold, areas, chair appointments."""

from boards import services
from boards.forms.settings import AreaForm, BoardSettingsForm, ChairAppointmentForm
from boards.models import Area, Board, ChairAppointment
from boards.views.base import RecordFormPage
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ConfirmPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InSettings:
    def trail(self):
        return [("Board settings", board_url(self.board, "boards:board_settings"))]

    def get_success_url(self):
        return board_url(self.board, "boards:board_settings")


class BoardSettingsView(BoardPage):
    """The board's set-up as every member may read it; the business manager changes it."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/settings.html"
    title = "Board settings"

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


class BoardSettingsEditView(InSettings, RecordFormPage):
    form_class = BoardSettingsForm
    audit_action = "boards.board.updated"
    title = "Change board settings"
    success_message = "Board settings saved"

    def load(self):
        self.object = Board.objects.get(pk=self.board.pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("board")  # the form is the board itself
        return kwargs


class AreaAddView(InSettings, RecordFormPage):
    form_class = AreaForm
    audit_action = "boards.area.added"
    title = "Add an area the board covers"
    success_message = "Area added"


class AreaRemoveView(InSettings, ConfirmPage, Loads):
    capability = Capability.MANAGE_BOARD
    service = staticmethod(services.remove_area)
    question = "Remove {label} from the areas the board covers?"

    def load(self):
        self.area = get_object_for_user(Area.objects, self.access, pk=self.kwargs["area_id"])

    def target(self):
        return self.area

    def target_label(self):
        return self.area.name

    def cancel_url(self):
        return self.get_success_url()


class ChairAppointmentAddView(InSettings, RecordFormPage):
    form_class = ChairAppointmentForm
    audit_action = "boards.chair_appointment.added"
    title = "Record a chair appointment"
    success_message = "Chair appointment recorded"


class ChairAppointmentEditView(ChairAppointmentAddView):
    audit_action = "boards.chair_appointment.updated"
    title = "Change a chair appointment"
    success_message = "Chair appointment saved"

    def load(self):
        self.object = get_object_for_user(ChairAppointment.objects, self.access, pk=self.kwargs["appointment_id"])

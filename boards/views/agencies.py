"""Agencies: the board's partner organisations (list with filters and CSV, detail, add, change)."""

from boards.forms.agencies import AgencyFilterForm, AgencyForm
from boards.models import Agency, Membership
from boards.views.base import RecordFormPage
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InAgencies:
    def trail(self):
        return [("Agencies", board_url(self.board, "boards:agency_list"))]


class AgencyListMixin:
    capability = Capability.VIEW_BOARD
    filter_form_class = AgencyFilterForm
    export_url_name = "boards:agency_export"

    def filtered_agencies(self):
        return self.filtered(Agency.objects.visible_to(self.access)).order_by("name")


class AgencyListView(AgencyListMixin, ListPage):
    template_name = "boards/agency_list.html"
    title = "Agencies"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        agencies = self.paginate(self.filtered_agencies())
        return {**super().get_context_data(**kwargs), "agencies": agencies}


class AgencyExportView(AgencyListMixin, ListPage):
    def get(self, request, *args, **kwargs):
        rows = (
            [
                a.name,
                a.get_sector_display(),
                "Statutory partner" if a.is_statutory_partner else "Relevant agency",
                a.active_from,
                a.active_to,
            ]
            for a in self.filtered_agencies()
        )
        return csv_response(
            f"{self.board.slug}-agencies.csv", ["Agency", "Sector", "Type", "Partner from", "Partner until"], rows
        )


class AgencyDetailView(InAgencies, BoardPage, Loads):
    capability = Capability.VIEW_BOARD
    template_name = "boards/agency_detail.html"

    def load(self):
        self.agency = get_object_for_user(Agency.objects, self.access, pk=self.kwargs["agency_id"])

    def get_title(self):
        return self.agency.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            agency=self.agency,
            memberships=list(
                Membership.objects.visible_to(self.access).active().filter(agency=self.agency).select_related("person")
            ),
            history=change_log(Source(Agency.history.filter(id=self.agency.id))),
        )
        return context


class AgencyAddView(InAgencies, RecordFormPage):
    form_class = AgencyForm
    audit_action = "boards.agency.created"
    title = "Add an agency"
    success_message = "Agency added"

    def get_success_url(self):
        if self.object is not None:
            return board_url(self.board, "boards:agency_detail", agency_id=self.object.pk)
        return board_url(self.board, "boards:agency_list")


class AgencyEditView(AgencyAddView):
    audit_action = "boards.agency.updated"
    success_message = "Agency saved"

    def load(self):
        self.object = get_object_for_user(Agency.objects, self.access, pk=self.kwargs["agency_id"])

    def get_title(self):
        return f"Change {self.object.name}"

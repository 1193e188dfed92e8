"""Agencies: the board's partner organisations (list with filters and CSV, detail, add, change)."""

from django.views.generic import ListView

from boards.forms.agencies import AgencyFilterForm, AgencyForm
from boards.models import Agency, Membership
from boards.views.records_common import RecordFormView, RecordPage, RecordsMixin, fetch
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.permissions import BoardView, Capability


class AgencyListMixin:
    def filtered_agencies(self):
        self.filter_form = AgencyFilterForm(self.request.GET or None, board=self.board)
        return self.filter_form.filter(Agency.objects.visible_to(self.access)).order_by("name")


class AgencyListView(AgencyListMixin, RecordsMixin, BoardView, ListView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/agency_list.html"
    context_object_name = "agencies"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered_agencies()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form)
        return context


class AgencyExportView(AgencyListMixin, BoardView):
    capability = Capability.VIEW_BOARD

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


class AgencyDetailView(RecordPage):
    template_name = "boards/agency_detail.html"
    breadcrumb_parent = ("Agencies", "agency_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = fetch(Agency.objects, self.access, pk=self.kwargs["agency_id"])
        context.update(
            agency=agency,
            memberships=list(
                Membership.objects.visible_to(self.access).active().filter(agency=agency).select_related("person")
            ),
            history=change_log(Source(Agency.history.filter(id=agency.id))),
        )
        return context


class AgencyAddView(RecordFormView):
    form_class = AgencyForm
    audit_action = "boards.agency.created"
    heading = "Add an agency"
    success_message = "Agency added"
    breadcrumb_parent = ("Agencies", "agency_list")

    def get_success_url(self):
        if self.object is not None:
            return self.board_url("agency_detail", agency_id=self.object.pk)
        return self.board_url("agency_list")


class AgencyEditView(AgencyAddView):
    audit_action = "boards.agency.updated"
    success_message = "Agency saved"

    def setup_object(self):
        self.object = fetch(Agency.objects, self.access, pk=self.kwargs["agency_id"])

    def get_heading(self):
        return f"Change {self.object.name}"

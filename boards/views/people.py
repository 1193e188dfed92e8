"""People and memberships: who is on the board, in which role, for which agency, over which term."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views.generic import ListView

from boards.forms.people import EndMembershipForm, MembershipFilterForm, MembershipForm, PersonForm
from boards.models import Membership, Person
from boards.services_records import RecordError, end_membership
from boards.views.records_common import ConfirmView, RecordFormView, RecordPage, RecordsMixin, fetch
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.permissions import BoardView, Capability


class MembershipListMixin:
    def filtered_memberships(self):
        self.filter_form = MembershipFilterForm(self.request.GET or None, board=self.board)
        memberships = Membership.objects.visible_to(self.access).select_related("person", "agency", "deputy")
        return self.filter_form.filter(memberships).order_by("person__full_name", "role", "start_date")


class MembershipListView(MembershipListMixin, RecordsMixin, BoardView, ListView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/membership_list.html"
    context_object_name = "memberships"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered_memberships()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, today=timezone.localdate())
        return context


class MembershipExportView(MembershipListMixin, BoardView):
    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        rows = (
            [
                m.person.full_name,
                m.person.job_title,
                m.get_role_display(),
                m.agency.name if m.agency_id else "",
                m.start_date,
                m.end_date,
                m.deputy.full_name if m.deputy_id else "",
            ]
            for m in self.filtered_memberships()
        )
        header = ["Name", "Job title", "Role", "Agency", "Term starts", "Term ends", "Deputy"]
        return csv_response(f"{self.board.slug}-members.csv", header, rows)


class MembershipDetailView(RecordPage):
    template_name = "boards/membership_detail.html"
    breadcrumb_parent = ("People", "membership_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = fetch(
            Membership.objects.select_related("person", "agency", "deputy"),
            self.access,
            pk=self.kwargs["membership_id"],
        )
        person = membership.person
        context.update(
            membership=membership,
            person=person,
            other_memberships=list(
                Membership.objects.visible_to(self.access)
                .filter(person=person)
                .exclude(pk=membership.pk)
                .select_related("agency")
            ),
            person_editable=not Membership.objects.filter(person=person).exclude(board=self.board).exists(),
            today=timezone.localdate(),
            history=change_log(
                Source(Membership.history.filter(id=membership.id), lambda r: "Membership"),
                Source(
                    Person.history.filter(id=person.id),
                    lambda r: "Personal details",
                    # E-mail addresses are the business manager's to see, in history too.
                    hide=set() if self.access.is_business_manager else {"email", "user"},
                ),
            ),
        )
        return context


class MembershipAddView(RecordFormView):
    form_class = MembershipForm
    audit_action = "boards.membership.created"
    heading = "Add a member"
    success_message = "Member added"
    breadcrumb_parent = ("People", "membership_list")

    def get_success_url(self):
        if self.object is not None:
            return self.board_url("membership_detail", membership_id=self.object.pk)
        return self.board_url("membership_list")


class MembershipEditView(MembershipAddView):
    audit_action = "boards.membership.updated"
    success_message = "Membership saved"

    def setup_object(self):
        self.object = fetch(Membership.objects.select_related("person"), self.access, pk=self.kwargs["membership_id"])

    def get_heading(self):
        return f"Change {self.object.person}'s membership"


class PersonEditView(RecordFormView):
    """A person's name and contact details. Only while they are on no other board: another
    board's business manager must not change what that board shows."""

    form_class = PersonForm
    audit_action = "boards.person.updated"
    success_message = "Personal details saved"
    breadcrumb_parent = ("People", "membership_list")

    def setup_object(self):
        self.membership = fetch(
            Membership.objects.select_related("person"), self.access, pk=self.kwargs["membership_id"]
        )
        self.object = self.membership.person

    def dispatch_other_boards(self):
        return Membership.objects.filter(person=self.object).exclude(board=self.board).exists()

    def get(self, request, *args, **kwargs):
        self.setup_object()
        if self.dispatch_other_boards():
            messages.error(request, f"{self.object} is also on another board, so their details cannot be changed here")
            return HttpResponseRedirect(self.get_success_url())
        return super(RecordFormView, self).get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        if self.dispatch_other_boards():
            messages.error(request, f"{self.object} is also on another board, so their details cannot be changed here")
            return HttpResponseRedirect(self.get_success_url())
        return super(RecordFormView, self).post(request, *args, **kwargs)

    def get_heading(self):
        return f"Change {self.object}'s details"

    def get_success_url(self):
        return self.board_url("membership_detail", membership_id=self.membership.pk)


class MembershipEndView(ConfirmView):
    form_class = EndMembershipForm
    breadcrumb_parent = ("People", "membership_list")
    warning = "The membership is kept on record with its end date; the person loses this role's access after that day."

    def setup_object(self):
        self.object = fetch(Membership.objects.select_related("person"), self.access, pk=self.kwargs["membership_id"])

    def get_initial(self):
        return {"end_date": timezone.localdate()}

    def get_heading(self):
        return f"End {self.object.person}'s membership as {self.object.get_role_display().lower()}?"

    def form_valid(self, form):
        try:
            end_membership(self.access, self.object, form.cleaned_data["end_date"])
        except RecordError as exc:
            form.add_error("end_date", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, "Membership ended")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.board_url("membership_detail", membership_id=self.object.pk)

"""People and memberships: who is on the board, in which role, for which agency, over which term."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone

from boards import services
from boards.forms.people import EndMembershipForm, MembershipFilterForm, MembershipForm, PersonForm
from boards.models import Membership, Person
from boards.views.base import RecordFormPage
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InPeople:
    def trail(self):
        return [("People", board_url(self.board, "boards:membership_list"))]


def _membership(view):
    return get_object_for_user(
        Membership.objects.select_related("person", "person__user", "agency", "deputy"),
        view.access,
        pk=view.kwargs["membership_id"],
    )


class MembershipListMixin:
    capability = Capability.VIEW_BOARD
    filter_form_class = MembershipFilterForm
    export_url_name = "boards:membership_export"

    def filtered_memberships(self):
        memberships = Membership.objects.visible_to(self.access).select_related("person", "agency", "deputy")
        return self.filtered(memberships).order_by("person__full_name", "role", "start_date")


class MembershipListView(MembershipListMixin, ListPage):
    template_name = "boards/membership_list.html"
    title = "People"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        memberships = self.paginate(self.filtered_memberships())
        return {**super().get_context_data(**kwargs), "memberships": memberships, "today": timezone.localdate()}


class MembershipExportView(MembershipListMixin, ListPage):
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


class MembershipDetailView(InPeople, BoardPage, Loads):
    capability = Capability.VIEW_BOARD
    template_name = "boards/membership_detail.html"

    def load(self):
        self.membership = _membership(self)

    def get_title(self):
        return self.membership.person.full_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.membership
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
            # The latest invitation to sign in to this board (accounts app), for its manager.
            invitation=person.invitations.filter(board=self.board).first() if self.access.can_manage_board else None,
            today=timezone.localdate(),
            history=change_log(
                Source(Membership.history.filter(id=membership.id), lambda r: "Membership"),
                Source(
                    Person.history.filter(id=person.id),
                    lambda r: "Personal details",
                    # E-mail addresses are the business manager's to see, in history too.
                    hide=set() if self.access.can(Capability.SEE_CONTACT_DETAILS) else {"email", "user"},
                ),
            ),
        )
        return context


class MembershipAddView(InPeople, RecordFormPage):
    form_class = MembershipForm
    audit_action = "boards.membership.created"
    title = "Add a member"
    success_message = "Member added"

    def get_success_url(self):
        if self.object is not None:
            return board_url(self.board, "boards:membership_detail", membership_id=self.object.pk)
        return board_url(self.board, "boards:membership_list")


class MembershipEditView(MembershipAddView):
    audit_action = "boards.membership.updated"
    success_message = "Membership saved"

    def load(self):
        self.object = _membership(self)

    def get_title(self):
        return f"Change {self.object.person}'s membership"


class PersonEditView(InPeople, RecordFormPage):
    """A person's name and contact details. Only while they are on no other board: another
    board's business manager must not change what that board shows."""

    form_class = PersonForm
    audit_action = "boards.person.updated"
    success_message = "Personal details saved"

    def load(self):
        self.membership = _membership(self)
        self.object = self.membership.person

    def shared_with_another_board(self):
        if Membership.objects.filter(person=self.object).exclude(board=self.board).exists():
            messages.error(
                self.request, f"{self.object} is also on another board, so their details cannot be changed here"
            )
            return redirect(self.get_success_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.shared_with_another_board() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.shared_with_another_board() or super().post(request, *args, **kwargs)

    def get_title(self):
        return f"Change {self.object}'s details"

    def get_success_url(self):
        return board_url(self.board, "boards:membership_detail", membership_id=self.membership.pk)


class MembershipEndView(InPeople, RecordFormPage):
    """Ending a term asks for its last day, so it is a form with the confirmation's warning."""

    form_class = EndMembershipForm
    warning = "The membership is kept on record with its end date; the person loses this role's access after that day."
    cancel_label = "No, go back"
    success_message = "Membership ended"

    def load(self):
        self.membership = _membership(self)

    def get_initial(self):
        return {"end_date": timezone.localdate()}

    def get_title(self):
        return f"End {self.membership.person}'s membership as {self.membership.get_role_display().lower()}?"

    def run(self, form):
        return services.end_membership(self.access, self.membership, form.cleaned_data["end_date"])

    def get_success_url(self):
        return board_url(self.board, "boards:membership_detail", membership_id=self.membership.pk)

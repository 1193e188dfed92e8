"""Sub-group pages: list (filters, CSV), detail with history, and the edit pages.

Every view goes through lscb.permissions (BoardView + capability) and subgroups.permissions
(visible_to / editable_by → 404 for anything not one's own). Views parse the form, call one
service and redirect with a message.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View

from boards.choices import RAG
from boards.models import Person
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ConfirmPage, FormPage, ListPage
from lscb.permissions import Capability, get_editable_object, get_object_for_user
from subgroups import services
from subgroups.forms import (
    HighlightUpdateForm,
    SubGroupFilterForm,
    SubGroupForm,
    SubGroupMeetingForm,
    SubGroupMemberForm,
    WorkPlanFilterForm,
    WorkPlanItemForm,
)
from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem
from subgroups.permissions import can_keep_work_plan

# On a sub-group's pages, its records' link to the sub-group goes without saying.
PARENT = frozenset({"subgroup"})


def _list_url(board):
    return reverse("subgroups:subgroup_list", kwargs={"board_slug": board.slug})


class InSubGroups:
    """Pages under Sub-groups: the trail starts there."""

    def trail(self):
        return [("Sub-groups", _list_url(self.board))]


class _LoadSubGroup(View):
    """Loads the sub-group of the URL (kwarg `subgroup_id`). Sits behind BoardView in the MRO, so
    it runs after the permission layer's checks: `for_editing = True` loads it through
    `editable_by` (404 for a sub-group not one's own), otherwise through `visible_to`."""

    for_editing = False

    def dispatch(self, request, *args, **kwargs):
        queryset = SubGroup.objects.select_related("board", "chair_person", "chair_agency", "area")
        getter = get_editable_object if self.for_editing else get_object_for_user
        self.subgroup = getter(queryset, self.access, pk=kwargs["subgroup_id"])
        self.can_keep_work_plan = can_keep_work_plan(self.access, self.subgroup)
        return super().dispatch(request, *args, **kwargs)


class OnSubGroup(InSubGroups):
    """A page about one sub-group or one of its records: its name is the caption and in the trail."""

    def trail(self):
        return [*super().trail(), (self.subgroup.name, self.subgroup.get_absolute_url())]

    def get_caption(self):
        return self.subgroup.name

    def service_args(self):
        return (self.subgroup,)

    def cancel_url(self):
        return self.subgroup.get_absolute_url()

    def get_success_url(self):
        return self.subgroup.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subgroup=self.subgroup, can_keep_work_plan=self.can_keep_work_plan)
        return context


class SubGroupPage(OnSubGroup, BoardPage, _LoadSubGroup):
    pass


class SubGroupFormPage(OnSubGroup, FormPage, _LoadSubGroup):
    pass


class SubGroupConfirmPage(OnSubGroup, ConfirmPage, _LoadSubGroup):
    """Deleting a sub-group's record: the audit log keeps who deleted it."""

    question = "Are you sure you want to delete {label}?"
    button = "Yes, delete"
    crumb = "Delete"
    success_message = "{label} deleted"

    def consequences(self):
        return ["This cannot be undone. The audit log keeps a record that it was deleted, and by whom."]


# --- List and export ----------------------------------------------------------------------


class SubGroupListMixin:
    """The list's filtered sub-groups, for the page and its CSV export alike."""

    filter_form_class = SubGroupFilterForm
    export_url_name = "subgroups:subgroup_export"

    def filtered_subgroups(self):
        subgroups = (
            SubGroup.objects.visible_to(self.access)
            .select_related("chair_person", "chair_agency", "area")
            .annotate(
                member_count=Count("memberships", distinct=True),
                open_item_count=Count("work_plan_items", filter=~Q(work_plan_items__rag=RAG.COMPLETE), distinct=True),
            )
        )
        # Meta.ordering is not applied to GROUP BY queries: order explicitly.
        return self.filtered(subgroups).order_by("name")


class SubGroupListView(SubGroupListMixin, ListPage):
    """Every sub-group of the board, with filters; the business manager adds new ones here."""

    capability = Capability.VIEW_BOARD
    template_name = "subgroups/subgroup_list.html"
    title = "Sub-groups"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subgroups=list(self.filtered_subgroups()), today=timezone.localdate())
        return context


class SubGroupExportView(SubGroupListMixin, ListPage):
    """The filtered list as CSV (same filters as the page)."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        header = [
            "Name",
            "Kind",
            "Area",
            "Chair",
            "Chair's agency",
            "Purpose",
            "Start date",
            "End date",
            "Status",
            "Members",
            "Open work-plan items",
        ]
        rows = (
            [
                sg.name,
                sg.get_kind_display(),
                sg.area.name if sg.area else "",
                sg.chair_person.full_name if sg.chair_person else "",
                sg.chair_agency.name if sg.chair_agency else "",
                sg.purpose,
                sg.start_date,
                sg.end_date,
                "Active" if sg.is_active(today) else "Not active",
                sg.member_count,
                sg.open_item_count,
            ]
            for sg in self.filtered_subgroups()
        )
        return csv_response(f"{self.board.slug}-sub-groups-{today:%Y-%m-%d}.csv", header, rows)


# --- The board's whole work plan, across sub-groups -----------------------------------------


class WorkPlanMixin:
    """The board's filtered work-plan items, for the page and its CSV export alike."""

    filter_form_class = WorkPlanFilterForm
    export_url_name = "subgroups:work_plan_export"

    def filtered_items(self):
        items = (
            WorkPlanItem.objects.visible_to(self.access)
            .select_related("subgroup", "owner_person", "owner_agency", "action__priority")
            .order_by("due_date", "subgroup__name", "id")
        )
        return self.filtered(items)


class WorkPlanListView(WorkPlanMixin, InSubGroups, ListPage):
    """Every sub-group's work-plan items on one page: what is due, overdue, red."""

    capability = Capability.VIEW_BOARD
    template_name = "subgroups/work_plan_list.html"
    title = "Work plans"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.filtered_items()
        total = items.count()
        context.update(
            items=list(items[: self.paginate_by]),
            total=total,
            limit=self.paginate_by,
            today=timezone.localdate(),
        )
        return context


class WorkPlanExportView(WorkPlanMixin, InSubGroups, ListPage):
    """The filtered work plans as CSV (same filters as the page)."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        header = [
            "Sub-group",
            "Item",
            "Owner",
            "Owning agency",
            "Due date",
            "RAG status",
            "Overdue",
            "Business plan action",
        ]
        rows = (
            [
                item.subgroup.name,
                item.title,
                item.owner_person.full_name if item.owner_person else "",
                item.owner_agency.name if item.owner_agency else "",
                item.due_date,
                item.get_rag_display(),
                item.is_open and item.due_date < today,
                f"{item.action.priority.number}. {item.action.title}" if item.action else "",
            ]
            for item in self.filtered_items()
        )
        return csv_response(f"{self.board.slug}-sub-group-work-plans-{today:%Y-%m-%d}.csv", header, rows)


# --- Detail ------------------------------------------------------------------------------


class SubGroupDetailView(InSubGroups, BoardPage, _LoadSubGroup):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/subgroup_detail.html"

    def get_title(self):
        return self.subgroup.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subgroup = self.subgroup
        members = SubGroupMember.objects.filter(subgroup=subgroup).select_related("person", "agency")
        meetings = SubGroupMeeting.objects.filter(subgroup=subgroup)
        items = WorkPlanItem.objects.filter(subgroup=subgroup).select_related(
            "owner_person", "owner_agency", "action__priority"
        )
        highlights = HighlightUpdate.objects.visible_to(self.access).filter(subgroup=subgroup)
        member_names = {}

        def member_subject(record):
            return f"Member: {member_names.get(record.person_id, 'a former member')}"

        members = list(members)
        # Names for every member in the history, removed ones too: one query.
        member_history = SubGroupMember.history.filter(subgroup_id=subgroup.pk)
        member_names.update(
            Person.objects.filter(pk__in=member_history.values("person_id")).values_list("pk", "full_name")
        )
        context.update(
            subgroup=subgroup,
            can_keep_work_plan=self.can_keep_work_plan,
            members=members,
            meetings=list(meetings),
            items=list(items),
            highlights=list(highlights),
            today=timezone.localdate(),
            can_manage=self.access.can_manage_board,
            history=change_log(
                Source(subgroup.history.all(), lambda r: "Sub-group details"),
                Source(member_history, member_subject, hide=PARENT),
                Source(
                    SubGroupMeeting.history.filter(subgroup_id=subgroup.pk),
                    lambda r: f"Meeting of {r.date:%-d %b %Y}",
                    hide=PARENT,
                ),
            ),
        )
        return context


# --- The sub-group itself ------------------------------------------------------------------


class SubGroupCreateView(InSubGroups, FormPage):
    capability = Capability.MANAGE_BOARD
    title = "Add a sub-group"
    caption = "Sub-groups"
    form_class = SubGroupForm
    service = staticmethod(services.save_subgroup)
    success_message = "{object.name} added"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": SubGroup(board=self.board)}

    def cancel_url(self):
        return _list_url(self.board)


class SubGroupEditView(SubGroupFormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupForm
    service = staticmethod(services.save_subgroup)
    success_message = "{object.name} updated"

    def get_title(self):
        return f"Edit {self.subgroup.name}"

    def service_args(self):
        return ()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": self.subgroup}


class SubGroupDeleteView(SubGroupConfirmPage):
    capability = Capability.MANAGE_BOARD
    service = staticmethod(services.delete_subgroup)
    warning = "Its members, meetings, work plan and draft highlight updates are deleted with it. This cannot be undone."

    def target(self):
        return self.subgroup

    def consequences(self):
        return []

    def done_url(self):
        return _list_url(self.board)


# Members -------------------------------------------------------------------------------


class MemberMixin:
    def get_member(self):
        if not hasattr(self, "member"):
            self.member = get_object_for_user(
                SubGroupMember.objects.select_related("person", "subgroup"),
                self.access,
                pk=self.kwargs["member_id"],
                subgroup=self.subgroup,
            )
        return self.member


class MemberAddView(SubGroupFormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMemberForm
    service = staticmethod(services.save_member)

    def get_title(self):
        return f"Add a member to {self.subgroup.name}"

    def get_success_message(self):
        return f"{self.object.person} added to {self.subgroup.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup}


class MemberEditView(MemberMixin, SubGroupFormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMemberForm
    service = staticmethod(services.save_member)

    def get_title(self):
        return f"Edit {self.get_member().person}'s membership"

    def get_success_message(self):
        return f"{self.get_member().person}'s membership updated"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.get_member()}


class MemberRemoveView(MemberMixin, SubGroupConfirmPage):
    capability = Capability.MANAGE_BOARD
    service = staticmethod(services.remove_member)

    def target(self):
        return self.get_member()

    def target_label(self):
        return f"{self.target().person}'s membership of {self.subgroup.name}"


# Meetings ------------------------------------------------------------------------------


class MeetingMixin:
    def get_meeting(self):
        if not hasattr(self, "meeting"):
            self.meeting = get_object_for_user(
                SubGroupMeeting.objects.select_related("subgroup"),
                self.access,
                pk=self.kwargs["meeting_id"],
                subgroup=self.subgroup,
            )
        return self.meeting


class MeetingAddView(SubGroupFormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMeetingForm
    service = staticmethod(services.save_meeting)
    success_message = "Meeting of {object.date:%-d %B %Y} recorded"

    def get_title(self):
        return f"Record a meeting of {self.subgroup.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup}


class MeetingEditView(MeetingMixin, SubGroupFormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMeetingForm
    service = staticmethod(services.save_meeting)
    success_message = "Meeting updated"

    def get_title(self):
        return f"Edit the meeting of {self.get_meeting().date:%-d %B %Y}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.get_meeting()}


class MeetingDeleteView(MeetingMixin, SubGroupConfirmPage):
    capability = Capability.MANAGE_BOARD
    service = staticmethod(services.delete_meeting)

    def target(self):
        return self.get_meeting()

    def target_label(self):
        return f"The meeting of {self.target().date:%-d %B %Y}"


# Work plan -----------------------------------------------------------------------------


class WorkPlanItemMixin:
    def get_item(self, editable=False):
        if not hasattr(self, "item"):
            getter = get_editable_object if editable else get_object_for_user
            self.item = getter(
                WorkPlanItem.objects.select_related(
                    "subgroup__board", "owner_person", "owner_agency", "action__priority"
                ),
                self.access,
                pk=self.kwargs["item_id"],
                subgroup=self.subgroup,
            )
        return self.item


class WorkPlanItemDetailView(WorkPlanItemMixin, SubGroupPage):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/work_plan_item_detail.html"

    def get_title(self):
        return self.get_item().title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.get_item()
        context.update(
            item=item,
            today=timezone.localdate(),
            history=change_log(Source(item.history.all(), lambda r: "Work-plan item", hide=PARENT)),
        )
        return context


class WorkPlanItemCreateView(SubGroupFormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = WorkPlanItemForm
    service = staticmethod(services.save_work_plan_item)
    success_message = "Work-plan item “{object.title}” added"

    def get_title(self):
        return f"Add a work-plan item to {self.subgroup.name}"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "subgroup": self.subgroup,
            "instance": WorkPlanItem(subgroup=self.subgroup),
        }


class WorkPlanItemEditView(WorkPlanItemMixin, SubGroupFormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = WorkPlanItemForm
    service = staticmethod(services.save_work_plan_item)
    success_message = "Work-plan item “{object.title}” updated"

    def get_title(self):
        return f"Edit “{self.get_item(editable=True).title}”"

    def cancel_url(self):
        return self.get_item(editable=True).get_absolute_url()

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.get_item(editable=True)}


class WorkPlanItemDeleteView(WorkPlanItemMixin, SubGroupConfirmPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    service = staticmethod(services.delete_work_plan_item)

    def target(self):
        return self.get_item(editable=True)

    def target_label(self):
        return f"Work-plan item “{self.target().title}”"


# Highlight updates -------------------------------------------------------------------------


class HighlightMixin:
    def get_highlight(self, editable=False):
        if not hasattr(self, "highlight"):
            getter = get_editable_object if editable else get_object_for_user
            self.highlight = getter(
                HighlightUpdate.objects.select_related("subgroup__board", "submitted_by"),
                self.access,
                pk=self.kwargs["highlight_id"],
                subgroup=self.subgroup,
            )
        return self.highlight


class HighlightDetailView(HighlightMixin, SubGroupPage):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/highlight_detail.html"

    def get_title(self):
        return f"Highlight update {self.get_highlight().period_label}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        highlight = self.get_highlight()
        context.update(
            highlight=highlight,
            can_manage=self.access.can_manage_board,
            history=change_log(Source(highlight.history.all(), lambda r: "Highlight update", hide=PARENT)),
        )
        return context


class HighlightCreateView(SubGroupFormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = HighlightUpdateForm
    service = staticmethod(services.save_highlight)
    success_message = "Draft highlight update for {object.period_label} saved"

    def get_title(self):
        return f"Write a highlight update for {self.subgroup.name}"

    def get_initial(self):
        from subgroups.models import quarter_of  # noqa: PLC0415

        year, quarter = quarter_of(timezone.localdate())
        return {"financial_year": year, "quarter": quarter}

    def get_form_kwargs(self):
        instance = HighlightUpdate(subgroup=self.subgroup)
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": instance}

    def get_success_url(self):
        return self.object.get_absolute_url()


class HighlightEditView(HighlightMixin, SubGroupFormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = HighlightUpdateForm
    service = staticmethod(services.save_highlight)
    success_message = "Highlight update for {object.period_label} saved"

    def editable_highlight(self):
        highlight = self.get_highlight(editable=True)
        if not highlight.is_editable:
            # Submitted updates are the board's record; the business manager can return one.
            raise Http404("This update is no longer editable")
        return highlight

    def get_title(self):
        return f"Edit the highlight update for {self.editable_highlight().period_label}"

    def cancel_url(self):
        return self.editable_highlight().get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.editable_highlight()}

    def get_success_url(self):
        return self.object.get_absolute_url()


class HighlightTransitionView(HighlightMixin, SubGroupPage):
    """POST only: one verb on a highlight update, then back to its page."""

    http_method_names = ["post"]
    verb = None
    done = ""

    def post(self, request, *args, **kwargs):
        highlight = self.get_highlight(editable=True)
        try:
            getattr(services, self.verb)(self.access, highlight)
        except services.SubGroupError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, self.done.format(period=highlight.period_label))
        return redirect(highlight.get_absolute_url())


class HighlightSubmitView(HighlightTransitionView):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    verb = "submit_highlight"
    done = "Highlight update for {period} submitted to the board"


class HighlightReturnView(HighlightTransitionView):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    verb = "return_highlight"
    done = "Highlight update for {period} returned to the sub-group chair"


class HighlightDeleteView(HighlightMixin, SubGroupConfirmPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    service = staticmethod(services.delete_highlight)

    def target(self):
        return self.get_highlight(editable=True)

    def target_label(self):
        return f"Draft highlight update for {self.target().period_label}"

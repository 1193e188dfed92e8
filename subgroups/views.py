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
from django.views.generic import FormView, TemplateView

from boards.choices import RAG
from boards.models import Person
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.permissions import BoardView, Capability
from subgroups import services
from subgroups.forms import (
    ConfirmForm,
    HighlightUpdateForm,
    SubGroupFilterForm,
    SubGroupForm,
    SubGroupMeetingForm,
    SubGroupMemberForm,
    WorkPlanFilterForm,
    WorkPlanItemForm,
)
from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem
from subgroups.permissions import SubGroupView, get_editable_object, get_object_for_user

# On a sub-group's pages, its records' link to the sub-group goes without saying.
PARENT = frozenset({"subgroup"})


def _list_url(board):
    return reverse("subgroups:subgroup_list", kwargs={"board_slug": board.slug})


def _breadcrumbs(board, *more):
    return [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Sub-groups", _list_url(board)),
        *more,
    ]


# --- List and export ----------------------------------------------------------------------


class SubGroupListMixin:
    def filtered_subgroups(self):
        self.filter_form = SubGroupFilterForm(self.request.GET or None, board=self.board)
        subgroups = (
            SubGroup.objects.visible_to(self.access)
            .select_related("chair_person", "chair_agency", "area")
            .annotate(
                member_count=Count("memberships", distinct=True),
                open_item_count=Count("work_plan_items", filter=~Q(work_plan_items__rag=RAG.COMPLETE), distinct=True),
            )
        )
        # Meta.ordering is not applied to GROUP BY queries: order explicitly.
        return self.filter_form.filter(subgroups).order_by("name")


class SubGroupListView(SubGroupListMixin, BoardView, TemplateView):
    """Every sub-group of the board, with filters; the business manager adds new ones here."""

    capability = Capability.VIEW_BOARD
    template_name = "subgroups/subgroup_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subgroups = list(self.filtered_subgroups())
        query = self.request.GET.urlencode()
        context.update(
            subgroups=subgroups,
            filter_form=self.filter_form,
            export_url=reverse("subgroups:subgroup_export", kwargs={"board_slug": self.board.slug})
            + (f"?{query}" if query else ""),
            today=timezone.localdate(),
            breadcrumbs=_breadcrumbs(self.board)[:1] + [("Sub-groups", None)],
        )
        return context


class SubGroupExportView(SubGroupListMixin, BoardView):
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
    def filtered_items(self):
        self.filter_form = WorkPlanFilterForm(self.request.GET or None, board=self.board)
        items = (
            WorkPlanItem.objects.visible_to(self.access)
            .select_related("subgroup", "owner_person", "owner_agency", "action__priority")
            .order_by("due_date", "subgroup__name", "id")
        )
        return self.filter_form.filter(items)


class WorkPlanListView(WorkPlanMixin, BoardView, TemplateView):
    """Every sub-group's work-plan items on one page: what is due, overdue, red."""

    capability = Capability.VIEW_BOARD
    template_name = "subgroups/work_plan_list.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.filtered_items()
        total = items.count()
        query = self.request.GET.urlencode()
        context.update(
            items=list(items[: self.paginate_by]),
            total=total,
            limit=self.paginate_by,
            filter_form=self.filter_form,
            export_url=reverse("subgroups:work_plan_export", kwargs={"board_slug": self.board.slug})
            + (f"?{query}" if query else ""),
            today=timezone.localdate(),
            breadcrumbs=_breadcrumbs(self.board, ("Work plans", None)),
        )
        return context


class WorkPlanExportView(WorkPlanMixin, BoardView):
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


class SubGroupDetailView(SubGroupView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/subgroup_detail.html"

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
            breadcrumbs=_breadcrumbs(self.board, (subgroup.name, None)),
        )
        return context


# --- Form pages ----------------------------------------------------------------------------


class FormPage(FormView):
    """Shared by every add/edit page: one template, a heading, a cancel link, the GOV.UK error summary."""

    template_name = "subgroups/form.html"
    heading = ""

    def get_heading(self):
        return self.heading

    def cancel_url(self):
        return self.subgroup.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.get_heading(), cancel_url=self.cancel_url())
        if getattr(self, "subgroup", None) is not None:
            context["breadcrumbs"] = _breadcrumbs(
                self.board, (self.subgroup.name, self.subgroup.get_absolute_url()), (context["heading"], None)
            )
        return context

    def get_success_url(self):
        return self.subgroup.get_absolute_url()


class SubGroupCreateView(BoardView, FormPage):
    capability = Capability.MANAGE_BOARD
    heading = "Add a sub-group"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": SubGroup(board=self.board)}

    def get_form_class(self):
        return SubGroupForm

    def cancel_url(self):
        return _list_url(self.board)

    def form_valid(self, form):
        self.subgroup = services.save_subgroup(self.access, form)
        messages.success(self.request, f"{self.subgroup.name} added")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = _breadcrumbs(self.board, ("Add a sub-group", None))
        return context


class SubGroupEditView(SubGroupView, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupForm

    def get_heading(self):
        return f"Edit {self.subgroup.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": self.subgroup}

    def form_valid(self, form):
        services.save_subgroup(self.access, form)
        messages.success(self.request, f"{self.subgroup.name} updated")
        return redirect(self.get_success_url())


class ConfirmDeletePage(FormView):
    """GET asks "are you sure?"; POST deletes. Nothing is deleted without this page."""

    template_name = "subgroups/confirm_delete.html"
    form_class = ConfirmForm

    def target(self):
        raise NotImplementedError

    def target_label(self):
        return str(self.target())

    def perform(self):
        raise NotImplementedError

    def done_url(self):
        return self.subgroup.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(label=self.target_label(), cancel_url=self.cancel_url(), warning=self.warning())
        context["breadcrumbs"] = _breadcrumbs(
            self.board, (self.subgroup.name, self.subgroup.get_absolute_url()), ("Delete", None)
        )
        return context

    def warning(self):
        return ""

    def cancel_url(self):
        return self.subgroup.get_absolute_url()

    def form_valid(self, form):
        label = self.target_label()
        try:
            self.perform()
        except services.SubGroupError as exc:
            messages.error(self.request, str(exc))
            return redirect(self.cancel_url())
        messages.success(self.request, f"{label} deleted")
        return redirect(self.done_url())


class SubGroupDeleteView(SubGroupView, ConfirmDeletePage):
    capability = Capability.MANAGE_BOARD

    def target(self):
        return self.subgroup

    def warning(self):
        return "Its members, meetings, work plan and draft highlight updates are deleted with it."

    def perform(self):
        services.delete_subgroup(self.access, self.subgroup)

    def done_url(self):
        return _list_url(self.board)


# Members -------------------------------------------------------------------------------


class MemberMixin:
    def get_member(self):
        return get_object_for_user(
            SubGroupMember.objects.select_related("person", "subgroup"),
            self.access,
            pk=self.kwargs["member_id"],
            subgroup=self.subgroup,
        )


class MemberAddView(SubGroupView, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMemberForm

    def get_heading(self):
        return f"Add a member to {self.subgroup.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup}

    def form_valid(self, form):
        member = services.save_member(self.access, self.subgroup, form)
        messages.success(self.request, f"{member.person} added to {self.subgroup.name}")
        return redirect(self.get_success_url())


class MemberEditView(MemberMixin, SubGroupView, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMemberForm

    def get_heading(self):
        return f"Edit {self.member.person}'s membership"

    def get_form_kwargs(self):
        self.member = self.get_member()
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.member}

    def form_valid(self, form):
        services.save_member(self.access, self.subgroup, form)
        messages.success(self.request, f"{self.member.person}'s membership updated")
        return redirect(self.get_success_url())


class MemberRemoveView(MemberMixin, SubGroupView, ConfirmDeletePage):
    capability = Capability.MANAGE_BOARD

    def target(self):
        if not hasattr(self, "member"):
            self.member = self.get_member()
        return self.member

    def target_label(self):
        return f"{self.target().person}'s membership of {self.subgroup.name}"

    def perform(self):
        services.remove_member(self.access, self.target())


# Meetings ------------------------------------------------------------------------------


class MeetingMixin:
    def get_meeting(self):
        return get_object_for_user(
            SubGroupMeeting.objects.select_related("subgroup"),
            self.access,
            pk=self.kwargs["meeting_id"],
            subgroup=self.subgroup,
        )


class MeetingAddView(SubGroupView, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMeetingForm

    def get_heading(self):
        return f"Record a meeting of {self.subgroup.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subgroup": self.subgroup}

    def form_valid(self, form):
        meeting = services.save_meeting(self.access, self.subgroup, form)
        messages.success(self.request, f"Meeting of {meeting.date:%-d %B %Y} recorded")
        return redirect(self.get_success_url())


class MeetingEditView(MeetingMixin, SubGroupView, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = SubGroupMeetingForm

    def get_heading(self):
        return f"Edit the meeting of {self.meeting.date:%-d %B %Y}"

    def get_form_kwargs(self):
        self.meeting = self.get_meeting()
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.meeting}

    def form_valid(self, form):
        services.save_meeting(self.access, self.subgroup, form)
        messages.success(self.request, "Meeting updated")
        return redirect(self.get_success_url())


class MeetingDeleteView(MeetingMixin, SubGroupView, ConfirmDeletePage):
    capability = Capability.MANAGE_BOARD

    def target(self):
        if not hasattr(self, "meeting"):
            self.meeting = self.get_meeting()
        return self.meeting

    def target_label(self):
        return f"The meeting of {self.target().date:%-d %B %Y}"

    def perform(self):
        services.delete_meeting(self.access, self.target())


# Work plan -----------------------------------------------------------------------------


class WorkPlanItemMixin:
    def get_item(self, editable=False):
        getter = get_editable_object if editable else get_object_for_user
        return getter(
            WorkPlanItem.objects.select_related("subgroup__board", "owner_person", "owner_agency", "action__priority"),
            self.access,
            pk=self.kwargs["item_id"],
            subgroup=self.subgroup,
        )


class WorkPlanItemDetailView(WorkPlanItemMixin, SubGroupView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/work_plan_item_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.get_item()
        context.update(
            item=item,
            today=timezone.localdate(),
            history=change_log(Source(item.history.all(), lambda r: "Work-plan item", hide=PARENT)),
            breadcrumbs=_breadcrumbs(
                self.board, (self.subgroup.name, self.subgroup.get_absolute_url()), (item.title, None)
            ),
        )
        return context


class WorkPlanItemCreateView(SubGroupView, FormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = WorkPlanItemForm

    def get_heading(self):
        return f"Add a work-plan item to {self.subgroup.name}"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "subgroup": self.subgroup,
            "instance": WorkPlanItem(subgroup=self.subgroup),
        }

    def form_valid(self, form):
        item = services.save_work_plan_item(self.access, self.subgroup, form)
        messages.success(self.request, f"Work-plan item “{item.title}” added")
        return redirect(self.get_success_url())


class WorkPlanItemEditView(WorkPlanItemMixin, SubGroupView, FormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = WorkPlanItemForm

    def get_heading(self):
        return f"Edit “{self.item.title}”"

    def cancel_url(self):
        return self.item.get_absolute_url()

    def get_form_kwargs(self):
        self.item = self.get_item(editable=True)
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.item}

    def form_valid(self, form):
        item = services.save_work_plan_item(self.access, self.subgroup, form)
        messages.success(self.request, f"Work-plan item “{item.title}” updated")
        return redirect(item.get_absolute_url())


class WorkPlanItemDeleteView(WorkPlanItemMixin, SubGroupView, ConfirmDeletePage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True

    def target(self):
        if not hasattr(self, "item"):
            self.item = self.get_item(editable=True)
        return self.item

    def target_label(self):
        return f"Work-plan item “{self.target().title}”"

    def perform(self):
        services.delete_work_plan_item(self.access, self.target())


# Highlight updates -------------------------------------------------------------------------


class HighlightMixin:
    def get_highlight(self, editable=False):
        getter = get_editable_object if editable else get_object_for_user
        return getter(
            HighlightUpdate.objects.select_related("subgroup__board", "submitted_by"),
            self.access,
            pk=self.kwargs["highlight_id"],
            subgroup=self.subgroup,
        )


class HighlightDetailView(HighlightMixin, SubGroupView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "subgroups/highlight_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        highlight = self.get_highlight()
        context.update(
            highlight=highlight,
            can_manage=self.access.can_manage_board,
            history=change_log(Source(highlight.history.all(), lambda r: "Highlight update", hide=PARENT)),
            breadcrumbs=_breadcrumbs(
                self.board,
                (self.subgroup.name, self.subgroup.get_absolute_url()),
                (f"Highlight update {highlight.period_label}", None),
            ),
        )
        return context


class HighlightCreateView(SubGroupView, FormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = HighlightUpdateForm

    def get_heading(self):
        return f"Write a highlight update for {self.subgroup.name}"

    def get_initial(self):
        from subgroups.models import quarter_of  # noqa: PLC0415

        year, quarter = quarter_of(timezone.localdate())
        return {"financial_year": year, "quarter": quarter}

    def get_form_kwargs(self):
        instance = HighlightUpdate(subgroup=self.subgroup)
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": instance}

    def form_valid(self, form):
        highlight = services.save_highlight(self.access, self.subgroup, form)
        messages.success(self.request, f"Draft highlight update for {highlight.period_label} saved")
        return redirect(highlight.get_absolute_url())


class HighlightEditView(HighlightMixin, SubGroupView, FormPage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = HighlightUpdateForm

    def get_heading(self):
        return f"Edit the highlight update for {self.highlight.period_label}"

    def cancel_url(self):
        return self.highlight.get_absolute_url()

    def get_form_kwargs(self):
        self.highlight = self.get_highlight(editable=True)
        if not self.highlight.is_editable:
            # Submitted updates are the board's record; the business manager can return one.
            raise Http404("This update is no longer editable")
        return {**super().get_form_kwargs(), "subgroup": self.subgroup, "instance": self.highlight}

    def form_valid(self, form):
        highlight = services.save_highlight(self.access, self.subgroup, form)
        messages.success(self.request, f"Highlight update for {highlight.period_label} saved")
        return redirect(highlight.get_absolute_url())


class HighlightTransitionView(HighlightMixin, SubGroupView):
    """POST only: one verb on a highlight update, then back to its page."""

    http_method_names = ["post"]
    verb = None
    done = ""

    def post(self, request, *args, **kwargs):
        highlight = self.get_highlight(editable=True)
        try:
            getattr(services, self.verb)(self.access, highlight)
        except services.SubGroupError as exc:
            messages.error(request, str(exc))
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


class HighlightDeleteView(HighlightMixin, SubGroupView, ConfirmDeletePage):
    capability = Capability.EDIT_ACTIONS
    for_editing = True

    def target(self):
        if not hasattr(self, "highlight"):
            self.highlight = self.get_highlight(editable=True)
        return self.highlight

    def target_label(self):
        return f"Draft highlight update for {self.target().period_label}"

    def perform(self):
        services.delete_highlight(self.access, self.target())

"""Inspections of local services (Ofsted and others) and the board's tracking of their recommendations."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards.choices import RecommendationStatus
from boards.forms.performance import InspectionForm, RecommendationForm
from boards.models import Inspection, InspectionRecommendation
from boards.views.plan import BoardFormView
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.permissions import BoardView, Capability, get_object_for_user


def inspection_crumbs(board, inspection=None):
    crumbs = [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Inspections", reverse("boards:inspection_list", kwargs={"board_slug": board.slug})),
    ]
    if inspection is not None:
        crumbs.append((inspection.title, inspection.get_absolute_url()))
    return crumbs


class InspectionListView(BoardView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/inspection_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspections = Inspection.objects.visible_to(self.access).annotate(
            recommendation_count=Count("recommendations"),
            outstanding_count=Count(
                "recommendations", filter=Q(recommendations__status__in=RecommendationStatus.outstanding())
            ),
        )
        inspectorate = self.request.GET.get("inspectorate", "")
        if inspectorate:
            inspections = inspections.filter(inspectorate=inspectorate)
        context.update(
            inspections=inspections,
            inspectorate=inspectorate,
            inspectorates=Inspection._meta.get_field("inspectorate").choices,
            query=self.request.GET.urlencode(),
            breadcrumbs=inspection_crumbs(self.board)[:1] + [("Inspections", None)],
        )
        return context


class RecommendationExportView(BoardView):
    """Every inspection recommendation with its owner, due date and status, as CSV."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        recommendations = (
            InspectionRecommendation.objects.visible_to(self.access)
            .select_related("inspection", "owner_agency")
            .order_by("-inspection__start_date", "number")
        )
        inspectorate = request.GET.get("inspectorate", "")
        if inspectorate:
            recommendations = recommendations.filter(inspection__inspectorate=inspectorate)
        today = timezone.localdate()
        header = [
            "Inspection",
            "Inspectorate",
            "Judgement",
            "Number",
            "Recommendation",
            "Owning agency",
            "Due",
            "Status",
            "Overdue",
            "Progress",
        ]
        rows = (
            [
                r.inspection.title,
                r.inspection.get_inspectorate_display(),
                r.inspection.get_judgement_display(),
                r.number,
                r.text,
                r.owner_agency.name if r.owner_agency else "",
                r.due_date,
                r.get_status_display(),
                bool(r.due_date and r.due_date < today and r.status in RecommendationStatus.outstanding()),
                r.progress,
            ]
            for r in recommendations.iterator()
        )
        return csv_response(f"{self.board.slug}-inspection-recommendations.csv", header, rows)


class InspectionDetailView(BoardView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/inspection_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection = get_object_for_user(
            Inspection.objects.select_related("board"), self.access, pk=self.kwargs["inspection_id"]
        )
        context.update(
            inspection=inspection,
            recommendations=list(inspection.recommendations.select_related("owner_agency")),
            outstanding=RecommendationStatus.outstanding(),
            today=timezone.localdate(),
            history=change_log(inspection.history.all()),
            breadcrumbs=inspection_crumbs(self.board) + [(inspection.title, None)],
        )
        return context


class InspectionCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = InspectionForm
    audit_action = "boards.inspection"
    page_title = "Add an inspection"

    def prepare(self, obj):
        obj.board = self.board

    def get_cancel_url(self):
        return reverse("boards:inspection_list", kwargs={"board_slug": self.board.slug})

    def get_breadcrumbs(self):
        return inspection_crumbs(self.board)


class InspectionEditView(InspectionCreateView):
    page_title = "Edit the inspection"

    def get_object(self):
        return get_object_for_user(
            Inspection.objects.select_related("board"), self.access, pk=self.kwargs["inspection_id"]
        )

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class RecommendationCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = RecommendationForm
    audit_action = "boards.inspection_recommendation"
    page_title = "Add a recommendation"

    def dispatch_prepare(self):
        self.inspection = get_object_for_user(
            Inspection.objects.select_related("board"), self.access, pk=self.kwargs["inspection_id"]
        )
        self.object = None

    def get_form(self, data=None, files=None):
        initial = {}
        if self.object is None:
            initial["number"] = self.inspection.recommendations.count() + 1
        return self.form_class(data=data, instance=self.object, inspection=self.inspection, initial=initial)

    def prepare(self, obj):
        obj.inspection = self.inspection

    def get_success_url(self, obj):
        return self.inspection.get_absolute_url() + f"#recommendation-{obj.number}"

    def get_cancel_url(self):
        return self.inspection.get_absolute_url()

    def get_breadcrumbs(self):
        return inspection_crumbs(self.board, self.inspection)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caption"] = self.inspection.title
        return context


class RecommendationEditView(RecommendationCreateView):
    page_title = "Update the recommendation"

    def dispatch_prepare(self):
        self.object = get_object_for_user(
            InspectionRecommendation.objects.select_related("inspection__board"),
            self.access,
            pk=self.kwargs["recommendation_id"],
        )
        self.inspection = self.object.inspection

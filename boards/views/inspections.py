"""Inspections of local services (Ofsted and others) and the board's tracking of their recommendations."""

from django.db.models import Count, Q
from django.utils import timezone

from boards.choices import RecommendationStatus
from boards.forms.performance import InspectionFilterForm, InspectionForm, RecommendationForm
from boards.models import Inspection, InspectionRecommendation
from boards.views.base import SavedFormPage
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.pages import BoardPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InInspections:
    """Pages under Inspections; `self.inspection` (if set) is in the trail too."""

    inspection = None

    def trail(self):
        trail = [("Inspections", board_url(self.board, "boards:inspection_list"))]
        if self.inspection is not None:
            trail.append((self.inspection.title, self.inspection.get_absolute_url()))
        return trail


def _inspection(view):
    return get_object_for_user(Inspection.objects.select_related("board"), view.access, pk=view.kwargs["inspection_id"])


class InspectionFilters:
    capability = Capability.VIEW_BOARD
    filter_form_class = InspectionFilterForm
    export_url_name = "boards:recommendation_export"
    export_label = "Download the recommendations (CSV)"


class InspectionListView(InspectionFilters, ListPage):
    template_name = "boards/performance/inspection_list.html"
    title = "Inspections"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspections = Inspection.objects.visible_to(self.access).annotate(
            recommendation_count=Count("recommendations"),
            outstanding_count=Count(
                "recommendations", filter=Q(recommendations__status__in=RecommendationStatus.outstanding())
            ),
        )
        context["inspections"] = self.filtered(inspections)
        return context


class RecommendationExportView(InspectionFilters, ListPage):
    """Every inspection recommendation with its owner, due date and status, as CSV."""

    def get(self, request, *args, **kwargs):
        recommendations = (
            InspectionRecommendation.objects.visible_to(self.access)
            .select_related("inspection", "owner_agency")
            .order_by("-inspection__start_date", "number")
        )
        recommendations = self.get_filter_form().filter(recommendations, "inspection__inspectorate")
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


class InspectionDetailView(InInspections, BoardPage, Loads):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/inspection_detail.html"

    def load(self):
        self.detail = _inspection(self)

    def get_title(self):
        return self.detail.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection = self.detail
        context.update(
            inspection=inspection,
            recommendations=list(inspection.recommendations.select_related("owner_agency")),
            outstanding=RecommendationStatus.outstanding(),
            today=timezone.localdate(),
            history=change_log(inspection.history.all()),
        )
        return context


class InspectionCreateView(InInspections, SavedFormPage):
    form_class = InspectionForm
    audit_action = "boards.inspection"
    title = "Add an inspection"

    def new_fields(self):
        return {"board": self.board}

    def cancel_url(self):
        return board_url(self.board, "boards:inspection_list")


class InspectionEditView(InspectionCreateView):
    title = "Edit the inspection"

    def load(self):
        self.object = self.inspection = _inspection(self)

    def cancel_url(self):
        return self.object.get_absolute_url()


class RecommendationCreateView(InInspections, SavedFormPage):
    form_class = RecommendationForm
    audit_action = "boards.inspection_recommendation"
    title = "Add a recommendation"

    def load(self):
        self.inspection = _inspection(self)

    def get_caption(self):
        return self.inspection.title

    def get_initial(self):
        return {"number": self.inspection.recommendations.count() + 1}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.inspection}

    def new_fields(self):
        return {"inspection": self.inspection}

    def get_success_url(self):
        return self.inspection.get_absolute_url() + f"#recommendation-{self.object.number}"

    def cancel_url(self):
        return self.inspection.get_absolute_url()


class RecommendationEditView(RecommendationCreateView):
    title = "Update the recommendation"

    def load(self):
        self.object = get_object_for_user(
            InspectionRecommendation.objects.select_related("inspection__board"),
            self.access,
            pk=self.kwargs["recommendation_id"],
        )
        self.inspection = self.object.inspection

    def get_initial(self):
        return {}

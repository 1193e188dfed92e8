"""The yearly CDOP and LADO figures: one row per board per financial year, entered by the
business manager, read by every member."""

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards.forms.performance import CdopYearForm, LadoYearForm
from boards.models import CdopYear, LadoYear, financial_year_start
from boards.views.plan import BoardFormView
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.permissions import BoardView, Capability, get_object_for_user


def aggregate_crumbs(board):
    return [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Child deaths and LADO", reverse("boards:aggregate_list", kwargs={"board_slug": board.slug})),
    ]


class AggregateListView(BoardView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/aggregate_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cdop_years=list(CdopYear.objects.visible_to(self.access)),
            lado_years=list(LadoYear.objects.visible_to(self.access)),
            breadcrumbs=aggregate_crumbs(self.board)[:1] + [("Child deaths and LADO", None)],
        )
        return context


class AggregateExportView(BoardView):
    """Both tables as one CSV: a row per measure per financial year."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        rows = []
        for year in CdopYear.objects.visible_to(self.access).order_by("financial_year"):
            for measure, value in [
                ("Deaths notified", year.deaths_notified),
                ("Expected deaths", year.expected_deaths),
                ("Unexpected deaths", year.unexpected_deaths),
                ("Reviews completed", year.reviews_completed),
                ("Reviews with modifiable factors", year.reviews_with_modifiable_factors),
                *((f"Category: {label}", count) for label, count in year.category_rows()),
            ]:
                rows.append(["CDOP", year.label, measure, value])
        for year in LadoYear.objects.visible_to(self.access).order_by("financial_year"):
            for measure, value in [
                ("Consultations", year.consultations),
                ("Referrals", year.referrals),
                *((f"Referrals from: {label}", count) for label, count in year.sector_rows()),
                *((f"Outcome: {label}", count) for label, count in year.outcome_rows()),
                *((f"Concluded: {label}", count) for label, count in year.timeliness_rows()),
            ]:
                rows.append(["LADO", year.label, measure, value])
        return csv_response(f"{self.board.slug}-cdop-lado.csv", ["Source", "Financial year", "Measure", "Value"], rows)


class CdopDetailView(BoardView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/cdop_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = get_object_for_user(CdopYear.objects, self.access, pk=self.kwargs["cdop_id"])
        context.update(
            year=year,
            history=change_log(year.history.all()),
            breadcrumbs=aggregate_crumbs(self.board) + [(str(year), None)],
        )
        return context


class LadoDetailView(BoardView, TemplateView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/lado_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = get_object_for_user(LadoYear.objects, self.access, pk=self.kwargs["lado_id"])
        context.update(
            year=year,
            history=change_log(year.history.all()),
            breadcrumbs=aggregate_crumbs(self.board) + [(str(year), None)],
        )
        return context


class YearlyFormView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    template_name = "boards/performance/yearly_form.html"
    detail_url_name = ""
    id_kwarg = ""

    def get_form_kwargs(self):
        return {"board": self.board}

    def get_form(self, data=None, files=None):
        initial = {}
        if self.object is None:
            initial["financial_year"] = financial_year_start(timezone.localdate()) - 1
        return self.form_class(data=data, instance=self.object, board=self.board, initial=initial)

    def prepare(self, obj):
        obj.board = self.board

    def get_success_url(self, obj):
        return reverse(self.detail_url_name, kwargs={"board_slug": self.board.slug, self.id_kwarg: obj.pk})

    def get_cancel_url(self):
        return reverse("boards:aggregate_list", kwargs={"board_slug": self.board.slug})

    def get_breadcrumbs(self):
        return aggregate_crumbs(self.board)


class CdopCreateView(YearlyFormView):
    form_class = CdopYearForm
    audit_action = "boards.cdop_year"
    page_title = "Add a year of child death figures"
    detail_url_name = "boards:cdop_detail"
    id_kwarg = "cdop_id"


class CdopEditView(CdopCreateView):
    page_title = "Edit child death figures"

    def get_object(self):
        return get_object_for_user(CdopYear.objects, self.access, pk=self.kwargs["cdop_id"])


class LadoCreateView(YearlyFormView):
    form_class = LadoYearForm
    audit_action = "boards.lado_year"
    page_title = "Add a year of LADO figures"
    detail_url_name = "boards:lado_detail"
    id_kwarg = "lado_id"


class LadoEditView(LadoCreateView):
    page_title = "Edit LADO figures"

    def get_object(self):
        return get_object_for_user(LadoYear.objects, self.access, pk=self.kwargs["lado_id"])

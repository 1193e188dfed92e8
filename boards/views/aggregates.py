"""The yearly CDOP and LADO figures: one row per board per financial year, entered by the
business manager, read by every member."""

from django.utils import timezone

from boards.forms.performance import CdopYearForm, LadoYearForm
from boards.models import CdopYear, LadoYear, financial_year_start
from boards.views.base import SavedFormPage
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.pages import BoardPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InAggregates:
    """Pages under Child deaths and LADO."""

    def trail(self):
        return [("Child deaths and LADO", board_url(self.board, "boards:aggregate_list"))]


class AggregateListView(BoardPage):
    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/aggregate_list.html"
    title = "Child deaths and LADO"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cdop_years=list(CdopYear.objects.visible_to(self.access)),
            lado_years=list(LadoYear.objects.visible_to(self.access)),
        )
        return context


class AggregateExportView(BoardPage):
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


class YearDetailView(InAggregates, BoardPage, Loads):
    """One year's figures and their history."""

    capability = Capability.VIEW_BOARD
    model = None
    id_kwarg = ""

    def load(self):
        self.year = get_object_for_user(self.model.objects, self.access, pk=self.kwargs[self.id_kwarg])

    def get_title(self):
        return str(self.year)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "year": self.year, "history": change_log(self.year.history.all())}


class CdopDetailView(YearDetailView):
    template_name = "boards/performance/cdop_detail.html"
    model = CdopYear
    id_kwarg = "cdop_id"


class LadoDetailView(YearDetailView):
    template_name = "boards/performance/lado_detail.html"
    model = LadoYear
    id_kwarg = "lado_id"


class YearlyFormView(InAggregates, SavedFormPage):
    """Add or change one financial year's figures; a new one starts at last financial year."""

    template_name = "boards/performance/yearly_form.html"
    model = None
    detail_url_name = ""
    id_kwarg = ""

    def load(self):
        if self.id_kwarg in self.kwargs:
            self.object = get_object_for_user(self.model.objects, self.access, pk=self.kwargs[self.id_kwarg])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def get_initial(self):
        if self.object is None:
            return {"financial_year": financial_year_start(timezone.localdate()) - 1}
        return {}

    def new_fields(self):
        return {"board": self.board}

    def get_success_url(self):
        return board_url(self.board, self.detail_url_name, **{self.id_kwarg: self.object.pk})

    def cancel_url(self):
        return board_url(self.board, "boards:aggregate_list")


class CdopCreateView(YearlyFormView):
    form_class = CdopYearForm
    model = CdopYear
    audit_action = "boards.cdop_year"
    title = "Add a year of child death figures"
    detail_url_name = "boards:cdop_detail"
    id_kwarg = "cdop_id"


class CdopEditView(CdopCreateView):
    title = "Edit child death figures"


class LadoCreateView(YearlyFormView):
    form_class = LadoYearForm
    model = LadoYear
    audit_action = "boards.lado_year"
    title = "Add a year of LADO figures"
    detail_url_name = "boards:lado_detail"
    id_kwarg = "lado_id"


class LadoEditView(LadoCreateView):
    title = "Edit LADO figures"

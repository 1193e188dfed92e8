"""A board entering its history: reports from 2008/09 against the framework of that year, older
inspection grades and chair appointments (issue 16, "Older years")."""

import datetime

import pytest
import time_machine

from boards.choices import ChairAppointmentRoute, Judgement
from boards.forms.budget import BudgetForm
from reports.forms.sections import ReportCreateForm
from reports.models import StatutoryFramework

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.date(2026, 6, 1), tick=False)
def test_a_report_can_be_made_for_any_year_from_2008_09():
    years = [value for value, _label in ReportCreateForm().fields["financial_year"].choices]
    assert years[:3] == [2025, 2026, 2024]  # the usual year first
    assert years[-1] == 2008 and len(years) == len(set(years)) == 19


@time_machine.travel(datetime.date(2026, 6, 1), tick=False)
def test_a_budget_can_be_entered_for_any_year_from_2008_09():
    form = BudgetForm(today=datetime.date(2026, 6, 1), board=None)
    assert ("2008", "2008/09") in [(str(v), label) for v, label in form.fields["financial_year"].choices]


def test_working_together_2010_and_2013_are_frameworks_with_their_requirements():
    wt2010 = StatutoryFramework.objects.get(code="lscb_wt2010")
    wt2013 = StatutoryFramework.objects.get(code="lscb_wt2013")
    codes_2010 = set(wt2010.requirements.values_list("code", flat=True))
    codes_2013 = set(wt2013.requirements.values_list("code", flat=True))
    assert "published-by-chair" in codes_2010 and "lessons-from-reviews" in codes_2010
    # No police and crime commissioner before November 2012, no statutory HWB before April 2013.
    assert "sent-pcc" not in codes_2010 and "sent-hwb-chair" not in codes_2010
    assert {"sent-pcc", "sent-hwb-chair"} <= codes_2013


def test_older_inspection_grades_and_chair_appointments_can_be_recorded():
    assert Judgement.ADEQUATE.label == "Adequate"
    assert ChairAppointmentRoute.LA_CHIEF_EXECUTIVE.label == "Appointed by the local authority chief executive"

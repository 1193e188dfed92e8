"""The scorecard: indicator rules, values, the CSV upload (all or nothing), chart on the page."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.choices import IndicatorUnit, Polarity
from boards.models import IndicatorValue
from boards.tests.factories import IndicatorFactory, IndicatorValueFactory
from lscb.models import AuditEntry

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"boards:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def _indicator_data(**overrides):
    data = {
        "code": "cp-repeat",
        "name": "Repeat plans",
        "definition": "Share of plans that are repeats.",
        "owner_agency": "",
        "polarity": "lower",
        "frequency": "quarterly",
        "unit": "percent",
        "target": "20",
        "statistical_neighbour_benchmark": "",
        "england_benchmark": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target": "120"}, "A percentage must be between 0 and 100"),
        ({"england_benchmark": "-1"}, "0 or more"),
        ({"code": "taken"}, "Another indicator already uses this reference"),
        ({"name": "Taken"}, "Another indicator already has this name"),
    ],
)
def test_indicator_form_rejects_bad_input_with_an_error_summary(world, client_for, overrides, message):
    IndicatorFactory(board=world.board, code="taken", name="Taken")
    response = client_for("business_manager").post(_url("indicator_add", world), _indicator_data(**overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page


def test_names_need_only_be_unique_within_a_board(world, client_for):
    IndicatorFactory(board=world.other_board, code="cp-repeat", name="Repeat plans")
    response = client_for("business_manager").post(_url("indicator_add", world), _indicator_data())
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="boards.indicator.created", board=world.board).exists()


def test_value_must_be_a_percentage_for_a_percentage_indicator(world, client_for):
    indicator = IndicatorFactory(board=world.board, unit=IndicatorUnit.PERCENT)
    url = _url("indicator_value_add", world, indicator_id=indicator.pk)
    response = client_for("business_manager").post(url, {"period_end": "2025-06-30", "value": "101"})
    assert "A percentage must be between 0 and 100" in response.content.decode()
    response = client_for("business_manager").post(url, {"period_end": "2025-06-30", "value": "-3"})
    assert response.status_code == 200 and not IndicatorValue.objects.exists()
    assert client_for("business_manager").post(url, {"period_end": "2025-06-30", "value": "55.5"}).status_code == 302
    again = client_for("business_manager").post(url, {"period_end": "2025-06-30", "value": "56"})
    assert "already has a value for that period" in again.content.decode()


def _csv(text):
    return SimpleUploadedFile("values.csv", text.encode("utf-8"), content_type="text/csv")


def test_good_upload_saves_every_row_and_replaces_existing_values(world, client_for):
    first = IndicatorFactory(board=world.board, code="cp-repeat", unit=IndicatorUnit.PERCENT)
    second = IndicatorFactory(board=world.board, code="ehc-new", unit=IndicatorUnit.NUMBER)
    IndicatorValueFactory(indicator=first, period_end=datetime.date(2025, 6, 30), value=Decimal("30"))
    text = (
        "reference,period_end,value,commentary\n"
        "CP-REPEAT,2025-06-30,24.5,Revised after audit\n"
        "cp-repeat,30/09/2025,22,\n"
        'ehc-new,2025-09-30,"1,204",\n'
    )
    response = client_for("business_manager").post(_url("indicator_upload", world), {"file": _csv(text)})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=first, period_end=datetime.date(2025, 6, 30)).value == Decimal("24.5")
    assert IndicatorValue.objects.get(indicator=second).value == Decimal("1204")
    assert IndicatorValue.objects.count() == 3
    entry = AuditEntry.objects.get(action="boards.indicator_value.uploaded")
    assert entry.payload["created"] == 2 and entry.payload["updated"] == 1


def test_bad_upload_lists_rows_and_why_and_saves_nothing(world, client_for):
    IndicatorFactory(board=world.board, code="cp-repeat", unit=IndicatorUnit.PERCENT)
    IndicatorFactory(board=world.other_board, code="theirs")
    text = (
        "reference,period_end,value,commentary\n"
        "cp-repeat,2025-06-30,24.5,fine\n"  # row 2: good, but must not be saved
        "theirs,2025-06-30,10,\n"  # row 3: another board's indicator
        "cp-repeat,2025-13-01,10,\n"  # row 4: not a date
        "cp-repeat,2025-09-30,140,\n"  # row 5: over 100%
        "cp-repeat,2025-12-31,-2,\n"  # row 6: negative
        "cp-repeat,2025-06-30,25,\n"  # row 7: same period as row 2
        "cp-repeat,2026-03-31,,\n"  # row 8: blank value
    )
    response = client_for("business_manager").post(_url("indicator_upload", world), {"file": _csv(text)})
    assert response.status_code == 200
    errors = dict(response.context["upload_errors"])
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert "not the reference of one of this board's indicators" in errors[3]
    assert "not a date" in errors[4]
    assert "between 0 and 100" in errors[5]
    assert "0 or more" in errors[6]
    assert "also on row 2" in errors[7]
    assert "value is blank" in errors[8]
    assert "Nothing was saved" in response.content.decode()
    assert not IndicatorValue.objects.exists()
    assert not AuditEntry.objects.filter(action="boards.indicator_value.uploaded").exists()


def test_upload_with_missing_column_is_refused(world, client_for):
    text = "reference,value\ncp-repeat,3\n"
    response = client_for("business_manager").post(_url("indicator_upload", world), {"file": _csv(text)})
    assert "Missing column(s): period_end" in response.content.decode()


def test_upload_problem_with_the_whole_file_reads_whole_file_not_row_0(world, client_for):
    not_utf8 = SimpleUploadedFile("values.csv", "reference,period_end,value\nné,2025-06-30,1\n".encode("cp1252"))
    page = client_for("business_manager").post(_url("indicator_upload", world), {"file": not_utf8}).content.decode()
    assert '<td class="govuk-table__cell">Whole file</td>' in page
    assert '<td class="govuk-table__cell">0</td>' not in page


def test_indicator_page_has_chart_and_data_table(world, client_for):
    indicator = IndicatorFactory(board=world.board, name="Return interviews", polarity=Polarity.HIGHER_IS_BETTER)
    for month, value in ((6, "70"), (9, "82")):
        IndicatorValueFactory(
            indicator=indicator, period_end=datetime.date(2025, month, 30 if month != 12 else 31), value=Decimal(value)
        )
    page = client_for("member").get(_url("indicator_detail", world, indicator_id=indicator.pk)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert '<title id="chart-indicator-' in page and "Return interviews: values by period" in page
    assert "Data shown in the chart" in page and "Q2 2025/26" in page
    assert "Off target" in page and "On target" in page  # target 80: 70 off, 82 on


def test_export_has_the_upload_columns(world, client_for):
    indicator = IndicatorFactory(board=world.board, code="cp-repeat")
    IndicatorValueFactory(indicator=indicator)
    IndicatorValueFactory(indicator__board=world.other_board)
    response = client_for("member").get(_url("indicator_export", world))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("reference,indicator,owning agency,period_end")
    assert len(lines) == 2 and lines[1].startswith("cp-repeat,")


@pytest.mark.parametrize("scale", [1, 10])
def test_scorecard_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    for i in range(scale * 8):
        indicator = IndicatorFactory(board=world.board, owner_agency=world.agency if i % 2 else None)
        for quarter in (datetime.date(2025, 6, 30), datetime.date(2025, 9, 30)):
            IndicatorValueFactory(indicator=indicator, period_end=quarter)
    client = client_for("member")
    with django_assert_max_num_queries(12):
        assert client.get(_url("indicator_list", world)).status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_indicator_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    indicator = IndicatorFactory(board=world.board, owner_agency=world.agency)
    for i in range(scale * 8):
        IndicatorValueFactory(
            indicator=indicator, period_end=datetime.date(2000, 1, 1) + datetime.timedelta(days=91 * i)
        )
        indicator.save()
    client = client_for("business_manager")
    with django_assert_max_num_queries(14):
        assert client.get(_url("indicator_detail", world, indicator_id=indicator.pk)).status_code == 200

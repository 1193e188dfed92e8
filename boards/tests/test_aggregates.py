"""Yearly CDOP and LADO figures: consistent, non-negative, one row per board per year."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from boards.choices import LadoOutcome, LadoSector, LadoTimeliness
from boards.models import CdopYear, LadoYear
from boards.tests.factories import CdopYearFactory, LadoYearFactory

pytestmark = pytest.mark.django_db


def _cdop(**overrides):
    data = {
        "financial_year": "2025",
        "deaths_notified": "10",
        "expected_deaths": "6",
        "unexpected_deaths": "4",
        "reviews_completed": "5",
        "reviews_with_modifiable_factors": "2",
        "commentary": "",
        **{f"category_{n}": "0" for n in range(1, 11)},
        "category_4": "3",
        "category_8": "2",
    }
    data.update(overrides)
    return data


def _lado(**overrides):
    data = {"financial_year": "2025", "consultations": "40", "referrals": "5", "commentary": ""}
    data.update({f"sector_{v}": "0" for v in LadoSector.values})
    data.update({f"outcome_{v}": "0" for v in LadoOutcome.values})
    data.update({f"timeliness_{v}": "0" for v in LadoTimeliness.values})
    data.update(sector_education="3", sector_health="2", outcome_unfounded="4", timeliness_1m="3", timeliness_3m="1")
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unexpected_deaths": "5"}, "must add up to deaths notified (10)"),
        ({"reviews_with_modifiable_factors": "6"}, "cannot be more than the reviews completed"),
        ({"category_4": "4"}, "The categories add up to 6"),
        ({"deaths_notified": "-1"}, "greater than or equal to 0"),
        ({"financial_year": "1990"}, "for example 2025"),
    ],
)
def test_cdop_figures_must_be_consistent(world, client_for, overrides, message):
    url = reverse("boards:cdop_add", kwargs={"board_slug": world.board.slug})
    response = client_for("business_manager").post(url, _cdop(**overrides))
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and message in page
    assert not CdopYear.objects.exists()


def test_cdop_saved_with_categories_and_one_row_per_year(world, client_for):
    url = reverse("boards:cdop_add", kwargs={"board_slug": world.board.slug})
    client = client_for("business_manager")
    assert client.post(url, _cdop()).status_code == 302
    row = CdopYear.objects.get(board=world.board)
    assert row.categories["4"] == 3 and row.categories["8"] == 2 and row.categories["1"] == 0
    again = client.post(url, _cdop())
    assert "already exist" in again.content.decode()
    CdopYearFactory(board=world.other_board, financial_year=2024)  # another board's year does not clash
    assert client.post(url, _cdop(financial_year="2024")).status_code == 302


def test_database_refuses_inconsistent_cdop_rows(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CdopYearFactory(board=world.board, deaths_notified=3, expected_deaths=1, unexpected_deaths=1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"referrals": "6"}, "Referrals by sector add up to 5"),
        ({"timeliness_3m": "0"}, "Timeliness adds up to 3"),
        ({"consultations": "-4"}, "greater than or equal to 0"),
        ({"sector_police": "-1", "sector_education": "4"}, "Enter 0 or more"),
    ],
)
def test_lado_figures_must_be_consistent(world, client_for, overrides, message):
    url = reverse("boards:lado_add", kwargs={"board_slug": world.board.slug})
    response = client_for("business_manager").post(url, _lado(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not LadoYear.objects.exists()


def test_lado_edit_keeps_counts_and_shows_history(world, client_for):
    row = LadoYearFactory(board=world.board)
    url = reverse("boards:lado_edit", kwargs={"board_slug": world.board.slug, "lado_id": row.pk})
    client = client_for("business_manager")
    form_page = client.get(url).content.decode()
    assert 'name="sector_education" value="25"' in form_page
    assert client.post(url, _lado()).status_code == 302
    row.refresh_from_db()
    assert row.referrals == 5 and row.referrals_by_sector["health"] == 2 and row.concluded == 4
    detail = client_for("member").get(
        reverse("boards:lado_detail", kwargs={"board_slug": world.board.slug, "lado_id": row.pk})
    )
    assert "History of changes" in detail.content.decode() and "Referrals: 40 → 5" in detail.content.decode()


@pytest.mark.parametrize("scale", [1, 10])
def test_aggregate_pages_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    for year in range(2010, 2010 + scale):
        CdopYearFactory(board=world.board, financial_year=year)
        LadoYearFactory(board=world.board, financial_year=year)
    client = client_for("member")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("boards:aggregate_list", kwargs={"board_slug": world.board.slug})).status_code == 200
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("boards:aggregate_export", kwargs={"board_slug": world.board.slug})).status_code == 200
        )

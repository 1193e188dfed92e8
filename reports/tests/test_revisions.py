"""Revisions (read-only, frozen), and the query counts of the overview, review and revision pages."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import pytest
from django.urls import reverse

from boards.tests.factories import AgencyFactory
from conftest import PASSWORD
from reports.choices import ReportStatus, SectionKind
from reports.models import ChairComment, ReportApproval
from reports.services import approval as services
from reports.tests.factories import ReportSectionFactory, report_with_sections
from reports.tests.support_approval import access_for, fake_sources  # noqa: F401

pytestmark = pytest.mark.django_db

# The same bound at 1× and 10× the sections: no query per section, comment or agency.
OVERVIEW_QUERIES = 15
REVIEW_QUERIES = 13
REVISION_QUERIES = 9


def _report(world, scale, status=ReportStatus.DRAFTING):
    agencies = [AgencyFactory(board=world.board, name=f"Agency {scale}-{n}") for n in range(scale)]
    report = report_with_sections(
        world.board, status=status, keys=[f"narrative-{n}" for n in range(scale)], agencies=agencies
    )
    ReportSectionFactory(report=report, key="case_reviews_learning", kind=SectionKind.GENERATED, status="accepted")
    ReportSectionFactory(report=report, key="priorities_progress", kind=SectionKind.GENERATED, status="accepted")
    return report


def _with_comments(world, report):
    approval = ReportApproval.objects.create(report=report)
    for section in report.sections.all():
        ChairComment.objects.create(approval=approval, section=section, text="Why?", author=world.user("chair"))
    return approval


@pytest.mark.parametrize("scale", [1, 10])
def test_overview_query_count_does_not_grow_with_sections(
    world, client_for, fake_sources, scale, django_assert_max_num_queries
):
    report = _report(world, scale)
    approval = _with_comments(world, report)
    approval.state = ReportApproval.State.RETURNED
    approval.save()
    client = client_for("business_manager")
    url = reverse("reports:report_detail", args=[world.board.slug, report.pk])
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Chair's comment:") == 2 * scale + 2


@pytest.mark.parametrize("scale", [1, 10])
def test_review_query_count_does_not_grow_with_sections(
    world, client_for, fake_sources, scale, django_assert_max_num_queries
):
    report = _report(world, scale, status=ReportStatus.READY_FOR_CHAIR)
    earlier = _with_comments(world, report)  # an earlier round, returned, with a comment on every section
    earlier.state = ReportApproval.State.RETURNED
    earlier.save()
    _with_comments(world, report)
    client = client_for("chair")
    url = reverse("reports:report_review", args=[world.board.slug, report.pk])
    with django_assert_max_num_queries(REVIEW_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="section"') == 2 * scale + 2
    assert response.content.decode().count("Earlier comment (returned") == 2 * scale + 2


@pytest.mark.parametrize("scale", [1, 10])
def test_revision_page_query_count_does_not_grow_with_sections(
    world, client_for, fake_sources, scale, django_assert_max_num_queries
):
    report = _report(world, scale)
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    revision = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    client = client_for("member")
    url = reverse("reports:revision_detail", args=[world.board.slug, revision.pk])
    with django_assert_max_num_queries(REVISION_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="lscb-report-section') == 2 * scale + 2


def test_the_revision_page_shows_the_frozen_text_not_the_current_one(world, client_for, fake_sources):
    report = report_with_sections(world.board, keys=("foreword",), agencies=[world.agency])
    report.sections.filter(key="foreword").update(html="<p>Approved words.</p>")
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    revision = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    report.sections.filter(key="foreword").update(html="<p>Later words.</p>")
    text = client_for("agency_author").get(reverse("reports:revision_detail", args=[world.board.slug, revision.pk]))
    text = text.content.decode()
    assert "Approved words." in text and "Later words." not in text


def test_agency_authors_see_approved_revisions_only(world, client_for, fake_sources):
    report = report_with_sections(world.board, keys=("foreword",))
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    first = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    client = client_for("agency_author")
    listing = client.get(reverse("reports:revision_list", args=[world.board.slug, report.pk])).content.decode()
    assert f"Revision {first.number}" in listing
    # While a correction is being drafted, the draft report itself stays hidden from them.
    report.refresh_from_db()
    services.reopen_for_correction(access_for(world, "business_manager"), report, reason="Fix a figure.")
    assert client.get(reverse("reports:report_review", args=[world.board.slug, report.pk])).status_code == 403
    assert client.get(reverse("reports:report_detail", args=[world.board.slug, report.pk])).status_code == 403
    assert client.get(reverse("reports:revision_detail", args=[world.board.slug, first.pk])).status_code == 200


def test_agency_authors_get_links_only_to_their_own_sections(world, client_for):
    report = report_with_sections(
        world.board, status=ReportStatus.APPROVED, agencies=[world.agency, world.other_agency]
    )
    text = client_for("agency_author").get(reverse("reports:report_detail", args=[world.board.slug, report.pk]))
    text = text.content.decode()
    own = report.sections.get(agency=world.agency)
    other = report.sections.get(agency=world.other_agency)
    assert f"/sections/{own.pk}/" in text and f"/sections/{other.pk}/" not in text


# --- With the real data apps (boards, sub-groups, case reviews) -------------------------------

GENERATED_KEYS = (
    "membership_attendance",
    "subgroups",
    "inspections",
    "case_reviews_learning",
    "priorities_progress",
    "scorecard",
    "cdop",
    "lado",
    "budget",
)
# Every data app's queries are counted here too (the review page renders all nine sections;
# the overview's compliance panel reads them too; measured 17 for it at both scales).
REAL_QUERIES = {"report_detail": 17, "report_review": 25}


def _real_report(world, scale):
    agencies = [AgencyFactory(board=world.board, name=f"Agency {scale}-{n}") for n in range(scale)]
    report = report_with_sections(world.board, keys=[f"narrative-{n}" for n in range(scale)], agencies=agencies)
    for key in GENERATED_KEYS:
        ReportSectionFactory(report=report, key=key, kind=SectionKind.GENERATED, status="accepted", title=key)
    return report


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("page", list(REAL_QUERIES))
def test_pages_with_the_real_data_apps_keep_one_bound(world, client_for, page, scale, django_assert_max_num_queries):
    from reports.generated import registry

    report = _real_report(world, scale)
    client = client_for("business_manager")
    with django_assert_max_num_queries(REAL_QUERIES[page]):
        response = client.get(reverse(f"reports:{page}", args=[world.board.slug, report.pk]))
    assert response.status_code == 200
    assert set(GENERATED_KEYS) <= set(registry()), "a data app's GENERATED entry is missing"


def test_approval_freezes_every_real_generated_section(world):
    report = _real_report(world, 1)
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    revision = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    by_key = {s["key"]: s for s in revision.snapshot["sections"]}
    for key in GENERATED_KEYS:
        assert by_key[key]["html"].strip(), f"{key} printed nothing"
        assert "<script" not in by_key[key]["html"]


def test_a_draft_revision_is_frozen_for_a_draft_pdf_and_hidden_from_members(world, client_for):
    report = report_with_sections(world.board, keys=("foreword",), section_status="drafting")
    client = client_for("business_manager")
    response = client.post(reverse("reports:report_draft_revision", args=[world.board.slug, report.pk]))
    draft = report.revisions.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/revisions/{draft.pk}/")
    assert draft.approved_at is None and draft.snapshot["approved_at"] is None
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING  # a draft is not an approval
    page = client.get(reverse("reports:revision_detail", args=[world.board.slug, draft.pk])).content.decode()
    assert "Not approved (draft)" in page and "Files of revision" in page
    member = client_for("member").get(reverse("reports:revision_detail", args=[world.board.slug, draft.pk]))
    assert member.status_code == 404

"""The quality-assurance pages through the test client: forms, refusals, stale saves, query counts."""

import pytest
from django.urls import reverse

from assurance.choices import ReturnStatus
from assurance.models import Cycle
from assurance.tests.factories import library_for, make_cycle, make_return
from boards.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"assurance:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def test_the_manager_opens_a_cycle_from_the_page(world, client_for):
    client = client_for("business_manager")
    response = client.post(
        url(world, "cycle_create"),
        {
            "title": "Section 11 audit 2026",
            "library": library_for(world.board).pk,
            "round_type": "biennial",
            "rating_scale": "score",
            "period_start": "2025-04-01",
            "period_end": "2026-03-31",
            "due_date": "2026-06-30",
            "agencies": [world.agency.pk],
        },
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and response["Location"] == cycle.get_absolute_url()
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "Not yet returned: Home Police" in page
    assert "30 June 2026" in page


def test_a_cycle_whose_period_ends_before_it_starts_is_refused(world, client_for):
    response = client_for("business_manager").post(
        url(world, "cycle_create"),
        {
            "title": "Backwards",
            "library": library_for(world.board).pk,
            "round_type": "annual",
            "rating_scale": "met",
            "period_start": "2026-04-01",
            "period_end": "2025-03-31",
            "due_date": "2026-06-30",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end of the period must be on or after its start" in page
    assert "Select at least one agency to invite" in page
    assert not Cycle.objects.exists()


def test_a_stale_save_shows_both_versions_and_loses_nothing(world, client_for):
    cycle = make_cycle(world.board, [world.agency])
    return_record = cycle.returns.get()
    answer = return_record.answers.first()
    edit = url(world, "answer_edit", return_id=return_record.pk, answer_id=answer.pk)
    manager = client_for("business_manager")
    assert manager.post(edit, {"rating": "met", "narrative": "<p>First text</p>", "version": "0"}).status_code == 302
    lead = client_for("agency_author")
    response = lead.post(edit, {"rating": "not_met", "narrative": "<p>Lead's own words</p>", "version": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this answer" in page
    assert "First text" in page and "Lead&#x27;s own words" in page or "Lead's own words" in page
    # Saving again from the page as it now is (based on their version) succeeds.
    assert (
        lead.post(edit, {"rating": "not_met", "narrative": "<p>Lead's own words</p>", "version": "1"}).status_code
        == 302
    )
    answer.refresh_from_db()
    assert (answer.rating, answer.version) == ("not_met", 2)


def test_submitting_an_incomplete_return_names_the_standards(world, client_for):
    cycle = make_cycle(world.board, [world.agency])
    return_record = cycle.returns.get()
    return_record.answers.exclude(standard__number=3).update(rating="met")
    client = client_for("agency_author")
    page = client.get(url(world, "return_submit", return_id=return_record.pk)).content.decode()
    assert "3. A clear line of accountability" in page
    response = client.post(url(world, "return_submit", return_id=return_record.pk), follow=True)
    assert "3. A clear line of accountability" in response.content.decode()
    return_record.refresh_from_db()
    assert return_record.status == ReturnStatus.NOT_STARTED


def test_an_evidence_file_that_is_not_what_it_says_is_refused_on_the_page(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    cycle = make_cycle(world.board, [world.agency])
    return_record = cycle.returns.get()
    answer = return_record.answers.first()
    response = client_for("agency_author").post(
        url(world, "answer_edit", return_id=return_record.pk, answer_id=answer.pk),
        {
            "rating": "met",
            "narrative": "<p>Kept</p>",
            "version": "0",
            "upload": SimpleUploadedFile("policy.pdf", b"<script>alert(1)</script>"),
        },
    )
    assert response.status_code == 200
    assert "The file must be a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file." in response.content.decode()
    answer.refresh_from_db()
    assert answer.version == 0  # nothing saved: the file was checked first


def test_nothing_a_user_sends_to_the_answer_page_makes_a_500(world, client_for):
    cycle = make_cycle(world.board, [world.agency])
    return_record = cycle.returns.get()
    answer = return_record.answers.first()
    edit = url(world, "answer_edit", return_id=return_record.pk, answer_id=answer.pk)
    client = client_for("agency_author")
    for data in (
        {"rating": "excellent", "version": "0"},
        {"version": "-1"},
        {"version": "99999999999999999999"},
        {"rating": "met", "not_applicable": "on", "version": "0"},
        {"narrative": "\x00", "version": "0"},
    ):
        assert client.post(edit, data).status_code == 200, data


@pytest.mark.parametrize("agencies", [30])
def test_the_cycle_page_costs_the_same_however_many_returns(world, client_for, django_assert_max_num_queries, agencies):
    cycle = make_cycle(world.board, [])
    for n in range(agencies):
        make_return(cycle, AgencyFactory(board=world.board, name=f"Agency {n:02}"), rating="met")
    client = client_for("business_manager")
    with django_assert_max_num_queries(22):
        response = client.get(cycle.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("8 of 8") == agencies


def test_the_return_page_costs_the_same_however_many_standards_and_files(
    world, client_for, django_assert_max_num_queries
):
    from assurance.models import Evidence  # noqa: PLC0415

    cycle = make_cycle(world.board, [world.agency])
    return_record = cycle.returns.get()
    for answer in return_record.answers.all():
        for n in range(3):
            Evidence.objects.create(answer=answer, file="x.pdf", original_name=f"file {n}.pdf", extension="pdf", size=1)
    client = client_for("agency_author")
    with django_assert_max_num_queries(24):
        response = client.get(return_record.get_absolute_url())
    assert response.content.decode().count("file 2.pdf") == 8


def test_the_home_page_and_dashboard_panels(world, client_for, django_assert_max_num_queries):
    for n in range(5):
        make_cycle(world.board, [world.agency, world.other_agency], title=f"Cycle {n}")
    lead = client_for("agency_author")
    with django_assert_max_num_queries(22):
        page = lead.get(url(world, "home")).content.decode()
    assert page.count("Home Police</a>") == 5
    dashboard = lead.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})).content.decode()
    assert "Self-assessment returns and actions" in dashboard
    manager_dashboard = (
        client_for("business_manager")
        .get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
        .content.decode()
    )
    assert "0 of 2 returns received" in manager_dashboard


def test_a_case_reference_that_looks_like_a_name_needs_confirming(world, client_for):
    from assurance.tests.factories import make_audit  # noqa: PLC0415

    audit = make_audit(world.board, [world.agency])
    client = client_for("business_manager")
    add = url(world, "audit_case_add", audit_id=audit.pk)
    response = client.post(add, {"reference": "Jessica Smith", f"grade_{world.agency.pk}": "good"})
    assert response.status_code == 200
    assert "looks like a person" in response.content.decode()
    assert not audit.cases.exists()
    assert client.post(add, {"reference": "Case 1", f"grade_{world.agency.pk}": "good"}).status_code == 302
    response = client.post(add, {"reference": "case 1"})
    assert "already has a case with that reference" in response.content.decode()
    assert audit.cases.get().gradings.get().grade == "good"


def test_the_reaudit_page_compares_before_and_after(world, client_for, django_assert_max_num_queries):
    from assurance.tests.factories import make_audit  # noqa: PLC0415

    agencies = [world.agency, world.other_agency]
    first = make_audit(world.board, agencies, status="completed", grades=[["inadequate", "good"]] * 20)
    again = make_audit(world.board, agencies, title="Re-audit", reaudit_of=first, grades=[["good", "good"]] * 20)
    client = client_for("member")
    with django_assert_max_num_queries(20):
        page = client.get(again.get_absolute_url()).content.decode()
    assert "Before and after" in page
    assert page.count("Case 20") == 1


def test_a_cycle_exports_as_csv_and_word_with_only_the_returns_one_may_read(world, client_for):
    import io  # noqa: PLC0415

    import docx  # noqa: PLC0415

    cycle = make_cycle(world.board, [])
    make_return(cycle, world.agency, status=ReturnStatus.SUBMITTED, rating="met", narrative="<p>Police account</p>")
    make_return(cycle, world.other_agency, status=ReturnStatus.SUBMITTED, rating="not_met")
    lead = client_for("agency_author")
    csv_text = lead.get(url(world, "cycle_export", cycle_id=cycle.pk)).content.decode()
    assert "Home Police" in csv_text and "Home Children" not in csv_text
    response = lead.get(url(world, "cycle_word", cycle_id=cycle.pk))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Home Police: Submitted" in text and "Police account" in text and "Home Children" not in text
    manager_doc = client_for("business_manager").get(url(world, "cycle_word", cycle_id=cycle.pk)).content
    assert "Returns received: 2 of 2." in "\n".join(p.text for p in docx.Document(io.BytesIO(manager_doc)).paragraphs)

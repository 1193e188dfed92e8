"""A section's draft PDF ("Preview as PDF"): made in the background from one saved version,
joined and reused per version, shown to whoever may open the section and to nobody else."""

import hashlib
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from lscb.models import AuditEntry
from lscb.permissions import BoardAccess
from reports.models import RenderedFile, RenderJob, ReportSection
from reports.permissions import may_view
from reports.rendering.choices import RenderKind, RenderState
from reports.services import rendering as service
from reports.services.sections import remove_section, save_section_text
from reports.tests.factories import ReportRevisionFactory
from reports.tests.pdfcheck import assert_tagged, normalise, page_texts, reader
from reports.tests.support_drafting import access_for, report_with_sections, url

TEXT = "<p>Home Police trained 412 officers in recognising neglect.</p><script>alert(1)</script>"


@pytest.fixture
def section(world):
    """The home board's agency section (Home Police), saved once by its author."""
    _report, (section,) = report_with_sections(world)
    save_section_text(access_for(world, "agency_author"), section, html=TEXT, base_version=0)
    section.refresh_from_db()
    return section


@pytest.fixture
def other_section(world, section):
    """The other agency's section of the same report, saved once by its author."""
    other = report_with_sections(world, agencies=[world.other_agency], foreword=False)[1][0]
    assert other.report_id == section.report_id
    save_section_text(access_for(world, "other_agency_author"), other, html="<p>Theirs.</p>", base_version=0)
    other.refresh_from_db()
    return other


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call something and run what it sends after commit (a test's transaction never commits;
    the task then runs in-process)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def preview(client, section, **data):
    return client.post(url("section_pdf", section), data)


def download_url(section, number):
    return reverse(
        "reports:section_pdf_download", args=[section.report.board.slug, section.report_id, section.pk, number]
    )


# --- The service -------------------------------------------------------------------------------


def test_a_request_creates_a_job_for_the_latest_version_sent_only_after_commit(
    world, section, django_capture_on_commit_callbacks
):
    access = access_for(world, "agency_author")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = service.request_section_pdf(access, section)
    assert job.state == RenderState.QUEUED
    assert job.kind == RenderKind.SECTION_PDF
    assert job.section_version == section.versions.get(number=1)
    assert job.revision is None and job.board == world.board
    assert RenderedFile.objects.count() == 0  # nothing rendered in the request
    assert len(callbacks) == 1
    assert AuditEntry.objects.filter(action="reports.render.requested", actor=world.user("agency_author")).exists()


def test_requests_for_the_same_version_join_then_reuse_the_job_and_a_new_version_gets_its_own(
    world, section, django_capture_on_commit_callbacks, monkeypatch
):
    author, manager = access_for(world, "agency_author"), access_for(world, "business_manager")
    with django_capture_on_commit_callbacks(execute=False):
        first = service.request_section_pdf(author, section)
        second = service.request_section_pdf(manager, section, 1)
    assert second.pk == first.pk  # still queued: the same job
    assert service.run_render_job(first.pk) == "done"
    # Versions are immutable: the finished file is reused, nothing renders again.
    monkeypatch.setattr(service, "produce", lambda *args: pytest.fail("rendered again"))
    third = service.request_section_pdf(access_for(world, "chair"), section)
    assert third.pk == first.pk and third.state == RenderState.DONE
    save_section_text(author, section, html="<p>A second version.</p>", base_version=1)
    with django_capture_on_commit_callbacks(execute=False):
        newer = service.request_section_pdf(author, section)
        older = service.request_section_pdf(author, section, 1)
    assert newer.pk != first.pk and newer.section_version.number == 2
    assert older.pk == first.pk
    assert RenderJob.objects.count() == 2


def test_a_second_job_for_a_version_with_a_file_reuses_the_file(world, section, monkeypatch):
    version = section.versions.get()
    first = RenderJob.objects.create(board=world.board, section_version=version, kind=RenderKind.SECTION_PDF)
    assert service.run_render_job(first.pk) == "done"
    second = RenderJob.objects.create(board=world.board, section_version=version, kind=RenderKind.SECTION_PDF)
    monkeypatch.setattr(service, "produce", lambda *args: pytest.fail("rendered again"))
    assert service.run_render_job(second.pk) == "reused"
    second.refresh_from_db()
    assert second.output_id == RenderJob.objects.get(pk=first.pk).output_id
    assert RenderedFile.objects.count() == 1


@pytest.mark.parametrize("persona", ["other_agency_author", "member", "subgroup_chair"])
def test_people_who_may_not_open_the_section_cannot_make_its_pdf(world, section, persona):
    with pytest.raises(service.RenderNotAllowed):
        service.request_section_pdf(access_for(world, persona), section)
    assert RenderJob.objects.count() == 0


def test_another_boards_manager_cannot_make_the_pdf_of_this_boards_section(world, section):
    outsider = BoardAccess.for_user(world.user("other_board_member"), world.other_board)
    with pytest.raises(service.RenderNotAllowed):
        service.request_section_pdf(outsider, section)


def test_a_section_with_nothing_saved_has_nothing_to_preview(world):
    _report, (section,) = report_with_sections(world)
    with pytest.raises(service.NoSavedVersion):
        service.request_section_pdf(access_for(world, "agency_author"), section)
    with pytest.raises(service.RenderNotAllowed):  # a version that is not there
        service.request_section_pdf(access_for(world, "agency_author"), section, 7)
    assert RenderJob.objects.count() == 0


def test_a_revision_cannot_be_asked_for_a_section_pdf(world, client_for):
    revision = ReportRevisionFactory(report__board=world.board)
    with pytest.raises(service.RenderNotAllowed):
        service.request_render(access_for(world, "business_manager"), revision, RenderKind.SECTION_PDF)
    response = client_for("business_manager").post(
        reverse("reports:render_request", args=[world.board.slug, revision.pk, "section_pdf"])
    )
    assert response.status_code == 404


def test_may_view_agrees_with_sections_visible_to_for_every_persona(world, section, other_section):
    for persona in ("business_manager", "chair", "agency_author", "other_agency_author", "subgroup_chair", "member"):
        access = access_for(world, persona)
        visible = set(ReportSection.objects.visible_to(access).values_list("pk", flat=True))
        for each in ReportSection.objects.select_related("report"):
            assert may_view(access, each) == (each.pk in visible), (persona, each.key)


def test_the_database_holds_exactly_one_source_and_one_active_job_per_version(world, section):
    version = section.versions.get()
    revision = ReportRevisionFactory(report=section.report)
    for source in ({}, {"revision": revision, "section_version": version}):
        with pytest.raises(IntegrityError), transaction.atomic():
            RenderJob.objects.create(board=world.board, kind=RenderKind.SECTION_PDF, **source)
    RenderJob.objects.create(board=world.board, section_version=version, kind=RenderKind.SECTION_PDF)
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderJob.objects.create(board=world.board, section_version=version, kind=RenderKind.SECTION_PDF)


def test_removing_a_section_removes_its_previews(world, section, committed):
    job = committed(service.request_section_pdf, access_for(world, "agency_author"), section)
    job.refresh_from_db()
    path = Path(job.output.file.path)
    assert path.exists()
    committed(remove_section, access_for(world, "business_manager"), section)
    assert RenderJob.objects.count() == RenderedFile.objects.count() == 0
    assert not path.exists()


def test_a_file_a_job_points_at_cannot_be_deleted_on_its_own(world, section, committed):
    from django.db.models import RestrictedError

    job = committed(service.request_section_pdf, access_for(world, "agency_author"), section)
    job.refresh_from_db()
    with pytest.raises(RestrictedError):
        job.output.delete()


# --- The PDF ----------------------------------------------------------------------------------


def test_the_task_makes_a_tagged_draft_pdf_of_the_section(world, section, committed):
    job = committed(service.request_section_pdf, access_for(world, "agency_author"), section)
    job.refresh_from_db()
    assert job.state == RenderState.DONE, job.failure_reason
    output = job.output
    data = Path(output.file.path).read_bytes()
    assert output.sha256 == hashlib.sha256(data).hexdigest()
    assert f"section-version-{section.versions.get().pk}" in output.file.name
    assert_tagged(reader(data), "Annual report 2025/26: Home Police (draft)")
    texts = [normalise(text) for text in page_texts(data)]
    assert output.page_count == len(texts) >= 2
    cover, body = texts[0], " ".join(texts[1:])
    assert "DRAFT of one section, version 1" in cover
    assert "Home Safeguarding Children Partnership" in cover
    assert "Financial year 2025/26" in cover
    assert "Home Police" in body
    assert "Home Police trained 412 officers in recognising neglect." in body
    assert "alert(1)" not in " ".join(texts)
    assert "DRAFT" in texts[1]  # the running footer of every page after the cover
    assert f"Page 2 of {len(texts)}" in texts[1]


# --- The pages ----------------------------------------------------------------------------------


def test_the_section_page_offers_preview_only_once_something_is_saved(world, client_for):
    _report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    assert "Preview as PDF" not in client.get(url("section_detail", section)).content.decode()
    save_section_text(access_for(world, "agency_author"), section, html="<p>Now.</p>", base_version=0)
    html = client.get(url("section_detail", section)).content.decode()
    assert "Preview as PDF" in html
    assert 'name="version" value="1"' in html


def test_preview_of_an_unsaved_section_says_why_and_makes_nothing(world, client_for):
    _report, (section,) = report_with_sections(world)
    response = preview(client_for("agency_author"), section)
    assert response.status_code == 302
    assert response["Location"] == url("section_detail", section)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This section has no saved text yet. Save it first, then preview it as a PDF."
    ]
    assert RenderJob.objects.count() == 0


def test_preview_redirects_to_the_job_page_and_the_file_downloads_as_an_audited_attachment(
    world, client_for, section, committed
):
    client = client_for("agency_author")
    response = committed(preview, client, section, version="1")
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:render_job", args=[world.board.slug, job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Draft section (PDF)" in page
    assert "Annual report 2025/26: Home Police, version 1 (draft)" in page
    assert download_url(section, 1) in page
    response = client.get(download_url(section, 1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="home-board-2025-26-{section.key}-version-1-draft.pdf"'
    )
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == job.output.sha256
    entry = AuditEntry.objects.get(action="reports.render.downloaded")
    assert entry.actor == world.user("agency_author")
    assert entry.payload["section_version"] == job.section_version_id


def test_a_failed_preview_offers_to_try_the_same_version_again(world, client_for, section, monkeypatch, committed):
    def broken(kind, snapshot):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(service, "produce", broken)
    client = client_for("agency_author")
    job_page = committed(preview, client, section)["Location"]
    html = client.get(job_page).content.decode()
    assert "The file could not be made" in html
    assert f'action="{url("section_pdf", section)}"' in html
    assert '<input type="hidden" name="version" value="1">' in html


@pytest.mark.parametrize("persona", ["other_agency_author", "member", "subgroup_chair", "other_board_member"])
def test_people_who_may_not_open_the_section_get_404_for_its_pdf_job_and_file(
    world, client_for, section, persona, committed
):
    job_page = committed(preview, client_for("agency_author"), section)["Location"]
    client = client_for(persona)
    assert client.get(job_page).status_code == 404
    assert client.get(download_url(section, 1)).status_code == 404
    assert preview(client, section).status_code == 404
    assert RenderJob.objects.count() == 1


def test_an_agency_author_sees_their_sections_jobs_but_not_a_draft_revisions(world, section, other_section, committed):
    mine = committed(service.request_section_pdf, access_for(world, "agency_author"), section)
    theirs = service.request_section_pdf(access_for(world, "other_agency_author"), other_section)
    draft = ReportRevisionFactory(report=section.report)
    draft_job = RenderJob.objects.create(board=world.board, revision=draft, kind=RenderKind.REPORT_PDF)
    visible = set(RenderJob.objects.visible_to(access_for(world, "agency_author")).values_list("pk", flat=True))
    assert visible == {mine.pk}
    files = RenderedFile.objects.visible_to(access_for(world, "agency_author"))
    assert list(files.values_list("section_version", flat=True)) == [mine.section_version_id]
    everything = set(RenderJob.objects.visible_to(access_for(world, "chair")).values_list("pk", flat=True))
    assert everything == {mine.pk, theirs.pk, draft_job.pk}


# Measured on PostgreSQL: session, user, board, memberships (+ the OTP device check) are the
# permission layer's; the page's own rows come in one query each and do not grow with
# versions or jobs (the test makes 16 versions and 11 jobs).
SECTION_PAGE_QUERIES = 10
JOB_PAGE_QUERIES = 8
DOWNLOAD_QUERIES = 10  # includes the audit entry's insert


def test_section_page_and_job_page_use_few_queries_however_many_versions_and_jobs(
    world, client_for, section, django_assert_max_num_queries, committed
):
    author = access_for(world, "agency_author")
    for number in range(1, 16):
        save_section_text(author, section, html=f"<p>Version {number + 1}.</p>", base_version=number)
    job = committed(service.request_section_pdf, author, section)
    for _ in range(10):
        RenderJob.objects.create(
            board=world.board, section_version=job.section_version, kind=RenderKind.SECTION_PDF, state="failed"
        )
    client = client_for("agency_author")
    job_url = reverse("reports:render_job", args=[world.board.slug, job.pk])
    with django_assert_max_num_queries(SECTION_PAGE_QUERIES):
        assert "Preview as PDF" in client.get(url("section_detail", section)).content.decode()
    with django_assert_max_num_queries(JOB_PAGE_QUERIES):
        assert "Download Draft section (PDF)" in client.get(job_url).content.decode()
    with django_assert_max_num_queries(DOWNLOAD_QUERIES):
        assert client.get(download_url(section, 16)).status_code == 200

"""Issue 21, M2: what a section may hold, what a Word draft may unpack to (checked before it is
converted), the conversion outside the request with time and memory caps, and a render's
memory cap. Issue 15: a Word table's header row, pictures' descriptions, and what was dropped."""

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from lscb.models import AuditEntry
from reports import limits
from reports.docx_import import DocxError, check_docx, docx_to_html
from reports.models import DocxImport, RenderJob, SectionVersion
from reports.rendering.choices import RenderState
from reports.services import rendering as render_service
from reports.services import sections as services
from reports.tests.support_docx import (
    messy_docx,
    paragraphs_docx,
    picture_docx,
    raw_docx,
    replace_member,
    table_docx,
    upload,
)
from reports.tests.support_drafting import access_for, docx_bytes, png_bytes, report_with_sections, url


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call something and run what it sends after commit (the conversion or render, in-process:
    a test's transaction never commits)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def import_url(section, job):
    return reverse(
        "reports:section_import",
        kwargs={
            "board_slug": section.report.board.slug,
            "report_id": section.report_id,
            "section_id": section.pk,
            "import_id": job.pk,
        },
    )


def paragraphs(count):
    return "<p>a</p>" * count


# --- (1) What a section may hold, for every way text reaches it --------------------------------


@pytest.mark.parametrize(
    ("html", "named"),
    [
        (paragraphs(limits.SECTION_MAX_PARAGRAPHS + 1), "3,000 paragraphs"),
        ("<p>" + "word " * (limits.SECTION_MAX_CHARACTERS // 5 + 1) + "</p>", "200,000 characters of text"),
        ("<table><tr><td>x</td></tr></table>" * (limits.SECTION_MAX_TABLES + 1), "100 tables"),
        (
            f'<p><img src="data:image/png;base64,{"A" * 8}" alt="x"></p>' * (limits.SECTION_MAX_IMAGES + 1),
            "100 pictures",
        ),
    ],
)
def test_the_section_service_refuses_text_over_each_cap_naming_it(world, html, named):
    report, (section,) = report_with_sections(world)
    with pytest.raises(services.SectionTooLarge, match=named):
        services.save_section_text(access_for(world, "agency_author"), section, html=html, base_version=0)
    section.refresh_from_db()
    assert section.version == 0 and not SectionVersion.objects.exists()


def test_text_within_the_caps_is_saved(world):
    report, (section,) = report_with_sections(world)
    services.save_section_text(
        access_for(world, "agency_author"), section, html=paragraphs(limits.SECTION_MAX_PARAGRAPHS), base_version=0
    )
    section.refresh_from_db()
    assert section.version == 1


def test_typed_text_over_the_cap_is_refused_on_the_page_and_stays_in_the_box(world, client_for):
    report, (section,) = report_with_sections(world)
    text = paragraphs(limits.SECTION_MAX_PARAGRAPHS + 1).replace("<p>a</p>", "<p>mine</p>", 1)
    response = client_for("agency_author").post(url("section_edit", section), {"version": "0", "html": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "A section can have up to 3,000 paragraphs" in page
    assert "mine" in page  # the author's text is in the form, not lost
    section.refresh_from_db()
    assert section.version == 0


# --- (2) The unzipped document, checked before it is converted ----------------------------------


def test_the_100k_paragraph_attack_file_is_refused_quickly_before_conversion():
    content = paragraphs_docx(100_000)
    assert len(content) < 30_000  # the 10.9 KB file of the report, give or take the zip headers
    started = time.perf_counter()
    with pytest.raises(DocxError, match="6,000 paragraphs"):
        check_docx(upload(content))
    assert time.perf_counter() - started < 3  # it held a web worker 18.5 s


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (raw_docx("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>" * (limits.DOCX_MAX_TABLES + 1)), "100 tables"),
        (
            raw_docx(
                '<w:p><w:r><w:drawing><wp:docPr xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" id="1" name="p"/></w:drawing></w:r></w:p>'
                * (limits.DOCX_MAX_IMAGES + 1)
            ),
            "100 pictures",
        ),
        (
            raw_docx("<w:p/>", extra={f"word/media/x{i}.bin": b"x" for i in range(limits.DOCX_MAX_MEMBERS)}),
            "files inside",
        ),
        (raw_docx("<w:p/>", extra={"word/media/big.bin": b"\0" * 3_000_000}), "compressed"),
    ],
)
def test_unzipped_documents_over_a_cap_are_refused_naming_it(content, message):
    with pytest.raises(DocxError, match=message):
        check_docx(upload(content))


def test_an_xml_bomb_in_the_document_is_refused():
    # An entity declaration (the "billion laughs") is refused, not expanded.
    bomb = raw_docx("<w:p/>").replace(b"x", b"x")  # a valid file, then a document with a DTD
    document = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}"><w:body>'
        "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with pytest.raises(DocxError, match="could not be read"):
        check_docx(upload(replace_member(bomb, "word/document.xml", document)))


def test_a_real_document_within_the_caps_passes_the_check():
    check_docx(upload(docx_bytes("We trained 250 staff.", heading="Our year", image=png_bytes())))


# --- (3) Converted outside the request, with a progress page -------------------------------------


def test_upload_converts_in_a_job_and_lands_on_the_edit_form_with_the_text(world, client_for, committed):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    response = committed(
        client.post,
        url("section_upload", section),
        {"version": "0", "document": upload(table_docx(), "Police 2025.docx")},
    )
    job = DocxImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == import_url(section, job)
    assert section.versions.count() == 0  # nothing saved until the author has seen the text
    page = client.get(response["Location"]).content.decode()
    job.refresh_from_db()
    assert job.state == RenderState.DONE and not job.file  # the uploaded file is not kept
    assert "Check the text from “Police 2025.docx”" in page
    assert "Referrals by agency." in page and 'name="html"' in page
    saved = client.post(response["Location"], {"version": "0", "html": job.html})
    assert saved.status_code == 302
    version = SectionVersion.objects.get(section=section)
    assert (version.source, version.filename) == (SectionVersion.Source.DOCX, "Police 2025.docx")
    assert AuditEntry.objects.filter(action="reports.section.import_requested").exists()


def test_a_converted_draft_over_the_section_cap_is_refused_with_its_text_kept(world, client_for, committed):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    content = paragraphs_docx(limits.SECTION_MAX_PARAGRAPHS + 10, text="kept")
    response = committed(client.post, url("section_upload", section), {"version": "0", "document": upload(content)})
    job = DocxImport.objects.get()
    assert job.state == RenderState.DONE
    saved = client.post(response["Location"], {"version": "0", "html": job.html})
    assert saved.status_code == 200
    page = saved.content.decode()
    assert "A section can have up to 3,000 paragraphs" in page and "kept" in page
    assert section.versions.count() == 0


def test_a_refused_upload_says_why_on_the_upload_page(world, client_for):
    report, (section,) = report_with_sections(world)
    response = client_for("agency_author").post(
        url("section_upload", section), {"version": "0", "document": upload(paragraphs_docx(100_000))}
    )
    assert response.status_code == 200
    assert "6,000 paragraphs" in response.content.decode()
    assert not DocxImport.objects.exists()


def test_a_conversion_over_its_memory_cap_fails_cleanly(tmp_path):
    """8 MB of text that does not compress much passes every pre-conversion cap, but mammoth needs
    hundreds of MB for it: far more than an 8 MB cap. Run in a fresh interpreter, as a worker child
    starts: a long-lived test process may hold hundreds of MB of freed heap that a forked child
    reuses without asking for more address space (lscb/sandbox.py counts what the parent holds)."""
    text = os.urandom(4 * 1024 * 1024).hex()
    content = raw_docx(
        "".join(f"<w:p><w:r><w:t>{text[i : i + 1600]}</w:t></w:r></w:p>" for i in range(0, len(text), 1600))
    )
    assert len(content) < 10 * 1024 * 1024
    (tmp_path / "big.docx").write_bytes(content)
    script = (
        "import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lscb.settings'); django.setup()\n"
        "from lscb.sandbox import ResourceLimitExceeded, run_limited\n"
        "from reports.docx_import import convert_docx\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "try:\n"
        "    run_limited(convert_docx, data, memory_bytes=8 * 1024 * 1024, timeout=60)\n"
        "    print('converted')\n"
        "except ResourceLimitExceeded as exc:\n"
        "    print('refused:', exc)\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script, str(tmp_path / "big.docx")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.startswith("refused:"), result.stdout + result.stderr


# --- The render's memory cap --------------------------------------------------------------------


def test_a_render_over_its_memory_cap_is_a_clear_failed_job_with_no_retry(world, settings, committed):
    from reports.rendering.pdf import warm_up  # noqa: PLC0415

    warm_up()  # as a worker does: WeasyPrint and its fonts loaded before any render forks
    settings.REPORT_RENDER_MEMORY_BYTES = 64 * 1024 * 1024
    author = access_for(world, "agency_author")
    report, (section,) = report_with_sections(world)
    services.save_section_text(author, section, html="<p>A short section.</p>", base_version=0)
    small = committed(render_service.request_section_pdf, author, section)
    small.refresh_from_db()
    assert small.state == RenderState.DONE  # an ordinary section fits well within the cap
    # A long table (within the section caps) takes WeasyPrint far more than 64 MB to lay out.
    services.save_section_text(
        author, section, html="<table>" + "<tr><td>cell</td><td>cell</td></tr>" * 2800 + "</table>", base_version=1
    )
    job = committed(render_service.request_section_pdf, author, section)
    job.refresh_from_db()
    assert job.state == RenderState.FAILED
    assert "too large to render" in job.failure_reason
    assert job.attempts == 1
    assert render_service.sweep_render_jobs()["requeued"] == 0  # a failed job is not retried
    assert RenderJob.objects.get(pk=job.pk).state == RenderState.FAILED


# --- Issue 15: header rows, descriptions, what was dropped ---------------------------------------


@pytest.mark.parametrize("header", ["repeat", "bold"])
def test_a_word_header_row_becomes_a_table_header(header):
    html = docx_to_html(upload(table_docx(header=header)))
    assert '<thead><tr><th scope="col">' in html
    assert "Agency" in html.split("</thead>")[0] and "Police" in html.split("</thead>")[1]


def test_a_table_without_a_header_row_keeps_plain_cells():
    html = docx_to_html(upload(table_docx(header=None)))
    assert "<thead>" not in html and "<th" not in html


def test_a_picture_keeps_its_word_description():
    html = docx_to_html(upload(picture_docx(png_bytes(), description="Chart of referrals by month")))
    assert 'alt="Chart of referrals by month"' in html


def test_what_was_dropped_is_listed_to_the_author(world, client_for, committed):
    report, (section,) = report_with_sections(world)
    content = messy_docx(png_bytes())
    from reports.tests.support_docx import media_name  # noqa: PLC0415

    content = replace_member(content, media_name(content), b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    client = client_for("agency_author")
    response = committed(client.post, url("section_upload", section), {"version": "0", "document": upload(content)})
    page = client.get(response["Location"]).content.decode()
    assert "What was not kept" in page
    assert "1 comment" in page
    assert "1 text box" in page
    assert "Quote" in page  # the style Word used, which the report does not have
    assert "1 picture that is not a PNG, JPEG or GIF image" in page


def test_another_persons_import_is_not_found(world, client_for):
    report, (section,) = report_with_sections(world)
    client_for("agency_author").post(
        url("section_upload", section), {"version": "0", "document": upload(docx_bytes("Mine."))}
    )
    job = DocxImport.objects.get()
    assert client_for("business_manager").get(import_url(section, job)).status_code == 404


def test_zip_members_are_counted_from_the_directory_not_trusted_from_the_name():
    # A .docx with a stored (uncompressed) document is fine: the ratio check is per member.
    check_docx(upload(raw_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>", compression=zipfile.ZIP_STORED)))

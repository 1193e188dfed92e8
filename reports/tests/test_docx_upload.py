"""An agency uploads its Word draft: .docx → HTML (mammoth) → sanitised, pictures kept, clear errors."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import docx_import
from reports.docx_import import DocxError, docx_to_html
from reports.models import DocxImport, SectionVersion
from reports.tests.support_drafting import docx_bytes, png_bytes, report_with_sections, url

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"  # where an upload waits for its conversion


def upload(content, name="draft.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)


def test_headings_paragraphs_and_pictures_survive_conversion():
    html = docx_to_html(upload(docx_bytes("We trained 250 staff.", heading="Our year", image=png_bytes())))
    assert "<h3>Our year</h3>" in html  # Heading 1 sits under the section's own h2
    assert "<p>We trained 250 staff.</p>" in html
    assert 'src="data:image/png;base64,' in html
    # Word gave no description: the picture still gets alt text, and the page warns the author.
    assert 'alt="A picture from the Word draft (it had no description)"' in html


def test_scripts_and_links_to_javascript_do_not_survive():
    html = docx_to_html(upload(docx_bytes("<script>alert(1)</script> plain")))
    assert "<script" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip at all", "draft.docx", "could not be opened"),
        (b"", "draft.docx", "empty"),
        (b"whatever", "draft.doc", "must be a Word document"),
        (b"%PDF-1.7", "draft.pdf", "must be a Word document"),
    ],
)
def test_files_that_are_not_docx_are_refused_with_a_clear_message(content, name, message):
    with pytest.raises(DocxError, match=message):
        docx_to_html(upload(content, name))


def test_a_zip_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocxError, match="no document text"):
        docx_to_html(upload(buffer.getvalue()))


def test_a_damaged_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(DocxError, match="could not be read"):
        docx_to_html(upload(buffer.getvalue()))


def test_files_over_the_size_limit_are_refused(monkeypatch):
    monkeypatch.setattr(docx_import, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(DocxError, match="must be smaller than"):
        docx_to_html(upload(docx_bytes("Fine text.")))


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(docx_import, "MAX_UNPACKED_BYTES", 50_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "a" * 200_000)
    with pytest.raises(DocxError, match="unpacks to more than"):
        docx_to_html(upload(buffer.getvalue()))


def test_agency_author_uploads_a_draft_which_becomes_a_version(world, client_for, django_capture_on_commit_callbacks):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")

    with django_capture_on_commit_callbacks(execute=True):  # the conversion job runs in-process
        response = client.post(
            url("section_upload", section),
            {
                "version": "0",
                "document": upload(docx_bytes("Police year in review.", image=png_bytes()), "Police 2025.docx"),
            },
        )

    assert response.status_code == 302
    # The author checks the converted text in the edit form, then saves it.
    form = client.get(response["Location"]).content.decode()
    assert "Police year in review." in form
    html = DocxImport.objects.get().html
    saved = client.post(response["Location"], {"version": "0", "html": html})
    section.refresh_from_db()
    assert "<p>Police year in review.</p>" in section.html and "data:image/png" in section.html
    warning = client.get(saved["Location"]).content.decode()
    assert "1 picture had no description for people who cannot see it." in warning
    version = SectionVersion.objects.get(section=section)
    assert (version.source, version.filename) == (SectionVersion.Source.DOCX, "Police 2025.docx")


def test_a_bad_upload_shows_the_error_summary_and_saves_nothing(world, client_for):
    report, (section,) = report_with_sections(world)
    response = client_for("agency_author").post(
        url("section_upload", section), {"version": "0", "document": upload(b"nope", "draft.docx")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "could not be opened" in page
    section.refresh_from_db()
    assert section.version == 0 and section.html == ""

"""Uploads: size limit, type by content, stored outside the web root, served only as attachments."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscb.models import AuditEntry
from reviews.models import ReviewDocument
from reviews.tests.factories import CaseReviewFactory

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


def _docx(with_document=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
        else:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    # Review documents live in the private storage (lscb/storage.py), here a fresh folder per test.
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


@pytest.fixture
def review(world):
    return CaseReviewFactory(board=world.board, status="rapid_review", agencies=[world.agency])


def _upload(client, world, review, name, content, kind="final_report"):
    url = reverse("reviews:document_add", kwargs={"board_slug": world.board.slug, "review_id": review.pk})
    return client.post(url, {"kind": kind, "upload": SimpleUploadedFile(name, content, "application/pdf")})


def test_a_pdf_is_stored_privately_and_downloaded_as_an_attachment(world, review, media, client_for):
    client = client_for("business_manager")
    assert _upload(client, world, review, "Final report.pdf", PDF).status_code == 302
    document = ReviewDocument.objects.get()
    stored = Path(document.file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(media)
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT)) and "Final report" not in stored.name
    url = reverse("reviews:document_download", kwargs={"board_slug": world.board.slug, "document_id": document.pk})
    response = client_for("agency_author").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Final report.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="reviews.document.downloaded").count() == 1
    assert AuditEntry.objects.filter(action="reviews.review.viewed", payload__page="document_download").exists()


@pytest.mark.parametrize(
    ("name", "downloaded_as"),
    [
        ("evil.html", "evil.pdf"),
        ("Report.PDF", "Report.pdf"),
        ("no extension", "no extension.pdf"),
        (".pdf", "document.pdf"),
    ],
)
def test_a_document_downloads_with_the_extension_of_its_checked_type(
    world, review, media, client_for, name, downloaded_as
):
    # A PDF/HTML polyglot named .html would run its script when opened from the downloads folder.
    client = client_for("business_manager")
    assert _upload(client, world, review, name, PDF).status_code == 302
    document = ReviewDocument.objects.get()
    url = reverse("reviews:document_download", kwargs={"board_slug": world.board.slug, "document_id": document.pk})
    disposition = client.get(url)["Content-Disposition"]
    assert disposition.startswith("attachment;") and f'filename="{downloaded_as}"' in disposition


def test_a_word_learning_brief_is_accepted(world, review, media, client_for):
    response = _upload(client_for("business_manager"), world, review, "brief.docx", _docx(), kind="learning_brief")
    assert response.status_code == 302
    assert ReviewDocument.objects.get().extension == "docx"


@pytest.mark.parametrize(
    ("name", "content", "kind", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "final_report", "must be a PDF or a Word"),
        ("brief.docx", _docx(with_document=False), "learning_brief", "must be a PDF or a Word"),
        ("brief.docx", b"PK\x03\x04 not really a zip", "learning_brief", "must be a PDF or a Word"),
        ("report.docx", _docx(), "final_report", "final report must be a PDF"),
    ],
)
def test_files_are_checked_by_content_not_name(world, review, media, client_for, name, content, kind, message):
    response = _upload(client_for("business_manager"), world, review, name, content, kind=kind)
    assert response.status_code == 200
    assert message in response.text
    assert not ReviewDocument.objects.exists()
    assert not Path(media).exists() or not any(Path(media).rglob("*.*"))


def test_files_over_the_size_limit_are_refused(world, review, media, client_for, settings):
    settings.REVIEWS_MAX_UPLOAD_BYTES = 1024 * 1024
    response = _upload(client_for("business_manager"), world, review, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 200
    assert "must be smaller than 1 MB" in response.text
    assert not ReviewDocument.objects.exists()


def test_media_is_not_served_by_url(world):
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/media/reviews/1/anything.pdf")


def test_the_upload_page_posts_files_as_multipart(world, client_for):
    review = CaseReviewFactory(board=world.board)
    url = reverse("reviews:document_add", kwargs={"board_slug": world.board.slug, "review_id": review.pk})
    assert 'enctype="multipart/form-data"' in client_for("business_manager").get(url).content.decode()


def test_a_document_has_no_url_and_lives_in_the_one_private_storage(world, review, media):
    from lscb.storage import private_storage

    document = _document_row(review, "reviews/x/a.pdf")
    assert document.file.storage is private_storage()
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018


def test_the_migration_moves_existing_documents_from_the_old_media_folder(world, review, media, tmp_path, monkeypatch):
    """reviews 0003 moves each document's file from the old MEDIA_ROOT to the private storage,
    under the same name; a file already moved (or never there) is left alone."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reviews.migrations.0003_documents_in_private_storage")
    old_root = tmp_path / "old-media"
    monkeypatch.setenv("LSCB_MEDIA_ROOT", str(old_root))
    moved = _document_row(review, f"reviews/{world.board.pk}/moved.pdf")
    (old_root / moved.file.name).parent.mkdir(parents=True)
    (old_root / moved.file.name).write_bytes(PDF)
    _document_row(review, f"reviews/{world.board.pk}/missing.pdf")
    migration.move_files(apps, None)
    assert (Path(media) / moved.file.name).read_bytes() == PDF
    assert not (old_root / moved.file.name).exists()
    migration.move_files_back(apps, None)
    assert (old_root / moved.file.name).read_bytes() == PDF


def _document_row(review, name):
    return ReviewDocument.objects.create(
        review=review, kind="final_report", file=name, original_name="a.pdf", extension="pdf", size=len(PDF)
    )

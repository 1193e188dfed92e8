"""Rejected CSRF requests and refused uploads are audited (issue 21, L11), at most one entry per
person (or address) and kind a minute, the next one saying how many were not recorded."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lscb.models import AuditEntry
from reports.tests.support_drafting import report_with_sections
from reports.tests.support_drafting import url as section_url
from reviews.tests.factories import CaseReviewFactory

START = "2026-11-27 09:00:00+00:00"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def strict_client(world):
    """A browser that does not send the CSRF token (a forged cross-site form)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("member"))
    return client


def test_a_rejected_csrf_request_gets_the_govuk_page_and_is_audited(world, strict_client):
    response = strict_client.post(reverse("logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "govuk-frontend" in page
    assert "This page has expired" in page
    entry = AuditEntry.objects.get(action="security.csrf.rejected")
    assert entry.actor == world.user("member")
    assert entry.payload["path"] == reverse("logout")
    assert entry.payload["reason"]


def test_a_flood_of_csrf_rejections_writes_one_entry_a_minute_with_a_count(world, strict_client):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(25):
            assert strict_client.post(reverse("logout")).status_code == 403
        assert AuditEntry.objects.filter(action="security.csrf.rejected").count() == 1
        clock.shift(61)
        strict_client.post(reverse("logout"))
    entries = list(AuditEntry.objects.filter(action="security.csrf.rejected").order_by("pk"))
    assert len(entries) == 2
    assert entries[1].payload["not_recorded_before"] == 24


def test_anonymous_csrf_rejections_are_limited_per_address(db):
    with time_machine.travel(START, tick=False):
        for n in range(10):
            Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.7").post(reverse("login"), {"username": f"u{n}"})
        Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9").post(reverse("login"))
    entries = AuditEntry.objects.filter(action="security.csrf.rejected")
    assert sorted(e.payload["ip_address"] for e in entries) == ["198.51.100.7", "203.0.113.9"]


def test_a_refused_scorecard_csv_is_audited_once_a_minute(world, client_for):
    client = client_for("business_manager")
    upload = reverse("boards:indicator_upload", kwargs={"board_slug": world.board.slug})
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            bad = SimpleUploadedFile("values.csv", b"reference,period_end,value\x00\nX,1,99999999999999999999999\n")
            assert client.post(upload, {"file": bad}).status_code == 200
    entry = AuditEntry.objects.get(action="security.upload.refused")
    assert entry.actor == world.user("business_manager")
    assert entry.payload["files"] == [{"field": "file", "name": "values.csv", "size": 56}]
    assert entry.payload["path"] == upload


def test_a_refused_review_document_is_audited(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = CaseReviewFactory(board=world.board, status="rapid_review", agencies=[world.agency])
    url = reverse("reviews:document_add", kwargs={"board_slug": world.board.slug, "review_id": review.pk})
    polyglot = SimpleUploadedFile("evil.html", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client_for("business_manager").post(url, {"kind": "final_report", "upload": polyglot})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="security.upload.refused")
    assert entry.payload["files"][0]["name"] == "evil.html"


def test_a_refused_word_upload_is_audited_and_a_good_one_is_not(world, client_for):
    from reports.tests.support_drafting import docx_bytes  # noqa: PLC0415

    _report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    not_word = SimpleUploadedFile("draft.docx", b"PK\x03\x04 not really a zip")
    assert (
        client.post(section_url("section_upload", section), {"version": "0", "document": not_word}).status_code == 200
    )
    assert AuditEntry.objects.filter(action="security.upload.refused").count() == 1
    cache.clear()
    good = SimpleUploadedFile("draft.docx", docx_bytes("From the Word draft."))
    assert client.post(section_url("section_upload", section), {"version": "0", "document": good}).status_code == 302
    assert AuditEntry.objects.filter(action="security.upload.refused").count() == 1

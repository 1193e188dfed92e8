"""No lost work: optimistic locking on section text, every version kept, a readable diff."""

import threading

import pytest
from django.db import connection

from reports.choices import SectionStatus
from reports.diff import diff_paragraphs, html_to_text
from reports.models import ReportSection, SectionVersion
from reports.services import sections as services
from reports.tests.support_drafting import access_for, report_with_sections, url


def test_a_stale_save_is_refused_and_changes_nothing(world):
    report, (section,) = report_with_sections(world)
    author, manager = access_for(world, "agency_author"), access_for(world, "business_manager")
    services.save_section_text(manager, section, html="<p>The manager's words.</p>", base_version=0)

    with pytest.raises(services.StaleSection) as refused:
        services.save_section_text(author, section, html="<p>The author's words.</p>", base_version=0)

    section.refresh_from_db()
    assert section.html == "<p>The manager's words.</p>" and section.version == 1
    assert refused.value.refused_html == "<p>The author's words.</p>"
    assert refused.value.current.html == "<p>The manager's words.</p>"
    assert SectionVersion.objects.filter(section=section).count() == 1


def test_every_save_is_kept_as_a_version_and_the_first_save_starts_drafting(world):
    report, (section,) = report_with_sections(world)
    author = access_for(world, "agency_author")
    for base, text in enumerate(["<p>One.</p>", "<p>One. Two.</p>", "<p>Two.</p>"]):
        section.refresh_from_db()
        services.save_section_text(author, section, html=text, base_version=base)
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFTING and section.version == 3
    assert list(section.versions.order_by("number").values_list("number", "html")) == [
        (1, "<p>One.</p>"),
        (2, "<p>One. Two.</p>"),
        (3, "<p>Two.</p>"),
    ]
    assert section.history.count() >= 1  # row history kept alongside


def test_saving_a_returned_section_puts_it_back_to_drafting(world):
    report, (section,) = report_with_sections(world)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.RETURNED)
    section.refresh_from_db()
    services.save_section_text(access_for(world, "agency_author"), section, html="<p>Fixed.</p>", base_version=0)
    section.refresh_from_db()
    assert section.status == SectionStatus.DRAFTING


def test_stale_save_in_the_page_shows_their_text_and_keeps_mine(world, client_for):
    report, (section,) = report_with_sections(world)
    services.save_section_text(
        access_for(world, "business_manager"), section, html="<p>Saved first by the manager.</p>", base_version=0
    )
    client = client_for("agency_author")

    response = client.post(url("section_edit", section), {"html": "<p>My careful paragraph.</p>", "version": "0"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this section" in page
    assert "Saved first by the manager." in page  # their version, shown
    assert "&lt;p&gt;My careful paragraph.&lt;/p&gt;</textarea>" in page  # mine, kept in the box
    assert 'name="version" value="1"' in page  # a save from here knowingly replaces version 1
    section.refresh_from_db()
    assert section.html == "<p>Saved first by the manager.</p>"

    again = client.post(url("section_edit", section), {"html": "<p>Merged.</p>", "version": "1"})
    assert again.status_code == 302
    section.refresh_from_db()
    assert (section.html, section.version) == ("<p>Merged.</p>", 2)
    assert section.versions.count() == 2  # the manager's text is still there


def test_two_simultaneous_saves_one_wins_one_is_told_nothing_lost(world, transactional_db):
    assert connection.vendor == "postgresql", "the concurrency test needs DATABASE_URL on PostgreSQL"
    report, (section,) = report_with_sections(world)
    people = {"agency_author": "<p>Author's text.</p>", "business_manager": "<p>Manager's text.</p>"}
    accesses = {persona: access_for(world, persona) for persona in people}
    barrier = threading.Barrier(len(people))
    outcome = {}

    def save(persona):
        try:
            mine = ReportSection.objects.select_related("report").get(pk=section.pk)
            barrier.wait(timeout=10)
            services.save_section_text(accesses[persona], mine, html=people[persona], base_version=0)
            outcome[persona] = "saved"
        except services.StaleSection as exc:
            outcome[persona] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(persona,)) for persona in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    winners = [p for p, result in outcome.items() if result == "saved"]
    losers = {p: result for p, result in outcome.items() if isinstance(result, services.StaleSection)}
    assert len(winners) == 1 and len(losers) == 1, outcome
    (winner,), ((loser, refusal),) = winners, losers.items()
    section.refresh_from_db()
    assert section.version == 1 and section.html == people[winner]
    assert refusal.refused_html == people[loser]  # handed back to the page, not lost
    assert refusal.current.html == people[winner]  # and the other person's text is shown
    assert list(SectionVersion.objects.filter(section=section).values_list("html", flat=True)) == [people[winner]]


def test_html_to_text_keeps_paragraphs_lists_tables_and_pictures():
    text = html_to_text(
        "<h3>Title</h3><p>One <b>two</b></p><ul><li>a</li><li>b</li></ul>"
        "<table><tr><th>x</th><td>1</td></tr></table><p><img src='data:image/png;base64,AA' alt='Chart'></p>"
    )
    assert text.splitlines() == ["Title", "One two", "a", "b", "| x | 1", "[picture: Chart]"]


def test_diff_marks_words_added_and_removed_per_paragraph():
    paragraphs = diff_paragraphs("<p>We trained 200 staff.</p><p>Same.</p>", "<p>We trained 250 staff.</p><p>Same.</p>")
    first = [(s.kind, s.text.strip()) for s in paragraphs[0]]
    assert first == [("equal", "We trained"), ("delete", "200"), ("insert", "250"), ("equal", "staff.")]
    assert [(s.kind, s.text) for s in paragraphs[1]] == [("equal", "Same.")]


def test_the_compare_page_shows_ins_and_del_accessibly(world, client_for):
    report, (section,) = report_with_sections(world)
    author = access_for(world, "agency_author")
    services.save_section_text(author, section, html="<p>We trained 200 staff.</p>", base_version=0)
    section.refresh_from_db()
    services.save_section_text(author, section, html="<p>We trained 250 staff.</p>", base_version=1)

    page = client_for("agency_author").get(url("section_diff", section, **{"from": 1, "to": 2})).content.decode()

    assert '<del class="lscb-diff-del"><span class="govuk-visually-hidden">[removed: </span>200' in page
    assert '<ins class="lscb-diff-ins"><span class="govuk-visually-hidden">[added: </span>250' in page
    assert "1 word added, 1 word removed" in page
    versions = client_for("agency_author").get(url("section_versions", section)).content.decode()
    assert "Compare with version 1" in versions
    assert client_for("agency_author").get(url("section_diff", section, **{"from": 1, "to": 9})).status_code == 404


def test_a_stale_upload_puts_the_converted_draft_in_the_text_box(
    world, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from reports.models import DocxImport  # noqa: PLC0415
    from reports.tests.support_drafting import docx_bytes  # noqa: PLC0415

    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    document = SimpleUploadedFile("draft.docx", docx_bytes("From the Word draft."))
    with django_capture_on_commit_callbacks(execute=True):  # the conversion job, in-process
        checked = client.post(url("section_upload", section), {"version": "0", "document": document})
    # The manager saves while the author is checking the converted text.
    services.save_section_text(
        access_for(world, "business_manager"), section, html="<p>Typed by the manager.</p>", base_version=0
    )

    response = client.post(checked["Location"], {"version": "0", "html": DocxImport.objects.get().html})

    assert response.status_code == 409
    page = response.content.decode()
    assert "Typed by the manager." in page
    assert "&lt;p&gt;From the Word draft.&lt;/p&gt;</textarea>" in page
    section.refresh_from_db()
    assert section.html == "<p>Typed by the manager.</p>"

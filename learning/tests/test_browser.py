"""Browser journey: a course and two sessions, attendance uploaded (a bad file refused, nothing
saved, then a good one), an evaluation at both stages through the one-time links, two agencies'
use of a 7-minute briefing, an engagement activity with its "we did" change, an escalation from
stage 1 to resolution, and each of them in the generated sections of the next report.

Drives Debian's Chromium through the real pages; axe-core checks every page seen (0 violations).
Dates are the day the test runs, 50 days back (the follow-up evaluation is due at 6 weeks); the
after-session link is answered on the day after the session, with the clock moved there.
"""

import datetime
import os
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import financial_year_label, financial_year_start
from learning import tasks
from learning.models import Attendance, EvaluationAnswer
from reports.models import ReportSection
from reports.tests.support_approval import frameworks  # noqa: F401  (a fixture)
from reviews.tests.factories import CaseReviewFactory, LearningProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"learning-{name}.png"), full_page=True)


def _link(message):
    return re.search(r"/evaluation/[^/\s]+/", message.body).group(0)


def _answer(page, base, path, scores, axe_check):
    page.goto(base + path)
    axe_check(page)
    for n, score in enumerate(scores, start=1):
        page.locator(f'input[name="q{n}"][value="{score}"]').check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    axe_check(page)


def test_training_voice_and_escalation_records_feed_the_next_report(  # noqa: PLR0915  (one journey)
    page,
    live_server,
    world,
    axe_check,
    sign_in,
    tmp_path,
    frameworks,  # noqa: F811
):
    today = timezone.localdate()
    held = today - datetime.timedelta(days=50)
    year = financial_year_start(held)
    # The second session: the next day, or the day before if the next is in another year.
    second = held + datetime.timedelta(days=1)
    if financial_year_start(second) != year:
        second = held - datetime.timedelta(days=1)
    product = LearningProductFactory(
        review=CaseReviewFactory(board=world.board, pseudonym="Child A"), title="7-minute briefing: neglect"
    )
    base, slug = live_server.url, world.board.slug

    sign_in(page, "business_manager")
    page.get_by_role("link", name="Learning", exact=True).click()
    expect(page.get_by_role("heading", name="Learning and voice")).to_be_visible()
    axe_check(page)

    # 1. A course and two sessions.
    page.get_by_role("link", name="Training", exact=True).click()
    axe_check(page)
    page.get_by_role("button", name="Add a course").click()
    axe_check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter the course title").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Title", exact=True).fill("Neglect: seeing the pattern")
    page.get_by_label("Level 2 (multi-agency practice)").check()
    page.get_by_label("Audience group").fill("Practitioners in every agency")
    page.get_by_label("Competencies").fill("Use the graded care profile")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Neglect: seeing the pattern added")).to_be_visible()
    axe_check(page)
    for day in (held, second):
        page.get_by_role("button", name="Add a session").click()
        axe_check(page)
        page.get_by_label("Date", exact=True).fill(day.isoformat())
        page.get_by_label("Face to face").check()
        page.get_by_label("Places").fill("20")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"Session on {day.day} {day:%B %Y} added")).to_be_visible()
        page.get_by_role("link", name="Neglect: seeing the pattern").last.click()
    axe_check(page)
    _shot(page, "course")

    # 2. Attendance: a file with bad rows is refused and nothing is saved; then a good one.
    page.get_by_role("link", name=f"{held.day} {held:%B %Y}").click()
    axe_check(page)
    page.get_by_role("button", name="Upload attendance").click()
    axe_check(page)
    header = "Name,Email,Agency,Status,Manager email\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header + "Ann Lee,ann@example.org,Home Police,Attended,ann.boss@example.org\n"
        "Bob Roe,bob,Mars Police,Attended,\n"
        "Cat Day,cat@example.org,Home Police,Here,\n"
    )
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload attendance").click()
    expect(page.get_by_text("The file has 2 problems: nothing was saved")).to_be_visible()
    expect(page.get_by_text("“Mars Police” is not one of this board's agencies")).to_be_visible()
    expect(page.get_by_text("“Here” is not one of")).to_be_visible()
    axe_check(page)
    _shot(page, "upload-refused")
    assert not Attendance.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text(
        header + "Ann Lee,ann@example.org,Home Police,Attended,ann.boss@example.org\n"
        "Bob Roe,bob@example.org,Home Children's Services,Attended,bob.boss@example.org\n"
        "Cat Day,cat@example.org,Home Police,No-show,\n"
    )
    page.get_by_label("CSV file").set_input_files(str(good))
    page.get_by_role("button", name="Upload attendance").click()
    expect(page.get_by_text("Attendance uploaded: 3 places")).to_be_visible()
    axe_check(page)
    _shot(page, "session")
    assert Attendance.objects.count() == 3

    # 3. The evaluation after the session (answered the day after) and at six weeks (today).
    day_after = held + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(10), tzinfo=datetime.UTC)):
        assert tasks.send_due_evaluations() == 2
        _answer(page, base, _link(mail.outbox[0]), [5, 4, 4], axe_check)
        _shot(page, "evaluation-thanks")
    assert tasks.send_due_evaluations() == 2  # the managers' links, six weeks on
    follow_up = next(m for m in mail.outbox if m.to == ["ann.boss@example.org"])
    page.goto(base + _link(follow_up))
    expect(page.get_by_text("Answer together, the attendee and their manager")).to_be_visible()
    _shot(page, "evaluation-follow-up")
    _answer(page, base, _link(follow_up), [4, 3, 3], axe_check)
    page.goto(base + _link(follow_up))
    expect(page.get_by_role("heading", name="This link has closed")).to_be_visible()
    axe_check(page)
    assert EvaluationAnswer.objects.exclude(score=None).count() == 6

    # 4. Two agencies' use of the 7-minute briefing (signed in again: the session saved while the
    # clock was moved back expires, for the browser, before today).
    page.context.clear_cookies()
    sign_in(page, "business_manager")
    page.goto(base + reverse("learning:dissemination_list", args=[slug]))
    axe_check(page)
    for agency, team, reached in (("Home Police", "Response team", "30"), ("Home Children's Services", "Duty", "12")):
        page.get_by_role("button", name="Log a product's use").click()
        axe_check(page)
        page.get_by_label("Learning product").select_option(label=product.title)
        page.get_by_label("Agency").select_option(label=agency)
        page.get_by_label("Team or service").fill(team)
        page.get_by_label("Date used").fill(held.isoformat())
        page.get_by_label("Staff reached").fill(reached)
        page.get_by_label("Action agreed").fill("Ask who lives in the home at every visit.")
        page.get_by_label("Evidence of change").fill("Audit: 9 of 10 assessments named the adults.")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"Use of {product.title} logged")).to_be_visible()
    axe_check(page)
    _shot(page, "briefing-use")

    # 5. An engagement activity and its "we did" change.
    page.goto(base + reverse("learning:activity_list", args=[slug]))
    axe_check(page)
    page.get_by_role("button", name="Record an engagement activity").click()
    axe_check(page)
    page.get_by_label("Title").fill("Children in care council: changing social workers")
    page.get_by_label("Date", exact=True).fill(held.isoformat())
    page.get_by_label("Method").select_option(label="Youth forum or council")
    page.get_by_label("Audience").fill("Children in care council")
    page.get_by_label("Number who took part").fill("14")
    page.get_by_label("11 to 15").check()
    page.get_by_label("Children in care").check()
    page.get_by_label("Date fed back to them").fill(held.isoformat())
    page.get_by_label("How it was fed back").fill("A letter from the chair")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Children in care council: changing social workers recorded")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Add a key message").click()
    axe_check(page)
    page.get_by_label("You said").fill("We have too many changes of social worker.")
    page.get_by_label("We did").fill("A handover visit with both social workers.")
    page.get_by_label("Owner", exact=True).fill("Head of children in care")
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("Date done").fill(held.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Key message added")).to_be_visible()
    axe_check(page)
    _shot(page, "activity")
    page.goto(base + reverse("learning:you_said_we_did", args=[slug]))
    expect(page.get_by_text("A handover visit with both social workers.")).to_be_visible()
    axe_check(page)
    _shot(page, "you-said-we-did")

    # 6. An escalation, notified by the police's author, taken to stage 2 and resolved.
    page.context.clear_cookies()
    sign_in(page, "agency_author")
    page.goto(base + reverse("learning:escalation_list", args=[slug]))
    axe_check(page)
    page.get_by_role("button", name="Notify an escalation").click()
    axe_check(page)
    page.get_by_label("Pseudonymous reference").fill("Jayden Smith")
    page.get_by_label("Receiving agency").select_option(label="Home Children's Services")
    page.get_by_label("Theme", exact=True).select_option(label="Thresholds and referrals")
    page.get_by_label("Stage 1 started").fill(held.isoformat())
    page.get_by_label("Stage 1", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("looks like a person's real name").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Pseudonymous reference").fill("Child K")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Escalation Child K notified")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Update the escalation").click()
    axe_check(page)
    page.get_by_label("Stage 2", exact=True).check()
    page.get_by_label("Stage 2 started").fill(held.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Escalation Child K updated")).to_be_visible()
    page.get_by_role("button", name="Update the escalation").click()
    page.get_by_label("Resolved on").fill(held.isoformat())
    page.get_by_label("Outcome", exact=True).select_option(label="Agreed a way forward together")
    page.get_by_label("Learning theme").fill("Thresholds for neglect")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Escalation Child K updated")).to_be_visible()
    expect(page.get_by_text("Agreed a way forward together")).to_be_visible()
    axe_check(page)
    _shot(page, "escalation")

    # 7. The next report: its generated sections show each of them.
    page.context.clear_cookies()
    sign_in(page, "business_manager")
    page.goto(base + reverse("reports:report_create", args=[slug]))
    axe_check(page)
    page.get_by_label("Financial year the report covers").select_option(label=financial_year_label(year))
    page.get_by_role("button", name="Create the report").click()
    page.wait_for_load_state()
    sections = {
        s.key: s for s in ReportSection.objects.filter(key__in=["training", "voice_of_children", "escalations"])
    }
    assert set(sections) == {"training", "voice_of_children", "escalations"}

    def section(key):
        s = sections[key]
        page.goto(base + reverse("reports:section_detail", args=[slug, s.report_id, s.pk]))
        axe_check(page)
        _shot(page, f"report-{key}")

    section("training")
    training = page.locator("main")
    expect(training.get_by_text("Neglect: seeing the pattern").first).to_be_visible()
    expect(training.get_by_text("The no-show rate was 33%")).to_be_visible()
    expect(training.get_by_text("6 to 8 weeks later, with the manager: 1 of 2 answered (50%)")).to_be_visible()
    expect(training.get_by_text(product.title)).to_be_visible()
    section("voice_of_children")
    expect(page.locator("main").get_by_text("A handover visit with both social workers.")).to_be_visible()
    expect(page.locator("main").get_by_text("heard from 14 children")).to_be_visible()
    section("escalations")
    expect(page.locator("main").get_by_text("100% of those resolved were resolved at stage 1 or 2")).to_be_visible()
    expect(page.locator("main").get_by_text("Thresholds for neglect")).to_be_visible()

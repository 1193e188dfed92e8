""" "Written so that children, families and professionals can easily read it" is checked on the
sections' reading age (lscb.readability), and their authors see it while writing."""

import pytest

from reports.choices import FrameworkCode
from reports.compliance import Compliance, easy_read_section_keys, reading_age_aim
from reports.models import StatutoryFramework
from reports.tests.factories import report_with_sections
from reports.tests.support_approval import frameworks  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]

EASY = "<p>" + "We help children. We keep them safe at home. " * 8 + "</p>"
HARD = (
    "<p>" + "The multi-agency safeguarding arrangements necessitate comprehensive interdisciplinary "
    "accountability mechanisms, notwithstanding organisational reconfiguration considerations. " * 4 + "</p>"
)


def _check(world, foreword, about):
    framework = StatutoryFramework.objects.get(code=FrameworkCode.WT2023)
    report = report_with_sections(world.board, keys=("foreword", "about_the_board"), framework=framework)
    report.sections.filter(key="foreword").update(html=foreword)
    report.sections.filter(key="about_the_board").update(html=about)
    compliance = Compliance(report, sections=list(report.sections.all()))
    return next(c for c in compliance.checks if c.requirement.code == "easy-to-read")


def test_the_framework_marks_the_easy_read_sections(world):
    framework = StatutoryFramework.objects.get(code=FrameworkCode.WT2023)
    assert easy_read_section_keys(framework) == {"foreword", "about_the_board"}
    assert reading_age_aim(framework) == 12


def test_easy_sections_meet_the_requirement_with_their_reading_age(world):
    check = _check(world, EASY, EASY)
    assert check.met
    assert check.reason.startswith("reading age Foreword ") and check.reason.endswith("(aim: 12 or under)")


def test_a_hard_section_is_named_with_its_reading_age(world):
    check = _check(world, EASY, HARD)
    assert not check.met
    assert check.reason.startswith("“About the board” has a reading age of ")


def test_sections_too_short_to_measure_do_not_fail(world):
    check = _check(world, "<p>Hello.</p>", "")
    assert check.met and check.reason == "sections accepted; too short to measure a reading age"

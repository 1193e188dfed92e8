"""The compliance panel: for the report's framework, ✔/✖ per requirement with a reason in plain words.

Requirements are data (reports.Requirement, loaded by migration 0004); each names the sections
that satisfy it and a rule. Worked out from the report's sections, the generated data of the
year (reports.generated) and the distribution log, with a fixed number of queries.
"""

from dataclasses import dataclass

from boards.models import financial_year_bounds
from lscb.readability import measure
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.generated import GeneratedData
from reports.models import DEFAULT_RECIPIENTS, Requirement

AGENCY_WILDCARD = "agency-*"
# Where each data app puts the rows these rules look for (CONTRACTS.md data dicts). The first
# non-empty key wins, so an app may use any of these names.
REVIEW_LESSON_KEYS = ("learning_points", "learning")
LITTLE_PROGRESS_KEYS = ("little_or_no_progress", "little_progress", "no_progress")
# The "easy to read" rows' aim when the row names none (migration 0007 sets 12).
DEFAULT_MAX_READING_AGE = 12


def easy_read_section_keys(framework):
    """Keys of the sections the framework asks to be easy to read (their authors see the reading age)."""
    keys = set()
    for requirement in framework.requirements.filter(rule=Requirement.Rule.READING_AGE):
        keys.update(requirement.section_keys)
    return keys


def reading_age_aim(framework):
    requirement = framework.requirements.filter(rule=Requirement.Rule.READING_AGE).first()
    return requirement.params.get("max_reading_age", DEFAULT_MAX_READING_AGE) if requirement else None


@dataclass
class Check:
    requirement: Requirement
    met: bool
    reason: str

    @property
    def is_must(self):
        return self.requirement.level == Requirement.Level.MUST

    @property
    def after_publication(self):
        """Distribution rows can only be met once the approved report has been sent out."""
        return self.requirement.rule == Requirement.Rule.DISTRIBUTION


def _section_label(key):
    try:
        from reports.defaults import DEFAULT_SECTIONS  # noqa: PLC0415  (the drafting helper's template)
    except ImportError:
        DEFAULT_SECTIONS = ()  # noqa: N806
    titles = {section.key: section.title for section in DEFAULT_SECTIONS}
    return titles.get(key, key.replace("_", " ").replace("-", " ").capitalize())


def _first_rows(data, keys):
    for key in keys:
        rows = (data or {}).get(key)
        if rows:
            return rows
    return []


class Compliance:
    """Every requirement of the report's framework, checked. Build once per page."""

    def __init__(self, report, *, generated=None, sections=None):
        self.report = report
        self.generated = generated or GeneratedData(report)
        self.sections = sections if sections is not None else list(report.sections.all())
        self.by_key = {section.key: section for section in self.sections}
        self._distributions = None
        self._publication = None
        self.checks = [self.check(requirement) for requirement in report.framework.requirements.all()]

    @property
    def before_approval(self):
        return [check for check in self.checks if not check.after_publication]

    @property
    def after_publication(self):
        return [check for check in self.checks if check.after_publication]

    @property
    def unmet_musts(self):
        return [check for check in self.before_approval if check.is_must and not check.met]

    # --- rules -------------------------------------------------------------------------------

    def check(self, requirement) -> Check:
        rule = requirement.rule
        if rule == Requirement.Rule.APPROVED_BY_CHAIR:
            return self._approved(requirement)
        if rule == Requirement.Rule.PERIOD:
            return self._period(requirement)
        if rule == Requirement.Rule.DISTRIBUTION:
            return self._distribution(requirement)
        problem = self._sections_problem(requirement)
        if problem:
            return Check(requirement, False, problem)
        if rule == Requirement.Rule.REVIEW_LESSONS:
            return self._review_lessons(requirement)
        if rule == Requirement.Rule.LITTLE_PROGRESS:
            return self._little_progress(requirement)
        if rule == Requirement.Rule.READING_AGE:
            return self._reading_age(requirement)
        if rule == Requirement.Rule.QUALITY_ASSURANCE:
            return self._quality_assurance(requirement)
        if rule == Requirement.Rule.INDEPENDENT_SCRUTINY:
            return self._independent_scrutiny(requirement)
        if rule == Requirement.Rule.TRAINING_IMPACT:
            return self._training_impact(requirement)
        if rule == Requirement.Rule.CHILDREN_FEEDBACK:
            return self._children_feedback(requirement)
        if rule == Requirement.Rule.AGENCY_CONTRIBUTIONS:
            count = sum(1 for s in self.sections if s.kind == SectionKind.AGENCY)
            return Check(requirement, True, f"{count} partner agency contribution{'s' if count != 1 else ''} accepted")
        titles = ", ".join(self.by_key[key].title for key in requirement.section_keys if key in self.by_key)
        return Check(requirement, True, f"covered by {titles} (accepted)" if titles else "met")

    def _sections_problem(self, requirement) -> str:
        """The first reason the named sections do not satisfy the requirement, or ""."""
        for key in requirement.section_keys:
            if key == AGENCY_WILDCARD:
                agency_sections = [s for s in self.sections if s.kind == SectionKind.AGENCY]
                if not agency_sections:
                    return "no partner agency contribution in the report"
                pending = [s.title for s in agency_sections if s.status != SectionStatus.ACCEPTED]
                if pending:
                    return f"agency section{'s' if len(pending) > 1 else ''} {', '.join(pending)} not accepted"
                continue
            section = self.by_key.get(key)
            if section is None:
                return f"no “{_section_label(key)}” section in the report"
            if section.status != SectionStatus.ACCEPTED:
                return f"section “{section.title}” not accepted ({section.get_status_display().lower()})"
        return ""

    def _review_lessons(self, requirement):
        data = self.generated.data("case_reviews_learning")
        if data is None:
            return Check(requirement, False, "no case review data available to the report yet")
        # reviews.report_data: learning points by theme, learning products issued in the year.
        learning = sum(row.get("count", 0) for row in data.get("learning_by_theme") or [])
        products = len(data.get("products") or [])
        rows = _first_rows(data, REVIEW_LESSON_KEYS)
        if not (learning or products or rows):
            return Check(requirement, False, "no lessons from reviews in the period")
        parts = []
        if learning:
            parts.append("learning points recorded")
        if products:
            parts.append(f"{products} learning product{'s' if products != 1 else ''} issued")
        if rows and not parts:
            parts.append(f"{len(rows)} review{'s' if len(rows) != 1 else ''} with lessons")
        return Check(requirement, True, "lessons from reviews in the period: " + ", ".join(parts))

    def _little_progress(self, requirement):
        data = self.generated.data("priorities_progress")
        if data is None:
            return Check(requirement, False, "no priorities data available to the report yet")
        rows = _first_rows(data, LITTLE_PROGRESS_KEYS)
        if not rows:
            return Check(requirement, False, "no areas of little or no progress recorded")
        return Check(
            requirement, True, f"{len(rows)} area{'s' if len(rows) != 1 else ''} of little or no progress analysed"
        )

    def _training_impact(self, requirement):
        """More than attendees' feedback on the day: answers 6 to 8 weeks later with managers, or
        agencies' use of learning products with evidence of change (learning.report_data)."""
        data = self.generated.data("training")
        if data is None:
            return Check(requirement, False, "no training data available to the report yet")
        follow_up = data.get("follow_up_answers") or 0
        evidenced = sum(
            1 for product in data.get("products_in_use") or [] for use in product["actions"] if use.get("evidence")
        )
        if not (follow_up or evidenced):
            return Check(
                requirement,
                False,
                "no evidence of training's impact in the year: no evaluations 6 to 8 weeks after a session and "
                "no learning product in use with evidence of change",
            )
        parts = []
        if follow_up:
            parts.append(f"{follow_up} evaluation{'s' if follow_up != 1 else ''} 6 to 8 weeks after training")
        if evidenced:
            parts.append(f"{evidenced} use{'s' if evidenced != 1 else ''} of learning products with evidence")
        return Check(requirement, True, "impact of training evidenced: " + ", ".join(parts))

    def _children_feedback(self, requirement):
        data = self.generated.data("voice_of_children")
        if data is None:
            return Check(requirement, False, "no voice of children data available to the report yet")
        activities = len(data.get("activities") or [])
        if not activities:
            return Check(requirement, False, "no engagement activity with children or families recorded in the year")
        changes = data.get("changes_done") or 0
        if not changes:
            return Check(requirement, False, f"{activities} engagement activities, but no change made from them yet")
        return Check(
            requirement,
            True,
            f"{activities} engagement activit{'y' if activities == 1 else 'ies'} reaching {data.get('reach', 0)}, "
            f"{changes} change{'s' if changes != 1 else ''} made",
        )

    def _reading_age(self, requirement):
        """Each named section's reading age, against the framework's aim; a section too short to
        measure does not fail the row (a one-line foreword is easy enough)."""
        aim = requirement.params.get("max_reading_age", DEFAULT_MAX_READING_AGE)
        measured, too_hard = [], []
        for key in requirement.section_keys:
            section = self.by_key.get(key)  # None only for the agency wildcard
            if section is None:
                continue
            age = measure(section.html).reading_age
            if age is None:
                continue
            measured.append(f"{section.title} {age}")
            if age > aim:
                too_hard.append(f"“{section.title}” has a reading age of {age}")
        if too_hard:
            return Check(requirement, False, f"{'; '.join(too_hard)} (aim: {aim} or under)")
        if not measured:
            return Check(requirement, True, "sections accepted; too short to measure a reading age")
        return Check(requirement, True, f"reading age {', '.join(measured)} (aim: {aim} or under)")

    def _quality_assurance(self, requirement):
        """Self-assessment returns of the year received and moderated (assurance.report_data)."""
        data = self.generated.data("quality_assurance")
        if data is None:
            return Check(requirement, False, "no quality assurance data available to the report yet")
        if not data.get("cycles"):
            return Check(requirement, False, "no self-assessment cycle covered the year")
        received, expected = data.get("returns_received", 0), data.get("returns_expected", 0)
        moderated = data.get("returns_moderated", 0)
        if not received:
            return Check(requirement, False, f"no self-assessment return received of {expected} expected")
        if not moderated:
            return Check(requirement, False, f"{received} of {expected} returns received, none moderated yet")
        return Check(
            requirement,
            True,
            f"{received} of {expected} returns received, {moderated} moderated; "
            f"{data.get('actions_open', 0)} actions open, {data.get('actions_done', 0)} done",
        )

    def _independent_scrutiny(self, requirement):
        """The scrutineer's findings of the year, with the partners' responses (assurance.report_data)."""
        data = self.generated.data("quality_assurance")
        if data is None:
            return Check(requirement, False, "no independent scrutiny data available to the report yet")
        findings = data.get("scrutiny") or []
        if not findings:
            return Check(requirement, False, "no findings of independent scrutiny recorded for the year")
        answered = sum(1 for f in findings if f.get("response"))
        return Check(
            requirement,
            True,
            f"{len(findings)} finding{'s' if len(findings) != 1 else ''} of independent scrutiny, "
            f"{answered} with the partners' response",
        )

    def _approved(self, requirement):
        if self.report.status in ReportStatus.published():
            return Check(requirement, True, "approved by the chair")
        return Check(requirement, False, "not yet approved by the chair")

    def _period(self, requirement):
        start, end = financial_year_bounds(self.report.financial_year)
        span = f"{start:%-d %B %Y} to {end:%-d %B %Y}"
        due = self.report.due_date
        if due is not None and due > end.replace(year=end.year + 1):
            return Check(requirement, False, f"covers {span}, but is due more than 12 months after the year ends")
        if due is not None and due <= end:
            return Check(requirement, False, f"covers {span}, but is due before the year ends")
        return Check(requirement, True, f"covers {span}")

    def _distribution_log(self):
        if self._distributions is None:
            from reports.models import Distribution, ReportPublication  # noqa: PLC0415

            self._distributions = list(
                Distribution.objects.filter(report=self.report).select_related("recipient").order_by("sent_on")
            )
            self._publication = ReportPublication.objects.filter(report=self.report).order_by("-published_on").first()
        return self._distributions, self._publication

    def _distribution(self, requirement):
        code = requirement.params.get("recipient", "")
        default = next((r for r in DEFAULT_RECIPIENTS if r["code"] == code), {"name": code})
        name = default.get("phrase") or f"the {default['name']}"
        distributions, publication = self._distribution_log()
        sent = [d for d in distributions if d.recipient.code == code]
        if not sent:
            return Check(requirement, False, f"distribution to {name} not recorded")
        first = sent[0]
        within_days = requirement.params.get("within_days")
        if within_days:
            if publication is None:
                return Check(requirement, False, f"sent to {name}, but the publication date is not recorded")
            late = (first.sent_on - publication.published_on).days
            if late > within_days:
                return Check(
                    requirement,
                    False,
                    f"sent to {name} {late} days after publication (must be within {within_days} days)",
                )
        return Check(requirement, True, f"sent to {name} on {first.sent_on:%-d %B %Y}")

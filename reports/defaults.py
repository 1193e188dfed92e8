"""The default sections of a new annual report (DESIGN.md, "The annual report's default sections").

Drawn from published LSCB and safeguarding partnership reports and the statute. A report is
created from this template; the business manager then adds, removes, reorders and renames
sections while drafting. Keys are stable: generated sections find their data by key
(CONTRACTS.md), requirements find the sections that satisfy them by key.
"""

from dataclasses import dataclass

from boards.choices import AgencySector
from reports.choices import SectionKind

HEALTH_SECTORS = {AgencySector.ICB, AgencySector.NHS_TRUST, AgencySector.PRIMARY_CARE, AgencySector.NHS_ENGLAND}


@dataclass(frozen=True)
class DefaultSection:
    key: str
    title: str
    kind: str = SectionKind.NARRATIVE
    boxed: bool = False
    guidance: str = ""


# The agency contributions go where AGENCY_SECTIONS_AFTER says, one per active agency.
DEFAULT_SECTIONS = (
    DefaultSection(
        "foreword",
        "Foreword",
        guidance="Written by the independent chair (or the lead safeguarding partners): the year in a page, "
        "what went well, what did not, and what the partnership will do about it.",
    ),
    DefaultSection(
        "about_the_board",
        "What the partnership is and what it must do",
        boxed=True,
        guidance="A plain-English statutory box: who the partners are, the law the partnership works under "
        "(Children Act 2004) and what this report is for.",
    ),
    DefaultSection(
        "local_context",
        "Local context and demographics",
        guidance="The area's children in numbers: population, deprivation, children in need, child protection "
        "plans, children looked after. Say where each figure comes from.",
    ),
    DefaultSection(
        "membership_attendance",
        "Governance: structure, membership and attendance",
        SectionKind.GENERATED,
        guidance="Built from the board's membership and meeting attendance for the year.",
    ),
    DefaultSection(
        "subgroups",
        "Sub-groups and what they did",
        SectionKind.GENERATED,
        guidance="Built from each sub-group's highlight updates for the year.",
    ),
    DefaultSection(
        "governance_links",
        "Links with other partnerships",
        guidance="How the partnership works with the Health and Wellbeing Board, the Safeguarding Adults Board, "
        "the Community Safety Partnership and MAPPA.",
    ),
    DefaultSection(
        "inspections",
        "Inspection findings and recommendations",
        SectionKind.GENERATED,
        boxed=True,
        guidance="Built from the inspections recorded for the year; printed in a separate box.",
    ),
    DefaultSection(
        "case_reviews_learning",
        "Learning from case reviews",
        SectionKind.GENERATED,
        guidance="Built from the case reviews of the year. Add a short narrative on what changed in practice "
        "and in training as a result.",
    ),
    DefaultSection(
        "priorities_progress",
        "Our priorities: progress and impact",
        SectionKind.GENERATED,
        guidance="Built from the business plan: progress, evidence of impact, and the areas of little or no "
        "progress with their causes and the actions taken.",
    ),
    DefaultSection(
        "scorecard",
        "Performance scorecard",
        SectionKind.GENERATED,
        guidance="Built from the performance indicators, with charts.",
    ),
    DefaultSection(
        "quality_assurance",
        "Quality assurance: multi-agency audits and Section 11",
        SectionKind.GENERATED,
        guidance="Built from the self-assessment cycles (returns, moderation, actions); add what the "
        "multi-agency audits found and what changed.",
    ),
    DefaultSection(
        "voice_of_children",
        "The voice of children and families",
        SectionKind.GENERATED,
        guidance="Built from the engagement activities of the year: how the partnership sought the views of "
        "children and families and what it did with them (you said, we did).",
    ),
    DefaultSection(
        "training",
        "Training and its impact",
        SectionKind.GENERATED,
        guidance="Built from the training records: courses, attendance by agency, evaluation after each session "
        "and 6 to 8 weeks later, briefing use and the agencies' own training returns.",
    ),
    DefaultSection(
        "escalations",
        "Professional challenge and escalation",
        SectionKind.GENERATED,
        guidance="Built from the escalations agencies notified and the board's challenge log.",
    ),
    DefaultSection(
        "cdop",
        "Child deaths (child death overview panel)",
        SectionKind.GENERATED,
        guidance="Built from the CDOP yearly aggregates only.",
    ),
    DefaultSection(
        "lado",
        "Allegations against adults who work with children (LADO)",
        SectionKind.GENERATED,
        guidance="Built from the LADO yearly aggregates only.",
    ),
    DefaultSection(
        "budget",
        "Budget: contributions and spend",
        SectionKind.GENERATED,
        guidance="Built from the budget: contributions by agency (cash and in kind) and spend by category, "
        "including child death reviews, case reviews and training.",
    ),
    DefaultSection(
        "next_year",
        "Priorities for next year",
        guidance="What the partnership will focus on next year, and why.",
    ),
    DefaultSection(
        "glossary",
        "Appendix: glossary",
        guidance="Plain-English meanings of the abbreviations used in the report.",
    ),
)
# Agency contributions follow the LADO section (item 14 of the template in DESIGN.md).
AGENCY_SECTIONS_AFTER = "lado"

# Generated sections a new report does not have, which the business manager may add.
OPTIONAL_GENERATED_SECTIONS = (
    DefaultSection(
        "section_timeliness",
        "Annex: when each section was sent in",
        SectionKind.GENERATED,
        guidance="Built from the report itself: each section's due date, when it was sent in and how late it was.",
    ),
)

AGENCY_GUIDANCE = (
    "Your agency's contribution: what you did this year to keep children safe, the difference it made "
    "(with evidence), what did not go well, and what you will do next year."
)
HEALTH_GUIDANCE = " Health sections should name primary care (GPs) and say how it took part."


def agency_section_key(agency) -> str:
    return f"agency-{agency.pk}"


def agency_guidance(agency) -> str:
    return AGENCY_GUIDANCE + (HEALTH_GUIDANCE if agency.sector in HEALTH_SECTORS else "")

"""The three statutory frameworks and their requirements, as data (DESIGN.md).

section_keys name report sections by key (reports/defaults.py); "agency-*" means "at least one
partner agency's contribution". A requirement is met when every named section is in the report
and accepted, and its rule (reports/compliance.py) holds. Runs again safely: rows are matched by
code and updated.
"""

from django.db import migrations

LSCB = "lscb_wt2015"
WT2018 = "wt2018"
WT2023 = "wt2023"

FRAMEWORKS = {
    LSCB: {
        "name": "Local Safeguarding Children Board, Working Together 2013/2015",
        "summary": "Children Act 2004 section 14A: the chair of the LSCB publishes an annual report on the "
        "effectiveness of child safeguarding and promoting the welfare of children in the local area.",
    },
    WT2018: {
        "name": "Working Together to Safeguard Children 2018",
        "summary": "The safeguarding partners publish a report at least once every 12 months on what they and "
        "the relevant agencies have done and how effective it has been.",
    },
    WT2023: {
        "name": "Working Together to Safeguard Children 2023",
        "summary": "The lead safeguarding partners publish a yearly report, jointly, easy for children, families "
        "and professionals to read, including the findings of independent scrutiny.",
    },
}


def row(code, text, level="must", section_keys=(), rule="sections", **params):
    return {"code": code, "text": text, "level": level, "section_keys": list(section_keys), "rule": rule, "params": params}


REQUIREMENTS = {
    LSCB: [
        row("published-by-chair", "Published by the chair of the LSCB.", rule="approved_by_chair"),
        row("preceding-financial-year", "Covers the preceding financial year.", rule="period"),
        row(
            "assessment-of-services",
            "A rigorous and transparent assessment of the performance and effectiveness of local services.",
            section_keys=["priorities_progress", "scorecard", "quality_assurance"],
        ),
        row(
            "weaknesses-causes-actions",
            "Identifies areas of weakness, their causes, and the action being taken to address them.",
            section_keys=["priorities_progress"],
            rule="little_progress",
        ),
        row(
            "lessons-from-reviews",
            "Includes lessons from reviews undertaken within the reporting period.",
            section_keys=["case_reviews_learning"],
            rule="review_lessons",
        ),
        row(
            "partner-contributions",
            "Sets out the contributions made by partner agencies.",
            section_keys=["agency-*"],
            rule="agency_contributions",
        ),
        row(
            "spend",
            "Lists the contributions to the LSCB's budget and its spend, including on child death reviews, "
            "serious case reviews and training.",
            section_keys=["budget"],
        ),
        row("governance", "Describes the board's membership and attendance.", "should", ["membership_attendance"]),
        row("child-deaths", "Reports the child death overview panel's findings.", "should", ["cdop"]),
        row("sent-chief-executive", "Sent to the Chief Executive of the local authority.", rule="distribution", recipient="chief-executive"),
        row("sent-leader", "Sent to the Leader of the council.", rule="distribution", recipient="leader"),
        row("sent-pcc", "Sent to the Police and Crime Commissioner.", rule="distribution", recipient="pcc"),
        row("sent-hwb-chair", "Sent to the Chair of the Health and Wellbeing Board.", rule="distribution", recipient="hwb-chair"),
    ],
    WT2018: [
        row("agreed-by-partners", "Agreed by the safeguarding partners before publication.", rule="approved_by_chair"),
        row("published-every-12-months", "Published at least once every 12 months.", rule="period"),
        row(
            "what-was-done",
            "What the safeguarding partners and relevant agencies did as a result of the arrangements, "
            "including on child safeguarding practice reviews, and how effective this was.",
            section_keys=["priorities_progress", "subgroups", "case_reviews_learning"],
        ),
        row(
            "evidence-of-impact",
            "Evidence of the impact of the work, including training, on outcomes for children and families "
            "from early help to looked-after children and care leavers.",
            section_keys=["priorities_progress", "scorecard", "training"],
        ),
        row(
            "little-or-no-progress",
            "An analysis of any areas where there has been little or no evidence of progress on agreed priorities.",
            section_keys=["priorities_progress"],
            rule="little_progress",
        ),
        row(
            "review-recommendations",
            "A record of actions taken to implement the recommendations of local and national child "
            "safeguarding practice reviews, including any resulting improvements.",
            section_keys=["case_reviews_learning"],
            rule="review_lessons",
        ),
        row(
            "feedback-from-children",
            "How the partners sought and used feedback from children and families to inform their work.",
            section_keys=["voice_of_children"],
        ),
        row(
            "partner-contributions",
            "The contributions of the relevant agencies.",
            "should",
            ["agency-*"],
            rule="agency_contributions",
        ),
        row("funding", "How the arrangements were funded.", "should", ["budget"]),
        row(
            "sent-national-panel",
            "A copy sent to the Child Safeguarding Practice Review Panel within 7 days of publication.",
            rule="distribution",
            recipient="national-panel",
            within_days=7,
        ),
        row(
            "sent-what-works",
            "A copy sent to the What Works Centre for Children's Social Care within 7 days of publication.",
            rule="distribution",
            recipient="what-works",
            within_days=7,
        ),
        row(
            "sent-hwb-chair",
            "Sent to the Chair of the Health and Wellbeing Board.",
            "should",
            rule="distribution",
            recipient="hwb-chair",
        ),
    ],
    WT2023: [
        row(
            "agreed-by-lead-partners",
            "Reported jointly and agreed by the lead safeguarding partners before publication.",
            rule="approved_by_chair",
        ),
        row("published-every-12-months", "Published at least once every 12 months.", rule="period"),
        row(
            "what-was-done",
            "What the safeguarding partners and relevant agencies did as a result of the arrangements, "
            "including on child safeguarding practice reviews, and how effective this was.",
            section_keys=["priorities_progress", "subgroups", "case_reviews_learning"],
        ),
        row(
            "evidence-of-impact",
            "Evidence of the impact of the work, including training, on outcomes for children and families "
            "from early help to looked-after children and care leavers.",
            section_keys=["priorities_progress", "scorecard", "training"],
        ),
        row(
            "little-or-no-progress",
            "An analysis of any areas where there has been little or no evidence of progress on agreed priorities.",
            section_keys=["priorities_progress"],
            rule="little_progress",
        ),
        row(
            "review-recommendations",
            "A record of actions taken to implement the recommendations of local and national child "
            "safeguarding practice reviews, including any resulting improvements.",
            section_keys=["case_reviews_learning"],
            rule="review_lessons",
        ),
        row(
            "feedback-from-children",
            "How the partners sought and used feedback from children and families to inform their work.",
            section_keys=["voice_of_children"],
        ),
        row(
            "independent-scrutiny",
            "The findings of independent scrutiny of the arrangements.",
            section_keys=["quality_assurance"],
        ),
        row(
            "easy-to-read",
            "Written so that children, families and professionals can easily read it.",
            "should",
            ["foreword", "about_the_board"],
        ),
        row(
            "partner-contributions",
            "The contributions of the relevant agencies.",
            "should",
            ["agency-*"],
            rule="agency_contributions",
        ),
        row("funding", "How the arrangements were funded.", "should", ["budget"]),
        row(
            "sent-national-panel",
            "A copy sent to the Child Safeguarding Practice Review Panel within 7 days of publication.",
            rule="distribution",
            recipient="national-panel",
            within_days=7,
        ),
        row(
            "sent-foundations",
            "A copy sent to Foundations (the What Works Centre) within 7 days of publication.",
            rule="distribution",
            recipient="foundations",
            within_days=7,
        ),
        row(
            "sent-hwb-chair",
            "Sent to the Chair of the Health and Wellbeing Board.",
            "should",
            rule="distribution",
            recipient="hwb-chair",
        ),
    ],
}


def load(apps, schema_editor):
    StatutoryFramework = apps.get_model("reports", "StatutoryFramework")
    Requirement = apps.get_model("reports", "Requirement")
    for code, fields in FRAMEWORKS.items():
        framework, _ = StatutoryFramework.objects.update_or_create(code=code, defaults=fields)
        for position, requirement in enumerate(REQUIREMENTS[code], start=1):
            values = dict(requirement)
            Requirement.objects.update_or_create(
                framework=framework, code=values.pop("code"), defaults={**values, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_approval")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

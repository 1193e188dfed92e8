"""Demo data for the report's approval: last year's (the story's 2024/25) report, assembled, approved by the
chair, published and sent out — so the demo shows a frozen revision, its HWB summary and the
distribution log next to this year's report being drafted (reports/demo.py).

Built through the services, as the business manager and the chair would. Idempotent: if the
report exists, nothing changes.
"""

from boards.models import financial_year_label
from lscb.demo import story_date, story_year
from lscb.permissions import BoardAccess
from reports.choices import FrameworkCode, SectionKind
from reports.models import AnnualReport, DistributionRecipient, StatutoryFramework
from reports.services import approval as approval_services
from reports.services import sections as section_services

TEXT = {
    "foreword": "<p>Our second year as a tri-borough partnership. We met most of our priorities; where we did "
    "not, this report says why and what we are doing about it.</p>",
    "about_the_board": "<p>The partnership is how the three councils, the integrated care board and the police "
    "work together, with schools and other agencies, to keep children safe (Children Act 2004).</p>",
    "next_year": "<ol><li>Ask the Health and Wellbeing Board to fund a transitions worker for young people "
    "moving to adult mental health services.</li><li>Make the voice of children part of every audit.</li></ol>",
}


def _access(demo, username):
    return BoardAccess.for_user(demo.people[username].user, demo.board)


def load(demo):
    board = demo.board
    financial_year = story_year(2024)
    if AnnualReport.objects.filter(board=board, financial_year=financial_year).exists():
        return
    from lscb.management.commands.load_demo import DEMO_PASSWORD  # noqa: PLC0415

    framework, _ = StatutoryFramework.objects.get_or_create(
        code=FrameworkCode.WT2023, defaults={"name": FrameworkCode.WT2023.label}
    )
    manager = _access(demo, "manager")
    report = section_services.create_report(
        manager,
        financial_year=financial_year,
        framework=framework,
        sections_due=story_date(2025, 5, 30),
        due_date=story_date(2025, 9, 30),
    )
    default_text = f"<p>What we did in {financial_year_label(financial_year)}, the difference it made, and what we will do next.</p>"
    for section in report.sections.all():
        if section.kind != SectionKind.GENERATED:
            section_services.save_section_text(
                manager, section, html=TEXT.get(section.key, default_text), base_version=section.version
            )
            section.refresh_from_db()
            section_services.submit_section(manager, section)
            section.refresh_from_db()
        section_services.accept_section(manager, section)
    report.refresh_from_db()
    approval_services.send_to_chair(manager, report)
    report.refresh_from_db()
    approval_services.approve(_access(demo, "chair"), report, password=DEMO_PASSWORD)
    report.refresh_from_db()
    approval_services.publish(manager, report, published_on=story_date(2025, 9, 12))
    report.refresh_from_db()
    recipients = {r.code: r for r in DistributionRecipient.objects.filter(board=board)}
    for code, sent_on, method, presented_on in (
        ("hwb-chair", story_date(2025, 9, 15), "email", story_date(2025, 10, 8)),
        ("national-panel", story_date(2025, 9, 16), "email", None),
        ("foundations", story_date(2025, 9, 25), "email", None),  # late: more than 7 days after publication
        ("chief-executive", story_date(2025, 9, 15), "email", None),
    ):
        approval_services.record_distribution(
            manager, report, recipient=recipients[code], sent_on=sent_on, method=method, presented_on=presented_on
        )

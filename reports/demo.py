"""Demo data for the annual report: the tri-borough partnership's report for the story's 2025/26
(lscb.demo moves it to today's calendar: the year that has just ended), being drafted.

Built through the services (as the business manager and the agencies' authors would), so the
versions, comments and audit entries are real. Idempotent: if the report exists, nothing changes.
"""

from boards.models import financial_year_label
from lscb.demo import story_date, story_year
from lscb.permissions import BoardAccess
from reports.choices import FrameworkCode
from reports.models import AnnualReport, StatutoryFramework
from reports.services import sections as services

POLICE_TEXT = (
    "<h3>What we did</h3><p>Tri-borough Police trained every response officer in recognising child "
    "exploitation and joined the missing-from-home return interview pilot in all three boroughs.</p>"
    "<h3>The difference it made</h3><ul><li>Strategy discussions held within one working day: 91% "
    "(84% last year).</li><li>Children spoken to alone during section 47 enquiries recorded in 88% of "
    "audited cases.</li></ul><h3>What did not go well</h3><p>The shared exploitation screening tool "
    "is late: we are waiting for the regional tool.</p>"
)
CHILDRENS_TEXT = (
    "<h3>What we did</h3><p>Kingsmere Council Children's Services published the single early help "
    "offer for the three boroughs and audited neglect cases open for more than twelve months.</p>"
    "<p>We listened to 140 young people through the advisory group; their words changed our "
    "return-home interview letters.</p>"
)


def icb_text():
    return (
        "<h3>What we did</h3><p>The Integrated Care Board led the health contribution, including primary "
        "care: every GP practice named a safeguarding lead and 86% of practices completed level 3 "
        f"training.</p><table><caption>Health training in {financial_year_label(story_year(2025))}</caption>"
        "<thead><tr><th scope='col'>Course</th><th scope='col'>Staff trained</th></tr></thead><tbody><tr>"
        "<td>Level 3 safeguarding</td><td>1,240</td></tr><tr><td>Graded care profile</td><td>310</td></tr>"
        "</tbody></table>"
    )


FOREWORD_TEXT = (
    "<p>This has been a year of steady progress for the partnership. We have more to do on "
    "exploitation, and this report says plainly where we have fallen short.</p>"
)


def _access(demo, username):
    return BoardAccess.for_user(demo.people[username].user, demo.board)


def load(demo):
    board = demo.board
    financial_year = story_year(2025)
    if AnnualReport.objects.filter(board=board, financial_year=financial_year).exists():
        return
    framework, _ = StatutoryFramework.objects.get_or_create(
        code=FrameworkCode.WT2023, defaults={"name": FrameworkCode.WT2023.label}
    )
    manager = _access(demo, "manager")
    report = services.create_report(
        manager,
        financial_year=financial_year,
        framework=framework,
        sections_due=story_date(2026, 5, 29),
        due_date=story_date(2026, 9, 30),
    )
    sections = {s.key: s for s in report.sections.all()}

    def agency_section(name):
        return sections[f"agency-{demo.agencies[name].pk}"]

    # The police: drafted, not yet sent in.
    services.save_section_text(
        _access(demo, "police"), agency_section("Tri-borough Police"), html=POLICE_TEXT, base_version=0
    )
    # Children's services: sent in, then returned for more evidence of impact, redrafted and sent again.
    childrens = _access(demo, "childrens")
    section = agency_section("Kingsmere Council Children's Services")
    services.save_section_text(childrens, section, html=CHILDRENS_TEXT, base_version=0)
    section.refresh_from_db()
    services.submit_section(childrens, section)
    services.return_section(
        manager, section, comment="Please add one figure that shows the difference the early help offer made."
    )
    section.refresh_from_db()
    services.save_section_text(
        childrens,
        section,
        html=CHILDRENS_TEXT + "<p>Early help assessments completed within 45 days rose from 61% to 78%.</p>",
        base_version=section.version,
    )
    section.refresh_from_db()
    services.submit_section(childrens, section)
    # Health: sent in and accepted.
    health = _access(demo, "health")
    section = agency_section("Tri-borough Integrated Care Board")
    services.save_section_text(health, section, html=icb_text(), base_version=0)
    section.refresh_from_db()
    services.submit_section(health, section)
    section.refresh_from_db()
    services.accept_section(manager, section)
    # The chair has started the foreword.
    services.save_section_text(_access(demo, "chair"), sections["foreword"], html=FOREWORD_TEXT, base_version=0)

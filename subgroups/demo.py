"""Demo records for the sub-groups load_demo creates: members, work plans and highlight updates.

Deterministic (the story's dates, moved to today's calendar by lscb.demo) and idempotent: get_or_create on natural keys; running it twice changes nothing.
"""

from boards.choices import RAG
from boards.models import Action, financial_year_label
from lscb.demo import story_date as D
from lscb.demo import story_datetime, story_year
from subgroups.choices import HighlightStatus, MemberRole
from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem

QA = "Quality Assurance and Performance"
LD = "Learning and Development"
CR = "Case Review Sub-group"
CE = "Child Exploitation Task and Finish Group"

PURPOSES = {
    QA: "Checks how well agencies work together, through multi-agency audits and the performance scorecard.",
    LD: "Plans multi-agency training and tests whether it changes practice.",
    CR: "Decides on rapid reviews and practice reviews and follows their recommendations through.",
    CE: "Agrees one response to children exploited outside the home, then hands the work to the QA sub-group.",
}

# sub-group → [(username, agency name or None, role in the group)]
MEMBERS = {
    QA: [
        ("sgchair", "Vale Community Health NHS Trust", MemberRole.CHAIR),
        ("police", "Tri-borough Police", MemberRole.MEMBER),
        ("childrens", "Kingsmere Council Children's Services", MemberRole.VICE_CHAIR),
        ("health", "Tri-borough Integrated Care Board", MemberRole.MEMBER),
        ("manager", None, MemberRole.ADVISER),
    ],
    LD: [
        ("member", "Tri-borough Schools Forum", MemberRole.MEMBER),
        ("health", "Tri-borough Integrated Care Board", MemberRole.MEMBER),
    ],
    CR: [
        ("police", "Tri-borough Police", MemberRole.MEMBER),
        ("childrens", "Kingsmere Council Children's Services", MemberRole.MEMBER),
    ],
    CE: [
        ("police", "Tri-borough Police", MemberRole.CHAIR),
        ("childrens", "Kingsmere Council Children's Services", MemberRole.MEMBER),
    ],
}


def demo_work_plan():
    """Sub-group → [(title, owner username, agency, due, RAG, business-plan action title or None)]."""
    return {
        QA: [
            (
                "Multi-agency audit of neglect cases open over 12 months",
                "childrens",
                "Kingsmere Council Children's Services",
                D(2026, 1, 31),
                RAG.AMBER,
                "Multi-agency audit of neglect cases open over 12 months",
            ),
            (
                "Refresh the performance scorecard with statistical-neighbour benchmarks",
                "sgchair",
                "Vale Community Health NHS Trust",
                D(2025, 9, 30),
                RAG.COMPLETE,
                None,
            ),
            (
                "Section 11 audit: collect and moderate agency self-assessments",
                "sgchair",
                "Vale Community Health NHS Trust",
                D(2026, 2, 28),
                RAG.RED,
                None,
            ),
            (
                "Audit early help assessments in primary care",
                "health",
                "Tri-borough Integrated Care Board",
                D(2026, 3, 31),
                RAG.AMBER,
                "Audit early help assessments in primary care",
            ),
        ],
        LD: [
            (
                "Deliver the revised threshold training to 200 front-line staff",
                "health",
                "Tri-borough Integrated Care Board",
                D(2026, 6, 30),
                RAG.AMBER,
                "Train 200 front-line staff in the revised threshold document",
            ),
            (
                "Evaluate training impact three months on",
                "member",
                "Tri-borough Schools Forum",
                D(2026, 9, 30),
                RAG.GREEN,
                None,
            ),
        ],
        CE: [
            (
                "Agree a shared exploitation screening tool",
                "police",
                "Tri-borough Police",
                D(2025, 11, 30),
                RAG.RED,
                "Agree a shared exploitation screening tool",
            ),
        ],
    }


def demo_highlights():
    """[(sub-group, financial year, quarter, progress, impact, risks)]."""
    return [
        (
            QA,
            story_year(2025),
            1,
            "<p>Scorecard refreshed with statistical-neighbour and England benchmarks. Neglect audit scoped: 24 cases.</p>",
            "<p>The executive now sees re-referral rates against neighbours each quarter.</p>",
            "",
        ),
        (
            QA,
            story_year(2025),
            2,
            "<p>Neglect audit fieldwork complete in two boroughs; Westbridge delayed by staff absence.</p>",
            "<p>Early findings: the graded care profile is used in 70% of health visitor records.</p>",
            "<p><strong>Escalation:</strong> Section 11 returns outstanding from three agencies.</p>",
        ),
        (
            LD,
            story_year(2025),
            2,
            "<p>Threshold training delivered to 120 staff across six sessions.</p>",
            "<p>Post-course survey: 88% more confident applying the threshold document.</p>",
            "",
        ),
    ]


def load(demo):
    board = demo.board
    subgroups = {sg.name: sg for sg in SubGroup.objects.filter(board=board)}
    actions = {a.title: a for a in Action.objects.filter(priority__plan__board=board)}
    for name, purpose in PURPOSES.items():
        if name in subgroups and not subgroups[name].purpose:
            subgroups[name].purpose = purpose
            subgroups[name].save(update_fields=["purpose"])
    for name, rows in MEMBERS.items():
        for username, agency_name, role in rows:
            SubGroupMember.objects.get_or_create(
                subgroup=subgroups[name],
                person=demo.people[username],
                defaults={"agency": demo.agencies.get(agency_name), "role": role},
            )
    for name, rows in demo_work_plan().items():
        for title, owner, agency_name, due, rag, action_title in rows:
            WorkPlanItem.objects.get_or_create(
                subgroup=subgroups[name],
                title=title,
                defaults={
                    "owner_person": demo.people[owner],
                    "owner_agency": demo.agencies[agency_name],
                    "due_date": due,
                    "rag": rag,
                    "action": actions.get(action_title),
                    "description": f"Part of the {name} work plan for {financial_year_label(story_year(2025))}.",
                },
            )
    submitter = demo.people["sgchair"].user
    for name, year, quarter, progress, impact, risks in demo_highlights():
        HighlightUpdate.objects.get_or_create(
            subgroup=subgroups[name],
            financial_year=year,
            quarter=quarter,
            defaults={
                "progress": progress,
                "impact": impact,
                "risks": risks,
                "status": HighlightStatus.SUBMITTED,
                "submitted_by": submitter,
                "submitted_at": story_datetime(2025, 10, 20, 10, 0),
            },
        )
    for day in (D(2025, 5, 14), D(2025, 9, 10)):
        SubGroupMeeting.objects.get_or_create(
            subgroup=subgroups[QA],
            date=day,
            defaults={"notes": "<p>Reviewed the scorecard and the audit programme. Actions agreed and minuted.</p>"},
        )

"""Demo data for the business plan's progress, the scorecard, an inspection and CDOP/LADO.

Run by `load_demo` after the core records (the plan and its actions exist by then).
Deterministic (values come from fixed tables, never random; dates are the story's, moved to
today's calendar by lscb.demo) and idempotent (get_or_create
on natural keys; running it twice changes nothing).
"""

from decimal import Decimal

from boards.choices import (
    RAG,
    Frequency,
    IndicatorUnit,
    Inspectorate,
    Judgement,
    Polarity,
    RecommendationStatus,
)
from boards.models import (
    Action,
    CdopYear,
    Indicator,
    IndicatorValue,
    Inspection,
    InspectionRecommendation,
    LadoYear,
    ProgressUpdate,
)
from lscb.demo import story_date, story_year

# One action began under the previous plan (in June 2024 of the story) and is still open: the
# dashboards show it as long-open.
CARRIED_OVER = "Agree a shared exploitation screening tool"


def demo_updates():
    """[(action title, date, author username, text, evidence of impact, RAG at the update)]."""
    return [
        (
            "Publish a single early help offer for the three boroughs",
            story_date(2025, 9, 15),
            "childrens",
            "Draft offer agreed by the three councils' early help leads and tested with parents.",
            "",
            RAG.GREEN,
        ),
        (
            "Publish a single early help offer for the three boroughs",
            story_date(2025, 12, 18),
            "childrens",
            "Offer published on all three council websites and in GP surgeries.",
            "Early help requests from schools rose by 18% in the following quarter.",
            RAG.COMPLETE,
        ),
        (
            "Train 200 front-line staff in the revised threshold document",
            story_date(2025, 11, 3),
            "health",
            "112 staff trained so far across health visiting and school nursing.",
            "Post-course survey: 87% more confident to decide when to refer.",
            RAG.AMBER,
        ),
        (
            "Agree a shared exploitation screening tool",
            story_date(2025, 10, 20),
            "police",
            "Regional tool still not released; local pilot paused to avoid two tools.",
            "",
            RAG.RED,
        ),
        (
            "Map missing-from-home return interviews by borough",
            story_date(2026, 1, 12),
            "police",
            "Return interview data now shared monthly by all three boroughs.",
            "Repeat missing episodes in Westbridge fell from 41 to 29 between quarters.",
            RAG.AMBER,
        ),
        (
            "Record the child's words in every strategy discussion note",
            story_date(2026, 2, 2),
            "police",
            "New template in use from January.",
            "Dip sample of 30 notes: the child's words recorded in 24.",
            RAG.AMBER,
        ),
    ]


def demo_quarters():
    """The eight quarters up to the end of the story's 2025/26."""
    return [
        story_date(2024, 6, 30),
        story_date(2024, 9, 30),
        story_date(2024, 12, 31),
        story_date(2025, 3, 31),
        story_date(2025, 6, 30),
        story_date(2025, 9, 30),
        story_date(2025, 12, 31),
        story_date(2026, 3, 31),
    ]


# (code, name, definition, owner, polarity, unit, target, statistical neighbours, England, 8 values)
INDICATORS = [
    (
        "cp-repeat",
        "Child protection plans starting within two years of a previous plan",
        "Share of children becoming subject to a child protection plan who had one in the previous two years.",
        "Kingsmere Council Children's Services",
        Polarity.LOWER_IS_BETTER,
        IndicatorUnit.PERCENT,
        "20",
        "22.1",
        "23.4",
        ["26.0", "25.2", "24.1", "23.8", "22.0", "21.4", "20.2", "19.5"],
    ),
    (
        "ic-conf-15",
        "Initial child protection conferences within 15 working days",
        "Share of initial conferences held within 15 working days of the strategy discussion.",
        "Kingsmere Council Children's Services",
        Polarity.HIGHER_IS_BETTER,
        IndicatorUnit.PERCENT,
        "85",
        "78.5",
        "78.0",
        ["71.0", "74.5", "76.0", "80.2", "82.5", "84.0", "86.1", "87.3"],
    ),
    (
        "ehc-new",
        "Early help assessments started",
        "Number of early help assessments started in the quarter, all agencies.",
        "Tri-borough Voluntary Action",
        Polarity.HIGHER_IS_BETTER,
        IndicatorUnit.NUMBER,
        "450",
        None,
        None,
        ["380", "395", "402", "410", "428", "446", "471", "489"],
    ),
    (
        "missing-rhi",
        "Return home interviews offered within 72 hours",
        "Share of missing episodes where a return home interview was offered within 72 hours.",
        "Tri-borough Police",
        Polarity.HIGHER_IS_BETTER,
        IndicatorUnit.PERCENT,
        "90",
        "81.0",
        "79.2",
        ["68.0", "70.4", "73.5", "72.1", "75.8", "79.9", "83.0", "84.6"],
    ),
    (
        "hv-new-birth",
        "New birth visits within 14 days",
        "Share of new birth visits by a health visitor within 14 days of birth.",
        "Vale Community Health NHS Trust",
        Polarity.HIGHER_IS_BETTER,
        IndicatorUnit.PERCENT,
        "95",
        "88.0",
        "82.6",
        ["91.0", "92.3", "90.8", "93.1", "94.0", "95.2", "95.8", "96.1"],
    ),
    (
        "cin-rate",
        "Children in need",
        "Children in need per 10,000 children under 18 at the end of the quarter.",
        "Kingsmere Council Children's Services",
        Polarity.LOWER_IS_BETTER,
        IndicatorUnit.RATE_PER_10K,
        None,
        "342.0",
        "332.9",
        ["351.2", "349.0", "355.4", "348.1", "346.5", "344.0", "339.8", "336.2"],
    ),
    (
        "re-referral",
        "Re-referrals to children's social care within 12 months",
        "Share of referrals that came within 12 months of a previous referral.",
        "Westbridge Council Children's Services",
        Polarity.LOWER_IS_BETTER,
        IndicatorUnit.PERCENT,
        "18",
        "20.3",
        "22.4",
        ["24.0", "23.1", "22.8", "21.5", "21.9", "20.4", "19.6", "19.1"],
    ),
    (
        "training-att",
        "Multi-agency training places used",
        "Places taken up on the partnership's multi-agency training courses.",
        "Tri-borough Integrated Care Board",
        Polarity.HIGHER_IS_BETTER,
        IndicatorUnit.NUMBER,
        "300",
        None,
        None,
        ["210", "245", "198", "260", "290", "312", "275", "330"],
    ),
]


def demo_commentary():
    """(indicator code, quarter end) → the owner's commentary."""
    return {
        ("cp-repeat", story_date(2026, 3, 31)): "Below target for the first time, after the repeat-plan audit.",
        ("missing-rhi", story_date(2026, 3, 31)): "Improving but still short of target: see priority 3.",
        ("training-att", story_date(2025, 12, 31)): "December courses lost to winter pressures.",
    }


def demo_inspection():
    """The Ofsted inspection of Kingsmere's children's services."""
    return {
        "title": "Inspection of local authority children's services (Kingsmere)",
        "inspectorate": Inspectorate.OFSTED,
        "start_date": story_date(2025, 10, 6),
        "end_date": story_date(2025, 10, 17),
        "published_on": story_date(2025, 11, 28),
        "judgement": Judgement.GOOD,
        "summary": "Children's experiences and progress are good. Leaders know their services well. "
        "Help for children at risk of exploitation outside the home is improving but not yet consistent.",
    }


def demo_recommendations():
    """[(number, text, owner, due date, status, progress)] of the inspection."""
    return [
        (
            1,
            "Improve the consistency of return home interviews for children who go missing.",
            "Tri-borough Police",
            story_date(2026, 6, 30),
            RecommendationStatus.IN_PROGRESS,
            "Monthly data shared across boroughs; a joint audit is planned for May.",
        ),
        (
            2,
            "Strengthen management oversight of children's plans in the assessment teams.",
            "Kingsmere Council Children's Services",
            story_date(2026, 3, 31),
            RecommendationStatus.COMPLETE,
            "Supervision template revised; audit in March found oversight recorded in 92% of cases.",
        ),
        (
            3,
            "Make sure care leavers know their entitlements, including to health histories.",
            "Kingsmere Council Children's Services",
            story_date(2026, 1, 31),
            RecommendationStatus.OPEN,
            "",
        ),
    ]


def load(demo):
    board = demo.board
    users = {username: person.user for username, person in demo.people.items()}
    people = demo.people
    actions = Action.objects.filter(priority__plan__board=board)
    plan_started = story_date(2025, 4, 1)
    actions.filter(opened_on__gt=plan_started).update(opened_on=plan_started)
    actions.filter(title=CARRIED_OVER).update(opened_on=story_date(2024, 6, 1))
    by_title = {action.title: action for action in actions}
    for action_title, date, username, text, evidence, rag in demo_updates():
        action = by_title.get(action_title)
        if action is None:
            continue
        ProgressUpdate.objects.get_or_create(
            action=action,
            date=date,
            defaults={
                "author": users.get(username),
                "author_name": people[username].full_name,
                "text": text,
                "evidence_of_impact": evidence,
                "rag": rag,
            },
        )

    quarters, commentary = demo_quarters(), demo_commentary()
    for code, name, definition, owner, polarity, unit, target, neighbours, england, values in INDICATORS:
        indicator, _ = Indicator.objects.get_or_create(
            board=board,
            code=code,
            defaults={
                "name": name,
                "definition": definition,
                "owner_agency": demo.agencies.get(owner),
                "polarity": polarity,
                "frequency": Frequency.QUARTERLY,
                "unit": unit,
                "target": Decimal(target) if target else None,
                "statistical_neighbour_benchmark": Decimal(neighbours) if neighbours else None,
                "england_benchmark": Decimal(england) if england else None,
            },
        )
        for period_end, value in zip(quarters, values, strict=True):
            IndicatorValue.objects.get_or_create(
                indicator=indicator,
                period_end=period_end,
                defaults={"value": Decimal(value), "commentary": commentary.get((code, period_end), "")},
            )

    inspection_fields = demo_inspection()
    inspection, _ = Inspection.objects.get_or_create(
        board=board, title=inspection_fields.pop("title"), defaults=inspection_fields
    )
    for number, text, owner, due, status, progress in demo_recommendations():
        InspectionRecommendation.objects.get_or_create(
            inspection=inspection,
            number=number,
            defaults={
                "text": text,
                "owner_agency": demo.agencies.get(owner),
                "due_date": due,
                "status": status,
                "progress": progress,
            },
        )

    CdopYear.objects.get_or_create(
        board=board,
        financial_year=story_year(2025),
        defaults={
            "deaths_notified": 31,
            "expected_deaths": 19,
            "unexpected_deaths": 12,
            "reviews_completed": 27,
            "reviews_with_modifiable_factors": 8,
            "categories": {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 2, "7": 6, "8": 6, "9": 1, "10": 1},
            "commentary": "Safer sleeping remains the most common modifiable factor in sudden infant deaths.",
        },
    )
    LadoYear.objects.get_or_create(
        board=board,
        financial_year=story_year(2025),
        defaults={
            "consultations": 412,
            "referrals": 138,
            "referrals_by_sector": {
                "education": 58,
                "early_years": 14,
                "health": 11,
                "social_care": 17,
                "foster_care": 12,
                "police": 4,
                "faith": 3,
                "sport": 8,
                "transport": 5,
                "voluntary": 4,
                "other": 2,
            },
            "outcomes": {"substantiated": 31, "unsubstantiated": 42, "unfounded": 38, "false": 6, "malicious": 1},
            "timeliness": {"1m": 64, "3m": 38, "12m": 14, "over_12m": 2},
            "commentary": "Referrals from education rose after LADO briefings for designated safeguarding leads.",
        },
    )

    if demo.other_board is not None:
        # The other board keeps its own scorecard: nothing above is visible from it.
        Indicator.objects.get_or_create(
            board=demo.other_board,
            code="cp-repeat",
            defaults={
                "name": "Repeat child protection plans",
                "definition": "Share of new plans for children who had a plan in the previous two years.",
                "polarity": Polarity.LOWER_IS_BETTER,
                "unit": IndicatorUnit.PERCENT,
                "target": Decimal("20"),
            },
        )

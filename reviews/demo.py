"""Demo case reviews for load_demo: reviews in different states, with learning carried into practice.

Deterministic (the story's dates, moved to today's calendar by lscb.demo; no randomness) and idempotent (get_or_create on natural keys).
Every child is a pseudonym; every detail is invented.
"""

from lscb.demo import story_date
from reviews.choices import (
    ActionStatus,
    Decision,
    Framework,
    HarmType,
    Methodology,
    ProductKind,
    PublicationOutcome,
    ReviewStatus,
    ReviewType,
)
from reviews.models import CaseReview, LearningPoint, LearningProduct, Recommendation, ReviewAction, Theme

D = story_date
POLICE = "Tri-borough Police"
KINGSMERE = "Kingsmere Council Children's Services"
ICB = "Tri-borough Integrated Care Board"
HOSPITALS = "Kingsmere Hospitals NHS Trust"
SCHOOLS = "Tri-borough Schools Forum"
GPS = "Tri-borough GP Federation"

THEMES = [
    "Neglect",
    "Voice of the child",
    "Information sharing",
    "Exploitation",
    "Men in the household",
    "Bruising in non-mobile babies",
]


def demo_reviews():
    """The demo's case reviews, dated in today's calendar (lscb.demo.story_date)."""
    return [
        {
            "pseudonym": "Child A",
            "review_type": ReviewType.LCSPR,
            "framework": Framework.WT2023,
            "harm_type": HarmType.NEGLECT,
            "status": ReviewStatus.ACTIONS_MONITORED,
            "is_restricted": False,
            "independent_reviewer": "Independent reviewer (commissioned)",
            "methodology": Methodology.SYSTEMS,
            "summary": "<p>Child A, aged 4, experienced long-standing neglect that agencies saw in parts but not as a whole.</p>",
            "became_aware_on": D(2025, 3, 3),
            "notified_on": D(2025, 3, 7),
            "decision_on": D(2025, 3, 26),
            "decision": Decision.LOCAL_REVIEW,
            "signed_off_on": D(2025, 9, 12),
            "published_on": D(2025, 10, 20),
            "publication_outcome": PublicationOutcome.PUBLISHED,
            "agencies": [POLICE, KINGSMERE, ICB, GPS, SCHOOLS],
            "themes": ["Neglect", "Voice of the child", "Information sharing"],
            "learning": [
                (
                    "Neglect was seen episode by episode, never as a pattern",
                    "Each agency held part of the picture; nobody added it up.",
                    ["Neglect"],
                ),
                (
                    "Child A's own words were not recorded",
                    "Visits spoke to the parents; the child was seen but not heard.",
                    ["Voice of the child"],
                ),
                (
                    "GPs were not invited to strategy discussions",
                    "Health information arrived after decisions were made.",
                    ["Information sharing"],
                ),
            ],
            "recommendations": [
                (
                    "Use the graded care profile whenever neglect is suspected, across all agencies.",
                    [
                        (
                            KINGSMERE,
                            "Train social work teams in the graded care profile",
                            D(2026, 1, 31),
                            ActionStatus.COMPLETE,
                            "92% of social workers trained; audit shows use in 8 of 10 cases.",
                            D(2026, 1, 20),
                        ),
                        (
                            ICB,
                            "Add the graded care profile to health visiting templates",
                            D(2026, 3, 31),
                            ActionStatus.IN_PROGRESS,
                            "Template drafted.",
                            None,
                        ),
                    ],
                ),
                (
                    "Invite the child's GP to every strategy discussion.",
                    [
                        (
                            POLICE,
                            "Add the GP to the strategy discussion invitation list",
                            D(2025, 12, 31),
                            ActionStatus.COMPLETE,
                            "Invitation template changed; GP attendance up from 10% to 60%.",
                            D(2025, 12, 1),
                        ),
                        (
                            GPS,
                            "Name a safeguarding lead GP for each practice",
                            D(2026, 6, 30),
                            ActionStatus.NOT_STARTED,
                            "",
                            None,
                        ),
                    ],
                ),
            ],
            "products": [
                (
                    ProductKind.SEVEN_MINUTE_BRIEFING,
                    "7-minute briefing: seeing neglect as a pattern",
                    D(2025, 11, 3),
                    "Team meetings in all three boroughs used the briefing; supervisors now ask for a chronology in every neglect case.",
                    [0, 1],
                ),
                (
                    ProductKind.TRAINING,
                    "Multi-agency neglect course revised",
                    D(2026, 2, 10),
                    "The course now includes the graded care profile and a session on hearing the child.",
                    [0, 1],
                ),
                (
                    ProductKind.PROCEDURE,
                    "Strategy discussion procedure updated",
                    D(2025, 12, 1),
                    "GPs are invited to every strategy discussion.",
                    [2],
                ),
            ],
        },
        {
            "pseudonym": "Child B",
            "review_type": ReviewType.RAPID_REVIEW,
            "framework": Framework.WT2023,
            "harm_type": HarmType.SERIOUS_HARM,
            "status": ReviewStatus.RAPID_REVIEW,
            "is_restricted": True,
            "summary": "<p>Child B, a baby of 10 weeks, was admitted to hospital with unexplained bruising.</p>",
            "became_aware_on": D(2026, 11, 16),
            "notified_on": D(2026, 11, 20),
            "agencies": [POLICE, KINGSMERE, HOSPITALS],
            "themes": ["Bruising in non-mobile babies", "Men in the household"],
            "learning": [],
            "recommendations": [],
            "products": [],
        },
        {
            "pseudonym": "Sibling group C",
            "review_type": ReviewType.LCSPR,
            "framework": Framework.WT2023,
            "harm_type": HarmType.EXPLOITATION,
            "status": ReviewStatus.DRAFT,
            "is_restricted": True,
            "independent_reviewer": "Independent reviewer (commissioned)",
            "methodology": Methodology.APPRECIATIVE_INQUIRY,
            "summary": "<p>Two brothers, aged 14 and 15, were criminally exploited through county lines.</p>",
            "became_aware_on": D(2026, 5, 11),
            "notified_on": D(2026, 5, 15),
            "decision_on": D(2026, 6, 5),
            "decision": Decision.LOCAL_REVIEW,
            "agencies": [POLICE, KINGSMERE, SCHOOLS],
            "themes": ["Exploitation"],
            "learning": [
                (
                    "Missing episodes were not linked to exploitation",
                    "Return interviews were done but not shared with schools.",
                    ["Exploitation", "Information sharing"],
                ),
            ],
            "recommendations": [],
            "products": [],
        },
        {
            "pseudonym": "Child D",
            "review_type": ReviewType.SERIOUS_CASE_REVIEW,
            "framework": Framework.WT2015,
            "harm_type": HarmType.DEATH,
            "status": ReviewStatus.CLOSED,
            "is_restricted": False,
            "methodology": Methodology.SIGNIFICANT_INCIDENT,
            "summary": "<p>A serious case review under Working Together 2015.</p>",
            "became_aware_on": D(2017, 6, 5),
            "notified_on": D(2017, 6, 9),
            "decision_on": D(2017, 7, 3),
            "decision": Decision.LOCAL_REVIEW,
            "signed_off_on": D(2018, 2, 1),
            "published_on": D(2018, 3, 15),
            "publication_outcome": PublicationOutcome.PUBLISHED,
            "closed_on": D(2020, 3, 31),
            "agencies": [POLICE, KINGSMERE],
            "themes": ["Men in the household"],
            "learning": [
                (
                    "Men in the household were invisible to services",
                    "Assessments named the mother only.",
                    ["Men in the household"],
                ),
            ],
            "recommendations": [],
            "products": [],
        },
        {
            "pseudonym": "Family E",
            "review_type": ReviewType.LEARNING_REVIEW,
            "framework": Framework.WT2023,
            "harm_type": HarmType.EMOTIONAL_ABUSE,
            "status": ReviewStatus.IN_PROGRESS,
            "is_restricted": True,
            "methodology": Methodology.HYBRID,
            "became_aware_on": D(2026, 9, 14),
            "decision_on": D(2026, 9, 30),
            "decision": Decision.LOCAL_REVIEW,
            "agencies": [KINGSMERE, ICB],
            "themes": ["Voice of the child"],
            "learning": [],
            "recommendations": [],
            "products": [],
        },
    ]


def load(demo):
    board = demo.board
    themes = {name: Theme.objects.get_or_create(board=board, name=name)[0] for name in THEMES}
    for spec in demo_reviews():
        spec = dict(spec)
        agencies = [demo.agencies[name] for name in spec.pop("agencies")]
        review_themes = [themes[name] for name in spec.pop("themes")]
        learning = spec.pop("learning")
        recommendations = spec.pop("recommendations")
        products = spec.pop("products")
        review, _ = CaseReview.objects.get_or_create(board=board, pseudonym=spec.pop("pseudonym"), defaults=spec)
        review.agencies_involved.set(agencies)
        review.themes.set(review_themes)
        points = []
        for title, detail, point_themes in learning:
            point, _ = LearningPoint.objects.get_or_create(review=review, title=title, defaults={"detail": detail})
            point.themes.set([themes[name] for name in point_themes])
            points.append(point)
        for number, (text, actions) in enumerate(recommendations, start=1):
            recommendation, _ = Recommendation.objects.get_or_create(
                review=review, number=number, defaults={"text": text}
            )
            for agency, description, due, status, evidence, completed in actions:
                ReviewAction.objects.get_or_create(
                    recommendation=recommendation,
                    description=description,
                    defaults={
                        "agency": demo.agencies[agency],
                        "due_date": due,
                        "status": status,
                        "evidence": evidence,
                        "completed_on": completed,
                    },
                )
        for kind, title, issued, changed, point_indexes in products:
            product, _ = LearningProduct.objects.get_or_create(
                review=review, title=title, defaults={"kind": kind, "issued_on": issued, "what_changed": changed}
            )
            product.learning_points.set([points[i] for i in point_indexes])
    if demo.other_board is not None:
        # The other board's own review: it must never show on the tri-borough board.
        CaseReview.objects.get_or_create(
            board=demo.other_board,
            pseudonym="Child A",
            defaults={
                "review_type": ReviewType.SERIOUS_CASE_REVIEW,
                "framework": Framework.WT2015,
                "status": ReviewStatus.NOTIFIED,
                "became_aware_on": D(2026, 10, 5),
                "notified_on": D(2026, 10, 9),
            },
        )

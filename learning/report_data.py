"""The annual report's generated training, voice of children and escalation sections, and the
evaluation summaries the learning pages show.

GENERATED[key]["data"](board, financial_year) returns a JSON-serialisable dict that the key's
template renders without queries. Counts by agency, never a person: attendees, children and the
subjects of escalations are not named in the report.
"""

from collections import Counter, defaultdict

from django.db.models import Avg, Count, Q, Sum

from boards.models import financial_year_bounds, financial_year_label
from learning.choices import (
    AgeBand,
    AttendanceStatus,
    ChallengeStatus,
    ChangeStatus,
    Cohort,
    CourseLevel,
    EngagementMethod,
    EscalationOutcome,
    EscalationTheme,
    EvaluationStage,
    QuestionKind,
)
from learning.models import (
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    EvaluationAnswer,
    EvaluationRequest,
    KeyMessage,
    TrainerDays,
    TrainingReturn,
    TrainingSession,
)

AGE_BANDS = dict(AgeBand.choices)
COHORTS = dict(Cohort.choices)
TOP_MESSAGES = 5


def labels(lookup, values):
    return [lookup.get(value, value) for value in values or []]


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def evaluation_summary(sessions) -> list[dict]:
    """Each stage's links sent, answers and response rate, and the mean score of each scale
    question, over `sessions` (a queryset). 2 queries."""
    requests = EvaluationRequest.objects.filter(attendance__session__in=sessions)
    counts = {
        row["stage"]: row
        for row in requests.values("stage").annotate(
            sent=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False))
        )
    }
    means = defaultdict(list)
    answers = (
        EvaluationAnswer.objects.filter(request__in=requests, question__kind=QuestionKind.SCALE)
        .values("request__stage", "question__number", "question__text")
        .annotate(mean=Avg("score"), answers=Count("pk"))
        .order_by("request__stage", "question__number")
    )
    for row in answers:
        means[row["request__stage"]].append(
            {"question": row["question__text"], "mean": round(row["mean"], 1), "answers": row["answers"]}
        )
    summary = []
    for stage, label in EvaluationStage.choices:
        row = counts.get(stage, {"sent": 0, "answered": 0})
        summary.append(
            {
                "stage": stage,
                "label": label,
                "sent": row["sent"],
                "answered": row["answered"],
                "response_rate": _percent(row["answered"], row["sent"]),
                "questions": means.get(stage, []),
            }
        )
    return summary


def _attended_by_agency(board, first, last):
    rows = (
        Attendance.objects.filter(session__course__board=board, session__held_on__gte=first, session__held_on__lte=last)
        .values("agency__name", "status")
        .annotate(n=Count("pk"))
    )
    found = defaultdict(Counter)
    for row in rows:
        found[row["agency__name"]][row["status"]] += row["n"]
    return found


def training_section(board, financial_year: int) -> dict:
    """The training offer of the year, attendance by agency against last year, the no-show rate,
    evaluation at each stage, trainer days given, learning products in use and the single-agency
    training returns. 9 queries."""
    first, last = financial_year_bounds(financial_year)
    before_first, before_last = financial_year_bounds(financial_year - 1)
    sessions = TrainingSession.objects.filter(course__board=board).in_period(first, last)
    courses = (
        Course.objects.filter(board=board)
        .annotate(
            year_sessions=Count("sessions", filter=Q(sessions__held_on__gte=first, sessions__held_on__lte=last)),
            year_places=Sum("sessions__capacity", filter=Q(sessions__held_on__gte=first, sessions__held_on__lte=last)),
        )
        .filter(Q(year_sessions__gt=0) | Q(is_active=True))
        .order_by("level", "title")
    )
    offer = [
        {
            "title": c.title,
            "level": CourseLevel(c.level).label,
            "audience": c.audience,
            "sessions": c.year_sessions,
            "places": c.year_places or 0,
            "changed_because": c.changed_because,
        }
        for c in courses
    ]
    this_year = _attended_by_agency(board, first, last)
    last_year = _attended_by_agency(board, before_first, before_last)
    by_agency = [
        {
            "agency": name,
            "booked": sum(this_year[name].values()),
            "attended": this_year[name][AttendanceStatus.ATTENDED],
            "no_show": this_year[name][AttendanceStatus.NO_SHOW],
            "cancelled": this_year[name][AttendanceStatus.CANCELLED],
            "last_year_attended": last_year[name][AttendanceStatus.ATTENDED] if name in last_year else 0,
        }
        for name in sorted(set(this_year) | set(last_year))
    ]
    attended = sum(row["attended"] for row in by_agency)
    no_show = sum(row["no_show"] for row in by_agency)
    trainer_days = [
        {"agency": row["agency__name"], "days": float(row["days"])}
        for row in TrainerDays.objects.filter(session__in=sessions)
        .values("agency__name")
        .annotate(days=Sum("days"))
        .order_by("agency__name")
    ]
    products = defaultdict(lambda: {"agencies": set(), "staff": 0, "uses": 0, "actions": []})
    for use in (
        Dissemination.objects.filter(board=board, used_on__gte=first, used_on__lte=last)
        .select_related("product", "agency")
        .order_by("product__title", "used_on")
    ):
        entry = products[use.product.title]
        entry["kind"] = use.product.get_kind_display()
        entry["agencies"].add(use.agency.name)
        entry["staff"] += use.staff_reached
        entry["uses"] += 1
        entry["actions"].append(
            {"agency": use.agency.name, "team": use.team, "action": use.action_agreed, "evidence": use.evidence}
        )
    returns = [
        {
            "agency": r.agency.name,
            "staff_in_scope": r.staff_in_scope,
            "level_1": r.trained_level_1,
            "level_2": r.trained_level_2,
            "level_3": r.trained_level_3,
            "compliance": float(r.compliance_percent),
        }
        for r in TrainingReturn.objects.filter(board=board, financial_year=financial_year).select_related("agency")
    ]
    evaluation = evaluation_summary(sessions)
    return {
        "financial_year": financial_year_label(financial_year),
        "last_financial_year": financial_year_label(financial_year - 1),
        "offer": offer,
        "sessions": sessions.count(),
        "by_agency": by_agency,
        "attended": attended,
        "last_year_attended": sum(row["last_year_attended"] for row in by_agency),
        "no_show_rate": _percent(no_show, attended + no_show),
        "evaluation": evaluation,
        "follow_up_answers": next(s["answered"] for s in evaluation if s["stage"] == EvaluationStage.FOLLOW_UP),
        "trainer_days": trainer_days,
        "products_in_use": [
            {**entry, "title": title, "agencies": sorted(entry["agencies"])} for title, entry in products.items()
        ],
        "returns": returns,
        "mean_compliance": round(sum(r["compliance"] for r in returns) / len(returns), 1) if returns else None,
    }


def voice_section(board, financial_year: int) -> dict:
    """Engagement activities of the year (aggregates only), their reach by cohort, the top
    messages and the changes made ("you said, we did"). 3 queries."""
    first, last = financial_year_bounds(financial_year)
    activities = list(
        EngagementActivity.objects.filter(board=board, held_on__gte=first, held_on__lte=last)
        .prefetch_related("priorities")
        .order_by("held_on", "title")
    )
    reach_by_cohort = Counter()
    for activity in activities:
        for cohort in activity.cohorts or []:
            reach_by_cohort[cohort] += activity.participants
    messages = list(
        KeyMessage.objects.filter(activity__in=activities).select_related("activity", "priority").order_by("pk")
    )
    # "Top" messages: those that led to a change first, then the rest, as recorded.
    ranked = sorted(messages, key=lambda m: (m.status != ChangeStatus.DONE, m.status == ChangeStatus.NOT_TAKEN, m.pk))
    methods = dict(EngagementMethod.choices)
    return {
        "financial_year": financial_year_label(financial_year),
        "activities": [
            {
                "date": a.held_on.isoformat(),
                "title": a.title,
                "method": methods.get(a.method, a.method),
                "audience": a.audience,
                "participants": a.participants,
                "age_bands": labels(AGE_BANDS, a.age_bands),
                "cohorts": labels(COHORTS, a.cohorts),
                "priorities": [str(p) for p in a.priorities.all()],
                "fed_back_on": a.fed_back_on.isoformat() if a.fed_back_on else None,
                "fed_back_how": a.fed_back_how,
            }
            for a in activities
        ],
        "reach": sum(a.participants for a in activities),
        "reach_by_cohort": [
            {"cohort": COHORTS.get(key, key), "participants": n} for key, n in reach_by_cohort.most_common()
        ],
        "fed_back": sum(1 for a in activities if a.fed_back_on),
        "top_messages": [
            {"message": m.message, "activity": m.activity.title, "status": m.get_status_display()}
            for m in ranked[:TOP_MESSAGES]
        ],
        "changes": [
            {
                "you_said": m.message,
                "we_did": m.change,
                "owner": m.owner,
                "status": m.get_status_display(),
                "done_on": m.done_on.isoformat() if m.done_on else None,
                "priority": str(m.priority) if m.priority else None,
            }
            for m in messages
            if m.change
        ],
        "changes_done": sum(1 for m in messages if m.status == ChangeStatus.DONE),
    }


def escalation_section(board, financial_year: int) -> dict:
    """Escalations started in the year: counts by stage reached, agency and theme, the share
    resolved at stages 1–2, timescales met, and the board's challenges. 2 queries."""
    first, last = financial_year_bounds(financial_year)
    rows = list(
        Escalation.objects.filter(board=board, started_on__gte=first, started_on__lte=last).select_related(
            "raising_agency", "receiving_agency"
        )
    )
    resolved = [e for e in rows if e.resolved_on]
    early = [e for e in resolved if e.stage <= 2]
    met = [e for e in resolved if e.timescale_met]
    by_agency = defaultdict(lambda: {"raised": 0, "received": 0})
    for e in rows:
        by_agency[e.raising_agency.name]["raised"] += 1
        by_agency[e.receiving_agency.name]["received"] += 1
    themes = dict(EscalationTheme.choices)
    outcomes = dict(EscalationOutcome.choices)
    challenges = list(
        Challenge.objects.filter(board=board, raised_on__gte=first, raised_on__lte=last).select_related("agency")
    )
    return {
        "financial_year": financial_year_label(financial_year),
        "total": len(rows),
        "by_stage": [{"stage": n, "count": sum(1 for e in rows if e.stage == n)} for n in (1, 2, 3, 4)],
        "by_agency": [{"agency": name, **counts} for name, counts in sorted(by_agency.items())],
        "by_theme": [
            {"theme": themes.get(key, key), "count": n} for key, n in Counter(e.theme for e in rows).most_common()
        ],
        "by_outcome": [
            {"outcome": outcomes.get(key, key), "count": n}
            for key, n in Counter(e.outcome for e in resolved).most_common()
        ],
        "resolved": len(resolved),
        "open": len(rows) - len(resolved),
        "resolved_early_percent": _percent(len(early), len(resolved)),
        "timescale_met_percent": _percent(len(met), len(resolved)),
        "learning_themes": sorted({e.learning_theme for e in rows if e.learning_theme}),
        "challenges": [
            {
                "raised_on": c.raised_on.isoformat(),
                "raised_by": c.raised_by,
                "agency": c.agency.name,
                "challenge": c.challenge,
                "response": c.response,
                "status": c.get_status_display(),
            }
            for c in challenges
        ],
        "challenges_closed": sum(1 for c in challenges if c.status == ChallengeStatus.CLOSED),
    }


GENERATED = {
    "training": {
        "title": "Training and its impact",
        "source": (
            "The partnership's training records: courses and sessions of the year, attendance by agency "
            "(against last year), evaluations after each session and 6 to 8 weeks later with managers, "
            "trainer days given by agencies, learning products in use, and each agency's own training return."
        ),
        "data": training_section,
        "template": "learning/report/_training.html",
    },
    "voice_of_children": {
        "title": "The voice of children and families",
        "source": (
            "Engagement activities of the year (numbers only, no names), the key messages children and "
            "families gave, and what the partnership did about them."
        ),
        "data": voice_section,
        "template": "learning/report/_voice.html",
    },
    "escalations": {
        "title": "Professional challenge and escalation",
        "source": (
            "Inter-agency escalations agencies notified in the year (pseudonymous), with stages, "
            "timescales and outcomes, and the board's own challenges to agencies."
        ),
        "data": escalation_section,
        "template": "learning/report/_escalations.html",
    },
}

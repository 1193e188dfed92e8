"""The annual report's generated "Quality assurance" section (see notes/CONTRACTS.md).

GENERATED["quality_assurance"]["data"](board, financial_year) returns a JSON-serialisable dict
that assurance/report/_quality_assurance.html renders without queries: for each self-assessment
cycle of this board whose period overlaps the financial year, returns received of expected, the
share of returns meeting each standard (the moderated rating where there is one) and its change
on the previous cycle of the same standards, moderation outcomes, the agencies' actions open and
closed, the spread of ratings, and the key findings (the standards least often met). Only this
board's own copies of shared returns count. With the completed case-file audits of the
year's programme (themes, gradings, findings, re-audits) and the independent scrutineer's
findings of the year with the partners' responses, and the practitioner surveys of the
year (% agreeing, counts only). 9 queries.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from assurance.choices import MET_RATINGS, RATING_LABELS, ActionStatus, FindingKind, Grade, ReturnStatus
from assurance.models import Answer, Audit, Cycle, Grading, ScrutinyActivity, Survey
from boards.models import financial_year_bounds, financial_year_label

# The key findings name at most this many standards met least often.
KEY_FINDINGS = 3


def _rating(answer):
    return answer["agreed_rating"] or answer["rating"]


def _met_by_standard(answers):
    """{cycle id: {standard code: (met, rated)}} over received returns; N/A and unrated left out."""
    found = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for a in answers:
        rating = _rating(a)
        if a["not_applicable"] or not rating:
            continue
        cell = found[a["return_record__cycle_id"]][a["standard__code"]]
        cell[1] += 1
        cell[0] += rating in MET_RATINGS
    return found


def _percent(met, rated):
    return round(100 * met / rated) if rated else None


def quality_assurance_section(board, financial_year: int) -> dict:
    first, last = financial_year_bounds(financial_year)
    received = Q(returns__status__in=ReturnStatus.received())
    cycles = list(
        Cycle.objects.filter(board=board, period_start__lte=last, period_end__gte=first)
        .select_related("library")
        .annotate(
            expected=Count("returns", distinct=True),
            received=Count("returns", filter=received, distinct=True),
            moderated=Count(
                "returns",
                filter=Q(returns__status__in=[ReturnStatus.MODERATED, ReturnStatus.CLOSED]),
                distinct=True,
            ),
            actions_open=Count(
                "returns__action_items", filter=Q(returns__action_items__status=ActionStatus.OPEN), distinct=True
            ),
            actions_done=Count(
                "returns__action_items", filter=Q(returns__action_items__status=ActionStatus.DONE), distinct=True
            ),
        )
        .order_by("period_start", "id")
    )
    # The previous cycle of the same kind of standards, for each cycle: "change on last cycle".
    previous = {}
    earlier = list(
        Cycle.objects.filter(board=board, library__kind__in={c.library.kind for c in cycles})
        .exclude(pk__in=[c.pk for c in cycles])
        .filter(period_end__lt=first)
        .values("pk", "library__kind", "period_end")
        .order_by("period_end")
    )
    for c in cycles:
        before = [e for e in earlier if e["library__kind"] == c.library.kind]
        if before:
            previous[c.pk] = before[-1]["pk"]
    answers = list(
        Answer.objects.filter(
            return_record__cycle_id__in=[c.pk for c in cycles] + list(previous.values()),
            return_record__status__in=ReturnStatus.received(),
        ).values(
            "return_record__cycle_id",
            "return_record_id",
            "standard__code",
            "standard__number",
            "standard__title",
            "rating",
            "agreed_rating",
            "not_applicable",
        )
    )
    met = _met_by_standard(answers)
    rows = []
    for cycle in cycles:
        own = [a for a in answers if a["return_record__cycle_id"] == cycle.pk]
        standards = {}
        for a in own:
            standards.setdefault(a["standard__code"], (a["standard__number"], a["standard__title"]))
        before = met.get(previous.get(cycle.pk), {})
        per_standard = []
        for code, (number, title) in sorted(standards.items(), key=lambda item: item[1][0]):
            m, rated = met[cycle.pk].get(code, (0, 0))
            pm, prated = before.get(code, (0, 0))
            percent, earlier_percent = _percent(m, rated), _percent(pm, prated)
            per_standard.append(
                {
                    "code": code,
                    "number": number,
                    "title": title,
                    "met": m,
                    "rated": rated,
                    "percent_met": percent,
                    "change": percent - earlier_percent
                    if percent is not None and earlier_percent is not None
                    else None,
                }
            )
        changed = sum(1 for a in own if a["agreed_rating"] and a["rating"] and a["agreed_rating"] != a["rating"])
        spread = Counter(_rating(a) for a in own if _rating(a) and not a["not_applicable"])
        ratings = [value for value, _ in cycle.ratings()]
        least = sorted((s for s in per_standard if s["percent_met"] is not None), key=lambda s: s["percent_met"])
        rows.append(
            {
                "title": cycle.title,
                "standards": str(cycle.library),
                "round": cycle.get_round_type_display(),
                "period": f"{cycle.period_start:%-d %B %Y} to {cycle.period_end:%-d %B %Y}",
                "expected": cycle.expected,
                "received": cycle.received,
                "moderated": cycle.moderated,
                "ratings_changed_at_moderation": changed,
                "actions_open": cycle.actions_open,
                "actions_done": cycle.actions_done,
                "per_standard": per_standard,
                "has_previous": cycle.pk in previous,
                "distribution": [{"label": RATING_LABELS[r], "count": spread.get(r, 0)} for r in ratings],
                "not_applicable": sum(1 for a in own if a["not_applicable"]),
                "key_findings": [
                    f"{s['number']}. {s['title']}: met by {s['met']} of {s['rated']} agencies"
                    for s in least[:KEY_FINDINGS]
                    if s["percent_met"] < 100
                ],
            }
        )
    return {
        "financial_year": financial_year_label(financial_year),
        "cycles": rows,
        **_audits(board, financial_year),
        "surveys": [
            {"title": survey.title, "rows": survey_rows(survey, list(survey.results.all()))}
            for survey in Survey.objects.filter(board=board, year=financial_year).prefetch_related("results__agency")
        ],
        "scrutiny": [
            {
                "title": a.title,
                "method": a.get_method_display(),
                "findings": a.findings,
                "recommendation": a.recommendation,
                "response": a.partners_response,
            }
            for a in ScrutinyActivity.objects.filter(board=board, plan_year=financial_year).order_by("held_on", "id")
            if a.findings
        ],
        "returns_expected": sum(r["expected"] for r in rows),
        "returns_received": sum(r["received"] for r in rows),
        "returns_moderated": sum(r["moderated"] for r in rows),
        "actions_open": sum(r["actions_open"] for r in rows),
        "actions_done": sum(r["actions_done"] for r in rows),
    }


def _audits(board, financial_year):
    """Case-file audits of the year's programme that were completed: themes, the spread of
    gradings, the findings (strengths and areas for development) and each re-audit's before and
    after. 2 queries."""
    audits = list(
        Audit.objects.filter(board=board, programme_year=financial_year)
        .completed()
        .select_related("reaudit_of")
        .prefetch_related("findings")
        .order_by("completed_on", "id")
    )
    ids = [a.pk for a in audits] + [a.reaudit_of_id for a in audits if a.reaudit_of_id]
    spread = defaultdict(Counter)
    for audit_id, grade in Grading.objects.filter(case__audit_id__in=ids).values_list("case__audit_id", "grade"):
        spread[audit_id][grade] += 1
    rows = []
    for audit in audits:
        rows.append(
            {
                "title": audit.title,
                "theme": audit.theme,
                "completed_on": audit.completed_on.isoformat() if audit.completed_on else None,
                "gradings": [{"label": g.label, "count": spread[audit.pk].get(g.value, 0)} for g in Grade],
                "reaudit_of": audit.reaudit_of.title if audit.reaudit_of else None,
                "before_after": [
                    {
                        "label": g.label,
                        "before": spread[audit.reaudit_of_id].get(g.value, 0),
                        "after": spread[audit.pk].get(g.value, 0),
                    }
                    for g in Grade
                ]
                if audit.reaudit_of_id
                else None,
                "strengths": [f.text for f in audit.findings.all() if f.kind == FindingKind.STRENGTH],
                "developments": [f.text for f in audit.findings.all() if f.kind == FindingKind.DEVELOPMENT],
            }
        )
    total = Counter()
    for audit in audits:
        total.update(spread[audit.pk])
    return {
        "audits": rows,
        "audit_themes": sorted({a.theme for a in audits}),
        "audit_gradings": [{"label": g.label, "count": total.get(g.value, 0)} for g in Grade],
    }


def survey_rows(survey, results):
    """Per statement: answered, agreed and % agreeing overall and by agency (counts only)."""
    rows = []
    for n, question in enumerate(survey.question_list, start=1):
        mine = [r for r in results if r.question == n]
        responses, agreeing = sum(r.responses for r in mine), sum(r.agreeing for r in mine)
        rows.append(
            {
                "number": n,
                "question": question,
                "responses": responses,
                "agreeing": agreeing,
                "percent_agree": _percent(agreeing, responses),
                "agencies": [
                    {
                        "agency": r.agency.name,
                        "responses": r.responses,
                        "percent_agree": _percent(r.agreeing, r.responses),
                    }
                    for r in mine
                ],
            }
        )
    return rows


GENERATED = {
    "quality_assurance": {
        "title": "Quality assurance: multi-agency audits and Section 11",
        "source": (
            "The board's self-assessment cycles whose period overlaps the financial year: returns received of "
            "those expected, the share of agencies meeting each standard (as agreed at moderation) and its "
            "change on the previous cycle, moderation outcomes, the spread of ratings, the agencies' actions "
            "open and done, and the standards least often met."
        ),
        "data": quality_assurance_section,
        "template": "assurance/report/_quality_assurance.html",
    }
}

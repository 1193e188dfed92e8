"""Generated sections of the annual report from the plan and performance records (CONTRACTS.md).

Each function takes (board, financial_year) and returns a JSON-serialisable dict built with a
fixed, small number of queries, from that board's records only. The templates in
boards/templates/boards/report/ render just that dict, on the web page and in the PDF.
Everything here is deterministic: the same records give the same dict (and the same SVG).
"""

from django.db.models import Q
from django.utils import timezone

from boards.charts import indicator_chart
from boards.choices import RAG, Polarity, RecommendationStatus
from boards.models import (
    Action,
    BusinessPlan,
    CdopYear,
    Indicator,
    IndicatorValue,
    Inspection,
    InspectionRecommendation,
    LadoYear,
    Priority,
    ProgressUpdate,
    financial_year_bounds,
    financial_year_label,
)
from lscb.formats import number

CHART_PERIODS = 8


def _date(value):
    return value.isoformat() if value else None


def _as_at(financial_year):
    """Overdue is judged at the end of the year, or today for the year still running."""
    return min(timezone.localdate(), financial_year_bounds(financial_year)[1])


def priorities_progress(board, financial_year: int) -> dict:
    """Priorities of the plans covering the year, their actions, progress updates made in the
    year with evidence of impact, and the actions flagged as making little or no progress."""
    start, end = financial_year_bounds(financial_year)
    as_at = _as_at(financial_year)
    plans = list(
        BusinessPlan.objects.filter(board=board, start_date__lte=end, end_date__gte=start).order_by("start_date")
    )
    # Every priority of every plan covering the year, with or without actions, grouped by plan.
    all_priorities = list(Priority.objects.filter(plan__in=plans).order_by("plan__start_date", "plan_id", "number"))
    actions = list(
        Action.objects.filter(priority__plan__in=plans)
        .select_related("priority", "owner_agency", "owner_person")
        .order_by("priority__plan__start_date", "priority__number", "due_date", "id")
    )
    updates = {}
    for update in ProgressUpdate.objects.filter(action__in=actions, date__range=(start, end)).order_by("date", "id"):
        updates.setdefault(update.action_id, []).append(
            {
                "date": _date(update.date),
                "author": update.author_name,
                "text": update.text,
                "evidence_of_impact": update.evidence_of_impact,
            }
        )
    plan_titles = {plan.pk: plan.title for plan in plans}
    priorities = {
        p.pk: {
            "number": p.number,
            "title": p.title,
            "description": p.description,
            "plan": plan_titles[p.plan_id],
            "hwb_strategy_priority": p.hwb_strategy_priority,
            "rag_counts": dict.fromkeys(RAG.values, 0),
            "actions": [],
        }
        for p in all_priorities
    }
    totals, flagged = dict.fromkeys(RAG.values, 0), []
    for action in actions:
        p = action.priority
        entry = priorities[p.pk]
        overdue = action.rag != RAG.COMPLETE and action.due_date < as_at
        entry["rag_counts"][action.rag] += 1
        totals[action.rag] += 1
        entry["actions"].append(
            {
                "title": action.title,
                "owner": action.owner_agency.name if action.owner_agency else None,
                "person": action.owner_person.full_name if action.owner_person else None,
                "due_date": _date(action.due_date),
                "rag": action.rag,
                "rag_label": action.get_rag_display(),
                "overdue": overdue,
                "little_or_no_progress": action.little_or_no_progress,
                "cause": action.little_or_no_progress_cause,
                "updates": updates.get(action.pk, []),
            }
        )
        if action.little_or_no_progress:
            flagged.append(
                {
                    "priority_number": p.number,
                    "priority": p.title,
                    "title": action.title,
                    "owner": action.owner_agency.name if action.owner_agency else None,
                    "rag_label": action.get_rag_display(),
                    "due_date": _date(action.due_date),
                    "overdue": overdue,
                    "cause": action.little_or_no_progress_cause,
                }
            )
    return {
        "financial_year": financial_year_label(financial_year),
        "as_at": _date(as_at),
        "plans": [
            {
                "title": plan.title,
                "start_date": _date(plan.start_date),
                "end_date": _date(plan.end_date),
                "priorities": [
                    entry for p, entry in zip(all_priorities, priorities.values(), strict=True) if p.plan_id == plan.pk
                ],
            }
            for plan in plans
        ],
        "priorities": list(priorities.values()),
        "totals": {
            "actions": len(actions),
            **totals,
            "overdue": sum(1 for p in priorities.values() for a in p["actions"] if a["overdue"]),
        },
        "rag_labels": dict(RAG.choices),
        "little_or_no_progress": flagged,
    }


def _on_target(indicator, value):
    if indicator.target is None or value is None:
        return None
    if indicator.polarity == Polarity.HIGHER_IS_BETTER:
        return value >= indicator.target
    return value <= indicator.target


def scorecard(board, financial_year: int) -> dict:
    """Each indicator with its last eight periods up to the year's end, the latest value in the
    year against target and benchmarks, and its chart as SVG markup."""
    start, end = financial_year_bounds(financial_year)
    indicators = list(Indicator.objects.filter(board=board).select_related("owner_agency").order_by("name"))
    values = {}
    for value in IndicatorValue.objects.filter(indicator__in=indicators, period_end__lte=end).order_by("period_end"):
        values.setdefault(value.indicator_id, []).append(value)
    rows = []
    for position, indicator in enumerate(indicators, start=1):
        recent = values.get(indicator.pk, [])[-CHART_PERIODS:]
        for value in recent:
            value.indicator = indicator
        in_year = [v for v in recent if v.period_end >= start]
        latest = in_year[-1] if in_year else None
        suffix = "%" if indicator.is_percentage else ""
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "definition": indicator.definition,
                "owner": indicator.owner_agency.name if indicator.owner_agency else None,
                "polarity": indicator.get_polarity_display(),
                "frequency": indicator.get_frequency_display(),
                "unit": indicator.get_unit_display(),
                "suffix": suffix,
                "target": number(indicator.target) if indicator.target is not None else None,
                "statistical_neighbours": number(indicator.statistical_neighbour_benchmark)
                if indicator.statistical_neighbour_benchmark is not None
                else None,
                "england": number(indicator.england_benchmark) if indicator.england_benchmark is not None else None,
                "latest": {
                    "period": latest.period_label,
                    "value": number(latest.value),
                    "on_target": _on_target(indicator, latest.value),
                    "commentary": latest.commentary,
                }
                if latest
                else None,
                "values": [{"period": v.period_label, "value": number(v.value)} for v in recent],
                # Every period's commentary in the year, oldest first (not only the latest quarter's).
                "commentary": [{"period": v.period_label, "text": v.commentary} for v in in_year if v.commentary],
                # Ids built from the position, not the database id: the same data draws the same chart.
                "chart_svg": str(indicator_chart(indicator, recent, chart_id=f"scorecard-{financial_year}-{position}")),
            }
        )
    return {"financial_year": financial_year_label(financial_year), "indicators": rows}


def inspections(board, financial_year: int) -> dict:
    """Inspections that took place or were published in the year, and every recommendation of
    theirs (for the report's separate recommendations box) plus older ones still open."""
    start, end = financial_year_bounds(financial_year)
    in_year = list(
        Inspection.objects.filter(board=board)
        .filter(Q(start_date__lte=end, end_date__gte=start) | Q(published_on__range=(start, end)))
        .order_by("start_date", "id")
    )
    ids = [i.pk for i in in_year]
    recommendations = list(
        InspectionRecommendation.objects.filter(inspection__board=board)
        # This year's, and earlier inspections' recommendations not yet complete.
        .filter(
            Q(inspection_id__in=ids) | Q(status__in=RecommendationStatus.outstanding(), inspection__start_date__lte=end)
        )
        .select_related("inspection", "owner_agency")
        .order_by("inspection__start_date", "number")
    )
    as_at = _as_at(financial_year)
    return {
        "financial_year": financial_year_label(financial_year),
        "inspections": [
            {
                "title": i.title,
                "inspectorate": i.get_inspectorate_display(),
                "start_date": _date(i.start_date),
                "end_date": _date(i.end_date),
                "published_on": _date(i.published_on),
                "judgement": i.get_judgement_display(),
                "summary": i.summary,
            }
            for i in in_year
        ],
        "recommendations": [
            {
                "inspection": r.inspection.title,
                "inspectorate": r.inspection.get_inspectorate_display(),
                "number": r.number,
                "text": r.text,
                "owner": r.owner_agency.name if r.owner_agency else None,
                "due_date": _date(r.due_date),
                "status": r.get_status_display(),
                "overdue": bool(r.due_date and r.due_date < as_at and r.status in RecommendationStatus.outstanding()),
                "progress": r.progress,
                "from_earlier_year": r.inspection_id not in ids,
            }
            for r in recommendations
        ],
    }


def cdop(board, financial_year: int) -> dict:
    row = CdopYear.objects.filter(board=board, financial_year=financial_year).first()
    data = {"financial_year": financial_year_label(financial_year), "recorded": row is not None}
    if row is None:
        return data
    data.update(
        deaths_notified=row.deaths_notified,
        expected_deaths=row.expected_deaths,
        unexpected_deaths=row.unexpected_deaths,
        reviews_completed=row.reviews_completed,
        reviews_with_modifiable_factors=row.reviews_with_modifiable_factors,
        modifiable_percent=number(100 * row.reviews_with_modifiable_factors / row.reviews_completed)
        if row.reviews_completed and row.reviews_with_modifiable_factors is not None
        else None,
        categories=[{"label": label, "count": count} for label, count in row.category_rows()],
        commentary=row.commentary,
    )
    return data


def lado(board, financial_year: int) -> dict:
    row = LadoYear.objects.filter(board=board, financial_year=financial_year).first()
    data = {"financial_year": financial_year_label(financial_year), "recorded": row is not None}
    if row is None:
        return data
    concluded = row.concluded
    timeliness = row.timeliness_rows()
    within_month = timeliness[0][1]
    data.update(
        consultations=row.consultations,
        referrals=row.referrals,
        concluded=concluded,
        within_one_month_percent=number(100 * within_month / concluded) if concluded else None,
        sectors=[{"label": label, "count": count} for label, count in row.sector_rows()],
        outcomes=[{"label": label, "count": count} for label, count in row.outcome_rows()],
        timeliness=[{"label": label, "count": count} for label, count in timeliness],
        commentary=row.commentary,
    )
    return data


GENERATED = {
    "priorities_progress": {
        "title": "Priorities: progress and impact",
        "source": "The business plan: priorities, actions with their RAG, progress updates made in the year "
        "with evidence of impact, and actions flagged as making little or no progress.",
        "data": priorities_progress,
        "template": "boards/report/_priorities_progress.html",
    },
    "scorecard": {
        "title": "Performance scorecard",
        "source": "The performance scorecard: each indicator's last eight values up to the end of the year, "
        "with its target and benchmarks.",
        "data": scorecard,
        "template": "boards/report/_scorecard.html",
    },
    "inspections": {
        "title": "Inspection findings and recommendations",
        "source": "Inspections held or published in the year, their recommendations, and earlier "
        "recommendations still open.",
        "data": inspections,
        "template": "boards/report/_inspections.html",
    },
    "cdop": {
        "title": "Child deaths",
        "source": "The yearly CDOP figures the business manager entered for this financial year.",
        "data": cdop,
        "template": "boards/report/_cdop.html",
    },
    "lado": {
        "title": "Allegations against adults working with children (LADO)",
        "source": "The yearly LADO figures the business manager entered for this financial year.",
        "data": lado,
        "template": "boards/report/_lado.html",
    },
}

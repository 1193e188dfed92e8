"""The annual report's generated "Sub-groups" section (see notes/CONTRACTS.md).

GENERATED["subgroups"]["data"](board, financial_year) returns a JSON-serialisable dict that
subgroups/report/_subgroups.html renders without queries. Only this board's sub-groups that
were active during that financial year; only highlight updates submitted for that year.
"""

from django.db.models import Count, Prefetch, Q

from boards.choices import RAG
from boards.models import financial_year_bounds, financial_year_label
from lscb.sanitise import clean_html
from subgroups.models import HighlightUpdate, SubGroup

RAG_KEYS = [RAG.RED.value, RAG.AMBER.value, RAG.GREEN.value, RAG.COMPLETE.value]


def subgroups_section(board, financial_year: int) -> dict:
    """Each sub-group's purpose, chair, highlight updates of the year and work-plan RAG counts. 2 queries."""
    first, last = financial_year_bounds(financial_year)
    due_in_year = Q(work_plan_items__due_date__gte=first, work_plan_items__due_date__lte=last)
    counts = {
        f"rag_{rag}": Count("work_plan_items", filter=due_in_year & Q(work_plan_items__rag=rag)) for rag in RAG_KEYS
    }
    highlights = HighlightUpdate.objects.submitted().filter(financial_year=financial_year).order_by("quarter")
    subgroups = (
        SubGroup.objects.filter(board=board)
        .active_between(first, last)
        .select_related("chair_person", "chair_agency", "area")
        .annotate(**counts)
        .prefetch_related(Prefetch("highlight_updates", queryset=highlights, to_attr="year_highlights"))
        .order_by("name")
    )
    rows = []
    totals = dict.fromkeys(RAG_KEYS, 0)
    for sg in subgroups:
        work_plan = {rag: getattr(sg, f"rag_{rag}") for rag in RAG_KEYS}
        for rag, n in work_plan.items():
            totals[rag] += n
        rows.append(
            {
                "name": sg.name,
                "kind": sg.get_kind_display(),
                "area": sg.area.name if sg.area else None,
                "purpose": sg.purpose,
                "chair": sg.chair_person.full_name if sg.chair_person else None,
                "chair_agency": sg.chair_agency.name if sg.chair_agency else None,
                "start_date": sg.start_date.isoformat(),
                "end_date": sg.end_date.isoformat() if sg.end_date else None,
                "work_plan": {**work_plan, "total": sum(work_plan.values())},
                "highlights": [
                    {
                        "quarter": h.quarter,
                        "label": h.get_quarter_display(),
                        # Sanitised when typed; cleaned again because this HTML goes into the PDF.
                        "progress": clean_html(h.progress),
                        "impact": clean_html(h.impact),
                        "risks": clean_html(h.risks),
                    }
                    for h in sg.year_highlights
                ],
            }
        )
    return {
        "financial_year": financial_year_label(financial_year),
        "subgroups": rows,
        "totals": {**totals, "total": sum(totals.values())},
        "rag_labels": {rag: RAG(rag).label for rag in RAG_KEYS},
    }


GENERATED = {
    "subgroups": {
        "title": "Sub-groups",
        "source": (
            "The board's sub-group records: each group active during the year with its purpose and chair, "
            "the quarterly highlight updates its chair submitted for that year, and the RAG status of "
            "work-plan items due in the year."
        ),
        "data": subgroups_section,
        "template": "subgroups/report/_subgroups.html",
    }
}

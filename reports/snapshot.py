"""The frozen snapshot of a report (schema 1, CONTRACTS.md and reports/rendering/demo.py).

Everything a revision prints is in it: each section's text and each generated section's HTML as
it was at approval, so a later change to the board's records never changes an approved report.
The executive summary for the Health and Wellbeing Board is built from the same data.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from lscb.formats import money
from lscb.sanitise import clean_html
from reports.choices import SectionKind
from reports.generated import GeneratedData, section_html

SCHEMA = 1
# A narrative section with this key holds the recommendations to the Health and Wellbeing Board;
# without one, the summary uses the priorities for next year.
HWB_RECOMMENDATIONS_KEYS = ("hwb_recommendations", "next_year")


def ordered_sections(report):
    return list(report.sections.select_related("agency").order_by("position", "id"))


def _section_dict(section, number, html) -> dict:
    return {
        "key": section.key,
        "number": number,
        "title": section.title,
        "kind": section.kind,
        "agency": section.agency.name if section.agency_id else None,
        "boxed": section.boxed,
        "html": html,
    }


def build_sections(report, generated: GeneratedData, sections=None) -> list[dict]:
    sections = ordered_sections(report) if sections is None else sections
    return [
        _section_dict(section, str(number), str(section_html(generated, section)))
        for number, section in enumerate(sections, start=1)
    ]


def _report_fields(report) -> dict:
    """What every snapshot says about the report it comes from: its title, board and year."""
    board = report.board
    return {
        "schema": SCHEMA,
        "title": report.title or f"Annual report {report.financial_year_label}",
        "board": {
            "name": board.name,
            "areas": [area.name for area in board.areas.all()],
            "arrangement": board.get_arrangement_display(),
        },
        "financial_year": report.financial_year_label,
        "framework": {"code": report.framework.code, "name": report.framework.name},
    }


def build_snapshot(report, *, number, approved_at=None, approved_by=None, generated=None) -> dict:
    """The schema-1 snapshot of the report as it is now."""
    generated = generated or GeneratedData(report)
    sections = ordered_sections(report)
    return {
        **_report_fields(report),
        "revision_number": number,
        "approved_at": approved_at.isoformat() if approved_at else None,
        "approved_by": approved_by,
        "sections": build_sections(report, generated, sections),
        "executive_summary": {"html": build_executive_summary(report, generated, sections)},
    }


def build_section_snapshot(version) -> dict:
    """A snapshot of one saved version of one section, for its draft PDF (an agency author
    checking how their section prints): the report's board and year, the section's title and
    this version's text. It is never approved, so the PDF carries the DRAFT marks; a generated
    section prints its introduction only (its data is read when a revision is made).

    The extra key `section_version` says which version it is; the rest is the schema-1 shape."""
    section = version.section
    report = section.report
    fields = _report_fields(report)
    saved_at = timezone.localtime(version.saved_at)
    return {
        **fields,
        "title": f"{fields['title']}: {section.title}",
        "revision_number": None,
        "approved_at": None,
        "approved_by": None,
        # Sanitised on save already; cleaned again because the PDF template prints it as is.
        "sections": [_section_dict(section, "", clean_html(version.html))],
        "executive_summary": {"html": ""},
        "section_version": {
            "number": version.number,
            "saved_on": f"{saved_at.day} {saved_at:%B %Y}",
            "saved_by": version.saved_by_name,
        },
    }


def _priorities(data) -> list[dict]:
    """Priorities with one paragraph each, from the priorities data (boards.report_data_plan)."""
    rows = []
    several_plans = len((data or {}).get("plans") or []) > 1
    for priority in (data or {}).get("priorities", []):
        title = priority.get("title") or ""
        if not title:
            continue
        if several_plans and priority.get("plan"):
            title = f"{title} ({priority['plan']})"
        parts = [priority.get("summary") or priority.get("description") or ""]
        parts.append(_action_counts(priority) or ("No actions recorded." if "actions" in priority else ""))
        evidence = next(
            (
                update["evidence_of_impact"]
                for action in priority.get("actions") or []
                for update in reversed(action.get("updates") or [])
                if update.get("evidence_of_impact")
            ),
            "",
        )
        if evidence:
            parts.append(f"Evidence of impact: {evidence}")
        if priority.get("hwb_strategy_priority"):
            parts.append(
                f"It supports the Health and Wellbeing strategy priority “{priority['hwb_strategy_priority']}”."
            )
        rows.append({"title": title, "paragraph": " ".join(part.strip() for part in parts if part and part.strip())})
    return rows


def _action_counts(priority) -> str:
    counts = priority.get("rag_counts") or {}
    total = sum(counts.values())
    if not total:
        return ""
    words = [f"{counts[rag]} {label}" for rag, label in RAG_WORDS if counts.get(rag)]
    return f"Of {total} action{'s' if total != 1 else ''}: {', '.join(words)}."


RAG_WORDS = (("complete", "complete"), ("green", "on track"), ("amber", "at some risk"), ("red", "off track"))

# Figures the data apps' dicts carry (CONTRACTS.md data dicts), shown in the summary when
# present: (section key, path in the data, label, "len" to count a list).
KNOWN_FIGURES = (
    ("membership_attendance", "meetings_held", "Board meetings held", None),
    ("membership_attendance", "agencies_below_threshold", "Agencies below the attendance threshold", "len"),
    ("priorities_progress", "totals.actions", "Business plan actions", None),
    ("priorities_progress", "totals.complete", "Actions complete", None),
    ("priorities_progress", "little_or_no_progress", "Actions with little or no progress", "len"),
    ("case_reviews_learning", "total_reviews", "Case reviews open during the year", None),
    ("case_reviews_learning", "recommendations", "Recommendations from case reviews", None),
    ("budget", "total_income", "Total income", "money"),
    ("budget", "total_spend", "Total spend", "money"),
)


def _lookup(data, path):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def key_figures(generated: GeneratedData, sections) -> list[dict]:
    """A few figures for the HWB: the known figures and any `key_figures` the data apps offer,
    and what the report itself holds."""
    keys = {s.key for s in sections}
    figures = []
    for key, path, label, transform in KNOWN_FIGURES:
        value = _lookup(generated.data(key) if key in keys else None, path)
        if value is None:
            continue
        shown = len(value) if transform == "len" else money(value) if transform == "money" else value
        figures.append({"label": label, "value": str(shown)})
    for key in ("membership_attendance", "priorities_progress", "scorecard", "case_reviews_learning", "budget"):
        data = generated.data(key) if key in keys else None
        for figure in (data or {}).get("key_figures", []):
            if figure.get("label") and figure.get("value") is not None:
                figures.append({"label": str(figure["label"]), "value": str(figure["value"])})
    agencies = sum(1 for section in sections if section.kind == SectionKind.AGENCY)
    figures.append({"label": "Partner agencies that contributed a section", "value": str(agencies)})
    return figures


def build_executive_summary(report, generated: GeneratedData, sections) -> str:
    """The HWB highlight report: priorities with a paragraph each, key figures, recommendations."""
    by_key = {section.key: section for section in sections}
    priorities_data = generated.data("priorities_progress") if "priorities_progress" in by_key else None
    recommendations = next((by_key[key] for key in HWB_RECOMMENDATIONS_KEYS if key in by_key), None)
    return render_to_string(
        "reports/_executive_summary.html",
        {
            "report": report,
            "priorities": _priorities(priorities_data),
            "figures": key_figures(generated, sections),
            "recommendations": recommendations,
        },
    ).strip()

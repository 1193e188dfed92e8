"""Demo snapshots of realistic annual reports of a chosen size, for the benchmark and tests.

Deterministic (a seeded generator), plain data in the agreed snapshot shape (schema 1).
"""

import random
from html import escape

AGENCIES = [
    "Metropolitan Police Service",
    "Children's Social Care",
    "North West London Integrated Care Board",
    "Central and North West London NHS Foundation Trust",
    "Imperial College Healthcare NHS Trust",
    "Primary care (GP practices)",
    "National Probation Service",
    "Education and schools",
    "Youth Justice Service",
    "Voluntary and community sector forum",
    "London Ambulance Service",
    "Early Help",
]
WORDS = [
    "children",
    "families",
    "practitioners",
    "partnership",
    "safeguarding",
    "assessment",
    "referral",
    "neglect",
    "early",
    "help",
    "exploitation",
    "multi-agency",
    "audit",
    "learning",
    "training",
    "impact",
    "evidence",
    "threshold",
    "supervision",
    "voice",
    "feedback",
    "schools",
    "health",
    "police",
    "social",
    "care",
    "outcome",
    "review",
    "improvement",
    "timeliness",
    "quality",
    "escalation",
    "domestic",
    "abuse",
    "mental",
    "health",
    "contextual",
    "transitions",
]
INDICATORS = [
    "Referrals to children's social care",
    "Re-referrals within 12 months",
    "Assessments completed within 45 working days",
    "Child protection plans per 10,000",
    "Second or subsequent child protection plans",
    "Initial health assessments within 20 days",
    "Missing episodes with return interviews",
    "Strategy discussions within 1 working day",
    "Early help assessments started",
    "Children looked after per 10,000",
]
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def _sentence(rng, words=18):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng, count):
    return "".join(
        f"<p>{' '.join(_sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(3, 6)))}</p>"
        for _ in range(count)
    )


def _table_scorecard(rng, rows):
    body = []
    for index in range(rows):
        name = INDICATORS[index % len(INDICATORS)] + (
            f" ({index // len(INDICATORS) + 1})" if index >= len(INDICATORS) else ""
        )
        last, this = rng.randint(20, 95), rng.randint(20, 95)
        rag = "green" if this >= 75 else "amber" if this >= 50 else "red"
        body.append(
            f'<tr><th scope="row">{escape(name)}</th><td class="num">{last}%</td><td class="num">{this}%</td>'
            f'<td class="num">80%</td><td class="rag-{rag}">{rag.title()}</td><td>{_sentence(rng, 10)}</td></tr>'
        )
    return (
        "<table><caption>Performance scorecard, 2025/26 against 2024/25</caption><thead><tr>"
        '<th scope="col">Indicator</th><th scope="col" class="num">2024/25</th><th scope="col" class="num">2025/26</th>'
        '<th scope="col" class="num">Target</th><th scope="col">RAG</th><th scope="col">Commentary</th>'
        "</tr></thead><tbody>" + "".join(body) + "</tbody></table>"
    )


def _table_attendance(rng, rows):
    body = []
    for index in range(rows):
        agency = AGENCIES[index % len(AGENCIES)]
        attended = rng.randint(2, 6)
        body.append(
            f'<tr><th scope="row">{escape(agency)}</th><td>{escape(rng.choice(["Director", "Head of Safeguarding", "Designated Nurse", "Detective Superintendent"]))}</td>'
            f'<td class="num">{attended}</td><td class="num">6</td><td class="num">{round(attended / 6 * 100)}%</td></tr>'
        )
    return (
        "<table><caption>Board membership and attendance, 2025/26</caption><thead><tr>"
        '<th scope="col">Agency</th><th scope="col">Role</th><th scope="col" class="num">Attended</th>'
        '<th scope="col" class="num">Meetings</th><th scope="col" class="num">Rate</th></tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table>"
    )


def _table_budget(rng):
    rows = []
    total = 0
    for agency in AGENCIES[:8]:
        cash = rng.randint(10, 90) * 1000
        total += cash
        rows.append(
            f'<tr><th scope="row">{escape(agency)}</th><td class="num">£{cash:,}</td><td class="num">£{rng.randint(0, 20) * 1000:,}</td></tr>'
        )
    rows.append(f'<tr><th scope="row">Total</th><td class="num">£{total:,}</td><td class="num">—</td></tr>')
    return (
        '<table><caption>Contributions by agency</caption><thead><tr><th scope="col">Agency</th>'
        '<th scope="col" class="num">Cash</th><th scope="col" class="num">In kind</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _table_recommendations(rng):
    status = ["Completed", "On track", "On track", "Delayed"]
    rows = "".join(
        f'<tr><th scope="row">{number}</th><td>{_sentence(rng, 14)}</td><td>{escape(AGENCIES[number % 5])}</td>'
        f"<td>{rng.choice(status)}</td></tr>"
        for number in range(1, 6)
    )
    return (
        "<table><caption>Inspection recommendations and progress</caption><thead><tr>"
        '<th scope="col" style="width: 8%">No.</th><th scope="col">Recommendation</th>'
        '<th scope="col">Lead agency</th><th scope="col">Progress</th></tr></thead><tbody>' + rows + "</tbody></table>"
    )


def _chart(rng, title):
    values = [rng.randint(10, 100) for _ in MONTHS]
    width, height, left, bottom = 480, 190, 34, 24
    bar = (width - left - 10) / len(values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="t">',
        f"<title>{escape(title)}: monthly figures from April to March, ranging from {min(values)} to {max(values)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 6}" y2="{height - bottom}" stroke="#505a5f" stroke-width="1"/>',
    ]
    for tick in (0, 50, 100):
        y = height - bottom - tick * 1.5
        parts.append(f'<text x="{left - 4}" y="{y + 3}" font-size="9" text-anchor="end" fill="#505a5f">{tick}</text>')
    for index, (month, value) in enumerate(zip(MONTHS, values, strict=True)):
        x = left + index * bar + 3
        h = value * 1.5
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar - 6:.1f}" height="{h:.1f}" fill="#1d70b8"/>'
        )
        parts.append(
            f'<text x="{x + (bar - 6) / 2:.1f}" y="{height - 8}" font-size="9" text-anchor="middle">{month}</text>'
        )
    parts.append("</svg>")
    return f'<figure class="chart">{"".join(parts)}<figcaption>{escape(title)}, 2025/26</figcaption></figure>'


def demo_snapshot(scale=1, *, approved=True, seed=2026):
    """A report of roughly 12 × `scale` pages: scale 1 ≈ 12, 3.3 ≈ 40, 10 ≈ 120, 33 ≈ 400."""
    rng = random.Random(seed)
    sections = []

    def add(title, kind, html, agency=None, boxed=False):
        number = str(len(sections) + 1)
        sections.append(
            {
                "key": f"s{number}",
                "number": number,
                "title": title,
                "kind": kind,
                "agency": agency,
                "boxed": boxed,
                "html": html,
            }
        )

    paragraphs = max(1, round(2 * scale))
    add("Foreword from the independent chair", "narrative", _paragraphs(rng, paragraphs + 1))
    add(
        "What the safeguarding partnership is",
        "narrative",
        "<p>The partnership is the statutory arrangement through which the local authority, the integrated care board "
        "and the police work together with relevant agencies to safeguard and promote the welfare of children.</p>"
        + _paragraphs(rng, 2),
        boxed=True,
    )
    add(
        "Governance, membership and attendance",
        "generated",
        _paragraphs(rng, paragraphs) + _table_attendance(rng, round(12 * scale)),
    )
    add(
        "Inspection findings and recommendations",
        "generated",
        "<p>The joint targeted area inspection (JTAI) of the multi-agency response to children at risk of "
        "exploitation reported in November 2025. Its recommendations and the partnership's response:</p>"
        + _table_recommendations(rng),
        boxed=True,
    )
    add(
        "Learning from case reviews",
        "generated",
        "".join(
            f"<h3>Review of Child {chr(65 + i % 26)}</h3>" + _paragraphs(rng, 2)
            for i in range(max(1, round(2 * scale)))
        ),
    )
    add(
        "Performance scorecard",
        "generated",
        _paragraphs(rng, 1)
        + _table_scorecard(rng, round(14 * scale))
        + "".join(_chart(rng, INDICATORS[i % len(INDICATORS)]) for i in range(max(1, round(2 * scale)))),
    )
    agencies = max(2, round(4 * scale))
    for index in range(agencies):
        agency = AGENCIES[index % len(AGENCIES)]
        add(
            f"Contribution from {agency}" + (f" ({index // len(AGENCIES) + 1})" if index >= len(AGENCIES) else ""),
            "agency",
            "<h3>What we did</h3>"
            + _paragraphs(rng, 2)
            + "<h3>Impact</h3><ul>"
            + "".join(f"<li>{_sentence(rng, 12)}</li>" for _ in range(4))
            + "</ul>",
            agency=agency,
        )
    add("Budget: contributions and spend", "generated", _table_budget(rng) + _chart(rng, "Spend by month"))
    add(
        "Priorities for next year",
        "narrative",
        "<ol>" + "".join(f"<li>{_sentence(rng, 16)}</li>" for _ in range(6)) + "</ol>",
    )
    return {
        "schema": 1,
        "title": "Annual report 2025/26",
        "board": {
            "name": "Tri-borough Safeguarding Children Partnership",
            "areas": ["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"],
            "arrangement": "Safeguarding partnership",
        },
        "financial_year": "2025/26",
        "framework": {"code": "wt2023", "name": "Working Together to Safeguard Children 2023"},
        "revision_number": 3,
        "approved_at": "2026-07-14T10:30:00+01:00" if approved else None,
        "approved_by": "Jane Smith, Independent Scrutineer" if approved else None,
        "sections": sections,
        "executive_summary": {
            "html": "<p>This summary for the Health and Wellbeing Board sets out what the partnership did in 2025/26.</p>"
            + _paragraphs(rng, 4)
        },
    }

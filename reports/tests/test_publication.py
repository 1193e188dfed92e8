"""The printed report holds everything the board entered and reads like a publication (issue 16).

A realistic year is entered once for the module (two plans covering the year, a priority without
actions, CDOP figures the panel did not report, a board and an agency renamed after the report was
made, a long inspection with many recommendations, a budget in the hundreds of thousands), made
into a snapshot and rendered to PDF. The tests read the PDF back: its text (pypdf), its layout
(WeasyPrint's page boxes) and its pages as pictures (pdftoppm), compared with reference images
under fixtures/publication/ that were looked at when they were made.

To remake the reference images after a deliberate change of layout, run this module with
LSCB_UPDATE_REFERENCE_PAGES=1, then open the PNGs and look at every one before committing them.
"""

import datetime
import os
import re
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.db import transaction

from boards.choices import RAG, ChairAppointmentRoute, IndicatorUnit, Polarity, RecommendationStatus, SpendCategory
from boards.tests.factories import (
    ActionFactory,
    AgencyFactory,
    AreaFactory,
    BoardFactory,
    BudgetFactory,
    BusinessPlanFactory,
    CdopYearFactory,
    ChairAppointmentFactory,
    ContributionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InspectionFactory,
    InspectionRecommendationFactory,
    PersonFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    SpendFactory,
)
from reports.choices import SectionKind
from reports.rendering.pdf import build_html, chapters, html_document, render_pdf, render_summary_pdf
from reports.signals import default_title
from reports.snapshot import build_snapshot
from reports.tests.factories import AgencySectionFactory, AnnualReportFactory, ReportSectionFactory
from reports.tests.pdfcheck import normalise, page_texts

REFERENCE = Path(__file__).parent / "fixtures" / "publication"
OLD_BOARD, NEW_BOARD = "Riverside Safeguarding Children Partnership", "Three Rivers Safeguarding Children Partnership"
OLD_AGENCY, NEW_AGENCY = "Westbridge Clinical Commissioning Group", "Three Rivers Integrated Care Board"
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
INTRODUCTION = "This introduction from the business manager explains the tables that follow."
LONG_SUMMARY = [
    "Children's experiences and progress are good. Leaders know their services well and act on what they find.",
    "Help for children at risk of exploitation outside the home is improving but is not yet consistent across "
    "the three boroughs; return home interviews are offered late in one area.",
    "Partners share information well at the front door, and the multi-agency safeguarding hub makes timely "
    "decisions for most children.",
]
RECOMMENDATIONS = [
    "Improve the consistency and timeliness of return home interviews for children who go missing from home or care",
    "Strengthen management oversight of children's plans in the assessment teams, so that drift is seen early",
    "Make sure care leavers know their entitlements, including to health histories, before they turn eighteen",
    "Develop the partnership's understanding of the quality of practice through multi-agency audits of neglect",
    "Ensure that disabled children's voices are heard in child protection conferences and core groups",
    "Improve the sufficiency of local placements so that fewer children live far from their families and schools",
]


def _enter_the_year():
    """The board's records for 2025/26, a report made before the renames, and its snapshot."""
    board = BoardFactory(name=OLD_BOARD, slug="three-rivers")
    for name in ("Ashford Vale", "Kingsmere", "Westbridge"):
        AreaFactory(board=board, name=name)
    police = AgencyFactory(board=board, name="Three Rivers Police")
    ccg = AgencyFactory(board=board, name=OLD_AGENCY)
    council = AgencyFactory(board=board, name="Kingsmere Council Children's Services")
    report = AnnualReportFactory(board=board, title=default_title(OLD_BOARD, 2025))

    ChairAppointmentFactory(
        board=board,
        person=PersonFactory(full_name="Dr Morgan Hale"),
        start_date=datetime.date(2024, 9, 1),
        how_appointed=ChairAppointmentRoute.OTHER,
        notes="Appointed jointly by the three lead safeguarding partners after an open competition.",
    )
    # Two plans cover the year; the second has a priority with no actions yet.
    old_plan = BusinessPlanFactory(
        board=board,
        title="Business plan 2023–2025",
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2025, 9, 30),
    )
    new_plan = BusinessPlanFactory(
        board=board,
        title="Business plan 2025–2028",
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2028, 3, 31),
    )
    early_help = PriorityFactory(
        plan=old_plan,
        number=1,
        title="Early help at the right time",
        description="Families get help before problems grow.\n\nThe three boroughs offer one early help service.",
    )
    neglect = PriorityFactory(
        plan=new_plan, number=1, title="Neglect recognised earlier", description="Practitioners use one tool."
    )
    PriorityFactory(
        plan=new_plan,
        number=2,
        title="Children's voices in every plan",
        description="Children tell us what matters to them.\n\nTheir words are recorded in their plans.",
    )
    action = ActionFactory(
        priority=early_help, title="Publish a single early help offer", owner_agency=council, rag=RAG.COMPLETE
    )
    ProgressUpdateFactory(action=action, date=datetime.date(2025, 9, 15), text="Offer published in all three areas.")
    ActionFactory(priority=neglect, title="Roll out the graded care profile", owner_agency=ccg, rag=RAG.GREEN)

    indicator = IndicatorFactory(
        board=board,
        name="Repeat child protection plans",
        unit=IndicatorUnit.PERCENT,
        polarity=Polarity.LOWER_IS_BETTER,
        target=Decimal("12"),
        statistical_neighbour_benchmark=Decimal("10.5"),
        england_benchmark=None,
        definition="Plans starting within two years of a previous plan, as a share of all new plans.",
    )
    for end, value, commentary in [
        (datetime.date(2025, 6, 30), "14.2", "Higher than we want.\n\nAn audit is planned."),
        (datetime.date(2025, 9, 30), "13.4", "The audit found plans closed too early."),
        (datetime.date(2025, 12, 31), "12.6", ""),
        (datetime.date(2026, 3, 31), "11.8", "Below target for the first time."),
    ]:
        IndicatorValueFactory(indicator=indicator, period_end=end, value=Decimal(value), commentary=commentary)

    inspection = InspectionFactory(
        board=board,
        title="Inspection of local authority children's services",
        start_date=datetime.date(2025, 10, 6),
        end_date=datetime.date(2025, 10, 17),
        published_on=datetime.date(2025, 11, 28),
        summary="\n\n".join(LONG_SUMMARY),
    )
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        InspectionRecommendationFactory(
            inspection=inspection,
            number=number,
            text=text,
            owner_agency=council if number % 2 else police,
            due_date=datetime.date(2026, 3, 31),
            status=RecommendationStatus.IN_PROGRESS,
        )
    # The panel did not report how many reviews it completed, nor how many found modifiable factors.
    CdopYearFactory(board=board, reviews_completed=None, reviews_with_modifiable_factors=None, categories={})
    budget = BudgetFactory(board=board, notes="The police contribution rose by £2,000 this year.")
    for agency, cash in ((council, "277550"), (police, "52000")):
        ContributionFactory(budget=budget, agency=agency, cash=Decimal(cash))
    SpendFactory(budget=budget, category=SpendCategory.BUSINESS_UNIT, amount=Decimal("182000"))
    SpendFactory(budget=budget, category=SpendCategory.TRAINING, amount=Decimal("22500.50"))

    sections = [
        ("foreword", "Foreword", SectionKind.NARRATIVE, "<p>A year of steady progress.</p>", False),
        ("membership_attendance", "Governance", SectionKind.GENERATED, "", False),
        ("priorities_progress", "Our priorities", SectionKind.GENERATED, f"<p>{INTRODUCTION}</p>", False),
        ("scorecard", "Performance scorecard", SectionKind.GENERATED, "", False),
        ("inspections", "Inspection findings and recommendations", SectionKind.GENERATED, "", True),
        ("case_reviews_learning", "Learning from case reviews", SectionKind.GENERATED, "", False),
        ("cdop", "Child deaths", SectionKind.GENERATED, "", False),
        ("budget", "Budget", SectionKind.GENERATED, "", False),
    ]
    for position, (key, title, kind, html, boxed) in enumerate(sections, start=1):
        ReportSectionFactory(report=report, key=key, title=title, kind=kind, html=html, boxed=boxed, position=position)
    AgencySectionFactory(report=report, agency=ccg, position=20, html="<p>Our year in health.</p>")

    # Renamed after the report was made: the title and the agency's section follow the new names.
    board.name = NEW_BOARD
    board.save()
    ccg.name = NEW_AGENCY
    ccg.save()
    report.refresh_from_db()
    return build_snapshot(report, number=1)


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    """{"snapshot", "pdf", "texts", "summary"} of the year, entered and rendered once for the module."""
    clock = time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False)
    with django_db_blocker.unblock(), clock, transaction.atomic():
        snapshot = _enter_the_year()
        transaction.set_rollback(True)
    pdf = render_pdf(snapshot, parallel=False)
    if os.environ.get("LSCB_KEEP_PUBLICATION_PDF"):
        Path(os.environ["LSCB_KEEP_PUBLICATION_PDF"]).write_bytes(pdf)
    return {"snapshot": snapshot, "pdf": pdf, "texts": page_texts(pdf), "summary": render_summary_pdf(snapshot)}


def _all_text(year):
    return normalise(" ".join(year["texts"]))


def test_no_date_prints_in_iso_form_and_money_has_thousands_separators(year):
    text = _all_text(year)
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert "6 October 2025 to 17 October 2025" in text and "28 November 2025" in text
    assert "partners contributed £329,550" in text
    assert "£182,000" in text and "£22,500.50" in text
    assert "329550" not in text and "52000.00" not in text


def test_every_priority_of_both_plans_prints_with_its_text_grouped_by_plan(year):
    text = _all_text(year)
    old_plan, new_plan = text.index("Business plan 2023–2025"), text.index("Business plan 2025–2028")
    early, neglect, voices = (
        text.index("Early help at the right time"),
        text.index("Neglect recognised earlier"),
        text.index("Children's voices in every plan"),
    )
    assert old_plan < early < new_plan < neglect < voices
    assert "Families get help before problems grow." in text
    assert "Their words are recorded in their plans." in text
    assert "No actions recorded under this priority." in text


def test_the_introduction_prints_before_the_generated_tables(year):
    text = _all_text(year)
    assert text.index(INTRODUCTION) < text.index("Actions under priority 1")


def test_figures_the_board_does_not_know_print_as_not_known(year):
    text = _all_text(year)
    assert "The number of reviews it completed is not known." in text
    assert "It completed 0 reviews" not in text
    assert re.search(r"Reviews completed\s*not known", text)


def test_what_the_board_typed_is_printed(year):
    text = _all_text(year)
    assert "Appointed jointly by the three lead safeguarding partners" in text
    assert "(other)" not in text
    assert "The police contribution rose by £2,000 this year." in text
    # Every quarter's commentary of an indicator, not only the last.
    assert "An audit is planned." in text and "The audit found plans closed too early." in text
    assert "Below target for the first time." in text
    # Generated, not typed: no statutory review started this year; no "0 of 0" sentences.
    assert "No serious case review or local child safeguarding practice review was started in 2025/26." in text
    assert "0 of 0" not in text
    assert "No board or executive meeting was held in 2025/26" in text and "0 meetings" not in text
    assert "made no recommendations yet" in text and "0 recommendations" not in text


def test_paragraph_breaks_in_what_the_board_typed_are_kept(year):
    html = next(s["html"] for s in year["snapshot"]["sections"] if s["key"] == "inspections")
    for paragraph in LONG_SUMMARY:
        assert f"<p>{paragraph.replace(chr(39), '&#x27;')}</p>" in html


def test_title_and_agency_section_follow_the_renames(year):
    snapshot = year["snapshot"]
    assert snapshot["title"] == f"{NEW_BOARD} annual report 2025/26"
    assert NEW_AGENCY in [s["title"] for s in snapshot["sections"]]
    text = _all_text(year)
    assert OLD_BOARD not in text and OLD_AGENCY not in text
    assert f"{NEW_BOARD} annual report 2025/26" in year["texts"][-1]  # the footer


def test_health_and_wellbeing_summary_prints_money_and_every_priority(year):
    text = normalise(" ".join(page_texts(year["summary"])))
    assert "£329,550" in text and "£204,500.50" in text
    for title in ("Early help at the right time", "Neglect recognised earlier", "Children's voices in every plan"):
        assert title in text
    assert "No actions recorded." in text


HEADINGS = {"h1", "h2", "h3", "h4"}
BLOCKS = HEADINGS | {"p", "li", "tr", "figure", "svg", "caption", "dd", "dt", "blockquote"}


def _page_blocks(document):
    """For each page: [(tag, classes, text)] of the blocks in the page's flow, in order (margin
    boxes, i.e. running headers and footers, left out)."""
    from weasyprint.formatting_structure import boxes  # noqa: PLC0415

    out = []
    for page in document.pages:
        found = []
        for child in page._page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for box in child.descendants():
                if isinstance(box, boxes.BlockLevelBox | boxes.TableRowBox) and box.element_tag in BLOCKS:
                    element = box.element
                    found.append((box.element_tag, element.get("class") or "", "".join(element.itertext())))
        out.append(found)
    return out


def headings_parted_from_their_content(document) -> list[str]:
    """Headings (and blocks marked lscb-keep-with-next) that end a page while what they introduce
    goes on at the top of the next. A chapter with nothing written yet may end with its title."""
    pages = _page_blocks(document)
    parted = []
    for number, (blocks, following) in enumerate(zip(pages, [*pages[1:], []], strict=True), start=1):
        if not blocks:
            continue
        tag, classes, text = blocks[-1]
        continues = bool(following) and "chapter-title" not in following[0][1] and following[0][0] != "h1"
        if continues and (tag in HEADINGS or "lscb-keep-with-next" in classes):
            parted.append(f"page {number} ends with {text!r}")
    return parted


def test_no_heading_or_indicator_definition_is_the_last_block_of_a_page(year):
    html = build_html(year["snapshot"], sections=chapters(year["snapshot"]))
    document = html_document(html).render()
    pages = _page_blocks(document)
    assert len(pages) == len(year["texts"]) and all(pages[2:])  # the check sees every page's blocks
    assert headings_parted_from_their_content(document) == []


@pytest.mark.parametrize(("rule", "parted"), [("auto", True), ("avoid", False)])
def test_the_check_finds_a_heading_parted_from_its_table(rule, parted):
    # 17 lines fill an A7 page up to the heading, so the heading ends it unless break-after: avoid.
    html = (
        '<html lang="en-GB"><body><style>@page { size: A7; margin: 5mm } p { margin: 0 } '
        f"h3 {{ margin: 0; break-after: {rule} }}</style>{'<p>Line.</p>' * 17}"
        "<h3>Parted heading</h3><table><tr><td>Row</td></tr></table></body></html>"
    )
    found = headings_parted_from_their_content(html_document(html).render())
    assert found == (["page 1 ends with 'Parted heading'"] if parted else [])


# Pages compared with reference pictures: the cover, the priorities, the scorecard and the
# inspection box. Small differences (font hinting on another machine) are tolerated; a moved
# table, a lost chart or a broken column is not.
REFERENCE_PAGES = {"cover": None, "priorities": "Our priorities", "scorecard": "Performance scorecard"}
REFERENCE_PAGES["inspection"] = "Inspection findings and recommendations"
TOLERANCE = 0.035  # mean absolute difference per pixel, 0–1


def _page_of(texts, title):
    if title is None:
        return 1
    return next(i for i, text in enumerate(texts, start=1) if i > 2 and normalise(text).count(title) >= 1)


def _picture(pdf: bytes, page: int):
    from PIL import Image  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(  # noqa: S603
            [
                "pdftoppm",
                "-r",
                "40",
                "-gray",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                source,
                Path(folder) / "p",
            ],  # noqa: S607
            check=True,
        )
        return Image.open(Path(folder) / "p.png").convert("L").copy()


def _difference(a, b) -> float:
    if a.size != b.size:
        return 1.0
    pixels = zip(a.tobytes(), b.tobytes(), strict=True)
    return sum(abs(x - y) for x, y in pixels) / (255 * a.size[0] * a.size[1])


@pytest.mark.parametrize("name", list(REFERENCE_PAGES))
def test_pages_look_like_the_reference_pictures(year, name):
    page = _page_of(year["texts"], REFERENCE_PAGES[name])
    picture = _picture(year["pdf"], page)
    reference = REFERENCE / f"{name}.png"
    if os.environ.get("LSCB_UPDATE_REFERENCE_PAGES"):
        REFERENCE.mkdir(parents=True, exist_ok=True)
        picture.save(reference)
    from PIL import Image  # noqa: PLC0415

    difference = _difference(picture, Image.open(reference).convert("L"))
    assert difference <= TOLERANCE, f"page {page} ({name}) differs from {reference.name} by {difference:.3f}"

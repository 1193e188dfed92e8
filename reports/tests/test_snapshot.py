"""The schema-1 snapshot: the shape the renderer reads (reports/rendering/demo.py, CONTRACTS.md)."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import datetime

import pytest

from boards.tests.factories import AreaFactory
from reports.choices import SectionKind
from reports.rendering.demo import demo_snapshot
from reports.snapshot import build_snapshot
from reports.tests.factories import ReportSectionFactory, report_with_sections
from reports.tests.support_approval import fake_sources  # noqa: F401

pytestmark = pytest.mark.django_db


def _shape(value):
    """Keys (recursively) of a snapshot, so two snapshots can be compared by shape."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def test_the_snapshot_has_exactly_the_demo_shape(world, fake_sources):
    AreaFactory(board=world.board, name="Westminster")
    report = report_with_sections(world.board, keys=("foreword",), agencies=[world.agency])
    approved = datetime.datetime(2026, 7, 14, 9, 30, tzinfo=datetime.UTC)
    snapshot = build_snapshot(report, number=3, approved_at=approved, approved_by="Jane Smith")
    assert _shape(snapshot) == _shape(demo_snapshot(1))
    assert snapshot["schema"] == 1
    assert snapshot["financial_year"] == "2025/26"
    assert snapshot["board"] == {
        "name": world.board.name,
        "areas": ["Westminster"],
        "arrangement": "Safeguarding partnership (Working Together 2023)",
    }
    assert snapshot["framework"]["code"] == "wt2023"
    assert snapshot["approved_at"] == "2026-07-14T09:30:00+00:00" and snapshot["approved_by"] == "Jane Smith"


def test_sections_are_numbered_in_order_with_their_agency(world, fake_sources):
    report = report_with_sections(world.board, keys=("foreword",), agencies=[world.agency])
    ReportSectionFactory(report=report, key="inspections", kind=SectionKind.GENERATED, boxed=True, position=0)
    sections = build_snapshot(report, number=1)["sections"]
    assert [(s["number"], s["key"]) for s in sections] == [
        ("1", "inspections"),
        ("2", "foreword"),
        ("3", f"agency-{world.agency.pk}"),
    ]
    assert sections[0]["boxed"] is True and sections[0]["kind"] == "generated"
    assert sections[2]["agency"] == "Home Police" and sections[1]["agency"] is None
    assert sections[2]["html"] == "<p>What we did.</p>"

"""The quality-assurance demo data: loaded through load_demo, idempotent, and each board sees its own."""

import pytest
from django.core.management import call_command

from assurance.models import ActionItem, Answer, Cycle, Moderation, Return
from assurance.report_data import quality_assurance_section
from boards.models import Board

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Cycle, Return, Answer, Moderation, ActionItem)]


def test_demo_adds_cycles_returns_moderation_and_a_shared_copy_once():
    call_command("load_demo", stdout=None)
    first = counts()
    assert all(first), first
    call_command("load_demo", stdout=None)
    assert counts() == first
    board = Board.objects.exclude(slug="northfield").get()
    this = Cycle.objects.get(board=board, title="Section 11 audit 2025/26")
    assert sorted(this.returns.values_list("status", flat=True)) == [
        "drafting",
        "moderated",
        "not_started",
        "submitted",
    ]
    copy = Return.objects.get(cycle__board__slug="northfield", agency__name="Tri-borough Police")
    assert copy.status == "submitted" and copy.shared_from.cycle.board == board
    data = quality_assurance_section(board, this.period_start.year)
    assert (data["returns_received"], data["returns_expected"]) == (2, 4)
    assert data["scrutiny"][0]["title"] == "Deep dive: the front door (MASH)"
    assert [a["title"] for a in data["audits"]] == ["Neglect: children on child protection plans", "Neglect re-audit"]

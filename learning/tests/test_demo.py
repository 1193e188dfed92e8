"""The learning demo data: loaded through load_demo, deterministic and idempotent, and it fills
the 2025/26 report's generated sections."""

import pytest
from django.core.management import call_command

from boards.models import Board
from learning import report_data
from learning.models import (
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    EvaluationAnswer,
    KeyMessage,
    TrainingReturn,
    TrainingSession,
)
from lscb.demo import story_year

pytestmark = pytest.mark.django_db
MODELS = (
    Course,
    TrainingSession,
    Attendance,
    EvaluationAnswer,
    Dissemination,
    TrainingReturn,
    EngagementActivity,
    KeyMessage,
    Escalation,
    Challenge,
)


def counts():
    return [m.objects.count() for m in MODELS]


def test_demo_adds_the_learning_records_once_and_they_fill_the_reports_sections():
    call_command("load_demo", stdout=None)
    first = counts()
    assert all(first), first
    call_command("load_demo", stdout=None)
    assert counts() == first
    board = Board.objects.get(slug="tri-borough")
    year = story_year(2025)
    training = report_data.training_section(board, year)
    assert training["attended"] > training["last_year_attended"] > 0
    assert all(stage["answered"] for stage in training["evaluation"])
    assert len(training["products_in_use"][0]["agencies"]) >= 2
    voice = report_data.voice_section(board, year)
    assert voice["changes_done"] >= 2 and voice["reach"] > 50
    escalations = report_data.escalation_section(board, year)
    assert escalations["total"] == 4 and escalations["resolved_early_percent"] == 75

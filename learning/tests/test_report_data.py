"""The generated training, voice and escalation sections, and the compliance rules on them."""

# ruff: noqa: F811  (the frameworks fixture is a parameter here)

import datetime
import decimal

import pytest
import time_machine

from learning import report_data, services
from learning.choices import AttendanceStatus, EvaluationStage
from learning.models import EvaluationAnswer
from learning.tests.factories import (
    AttendanceFactory,
    ChallengeFactory,
    CourseFactory,
    DisseminationFactory,
    EngagementActivityFactory,
    EscalationFactory,
    KeyMessageFactory,
    TrainerDaysFactory,
    TrainingReturnFactory,
    TrainingSessionFactory,
)
from reports.generated import registry
from reports.tests.support_approval import frameworks  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

YEAR = 2025  # 1 April 2025 to 31 March 2026


def _answered(place, stage, scores):
    """`place` answers `stage`'s questions with `scores`, on a day its link is open."""
    days = 1 if stage == EvaluationStage.AFTER_SESSION else 43
    day = place.session.held_on + datetime.timedelta(days=days)
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False):
        request, _token = services.issue_evaluation_request(place, stage)
        questions = services.questionnaire_for(place.session.course.board, stage).questions.all()
        answers = {q: (scores.pop(0), "") if q.kind == "scale" else (None, "") for q in questions}
        services.answer_evaluation(request, answers)


def _training_year(world, sessions=2, places=3):
    course = CourseFactory(board=world.board, title="Neglect", level=2, changed_because="After Child A")
    for n in range(sessions):
        session = TrainingSessionFactory(course=course, held_on=datetime.date(2025, 5 + n, 10))
        TrainerDaysFactory(session=session, agency=world.agency, days=decimal.Decimal("0.5"))
        for _ in range(places):
            AttendanceFactory(session=session, agency=world.agency)
        AttendanceFactory(session=session, agency=world.other_agency, status=AttendanceStatus.NO_SHOW)
    last_year = TrainingSessionFactory(course=course, held_on=datetime.date(2025, 1, 20))
    AttendanceFactory(session=last_year, agency=world.agency)
    return course


def test_the_training_section_counts_by_agency_against_last_year_with_evaluation_at_each_stage(world):
    course = _training_year(world)
    first = course.sessions.order_by("held_on").filter(held_on__year=2025, held_on__month=5).get()
    places = list(first.attendances.filter(status=AttendanceStatus.ATTENDED))
    _answered(places[0], EvaluationStage.AFTER_SESSION, [5, 4, 4])
    _answered(places[1], EvaluationStage.AFTER_SESSION, [3, 4, 4])
    _answered(places[0], EvaluationStage.FOLLOW_UP, [4, 3, 2])
    DisseminationFactory(board=world.board, agency=world.agency, used_on=datetime.date(2025, 9, 1))
    DisseminationFactory(board=world.board, agency=world.other_agency, used_on=datetime.date(2025, 9, 8))
    TrainingReturnFactory(board=world.board, agency=world.agency, financial_year=YEAR)

    data = report_data.training_section(world.board, YEAR)

    assert data["sessions"] == 2 and data["attended"] == 6 and data["last_year_attended"] == 1
    police = next(row for row in data["by_agency"] if row["agency"] == "Home Police")
    assert police == {
        "agency": "Home Police",
        "booked": 6,
        "attended": 6,
        "no_show": 0,
        "cancelled": 0,
        "last_year_attended": 1,
    }
    assert data["no_show_rate"] == 25  # 2 of 8 who were expected
    after, follow_up = data["evaluation"]
    assert (after["sent"], after["answered"], after["response_rate"]) == (2, 2, 100)
    assert after["questions"][0] == {"question": "The session met its learning outcomes.", "mean": 4.0, "answers": 2}
    assert follow_up["answered"] == 1 and data["follow_up_answers"] == 1
    assert data["trainer_days"] == [{"agency": "Home Police", "days": 1.0}]
    assert data["offer"][0]["changed_because"] == "After Child A"
    assert len(data["products_in_use"]) == 2
    assert data["returns"][0]["compliance"] == 92.5 and data["mean_compliance"] == 92.5
    assert EvaluationAnswer.objects.count() == 12


def test_the_training_section_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    _training_year(world, sessions=6, places=5)
    for n in range(5):
        DisseminationFactory(board=world.board, agency=world.agency, used_on=datetime.date(2025, 9, n + 1))
    with django_assert_max_num_queries(9):
        report_data.training_section(world.board, YEAR)


def test_the_voice_section_counts_reach_and_lists_what_we_did_without_names(world, django_assert_max_num_queries):
    forum = EngagementActivityFactory(board=world.board, participants=14, cohorts=["in_care"], fed_back_on=None)
    survey = EngagementActivityFactory(
        board=world.board,
        title="Care leavers' survey",
        participants=41,
        cohorts=["care_leavers", "in_care"],
        fed_back_on=datetime.date(2026, 2, 1),
        fed_back_how="A film",
    )
    EngagementActivityFactory(board=world.board, held_on=datetime.date(2024, 6, 1))  # last year
    KeyMessageFactory(activity=forum, message="Too many social workers", status="done")
    KeyMessageFactory(activity=survey, message="Help with money", change="", status="planned")
    with django_assert_max_num_queries(3):
        data = report_data.voice_section(world.board, YEAR)
    assert data["reach"] == 55 and len(data["activities"]) == 2 and data["fed_back"] == 1
    assert data["reach_by_cohort"][0] == {"cohort": "Children in care", "participants": 55}
    assert data["top_messages"][0]["message"] == "Too many social workers"
    assert data["changes_done"] == 1 and [c["you_said"] for c in data["changes"]] == ["Too many social workers"]


def test_the_escalation_section_counts_by_stage_agency_theme_and_timescale(world, django_assert_max_num_queries):
    def escalation(**kwargs):
        return EscalationFactory(
            board=world.board, raising_agency=world.agency, receiving_agency=world.other_agency, **kwargs
        )

    # Monday 2 June 2025: stage 1 is due 2 working days later, on Wednesday 4 June.
    escalation(started_on=datetime.date(2025, 6, 2), resolved_on=datetime.date(2025, 6, 4), outcome="agreed")
    escalation(
        started_on=datetime.date(2025, 6, 2),
        stage=2,
        stage_2_on=datetime.date(2025, 6, 5),
        resolved_on=datetime.date(2025, 6, 20),
        outcome="upheld",
        theme="information",
    )
    escalation(
        started_on=datetime.date(2025, 7, 1),
        stage=3,
        stage_2_on=datetime.date(2025, 7, 3),
        stage_3_on=datetime.date(2025, 7, 10),
    )
    ChallengeFactory(board=world.board, agency=world.agency)
    with django_assert_max_num_queries(2):
        data = report_data.escalation_section(world.board, YEAR)
    assert data["total"] == 3 and data["resolved"] == 2 and data["open"] == 1
    assert data["by_stage"] == [
        {"stage": 1, "count": 1},
        {"stage": 2, "count": 1},
        {"stage": 3, "count": 1},
        {"stage": 4, "count": 0},
    ]
    assert data["resolved_early_percent"] == 100
    assert data["timescale_met_percent"] == 50  # the stage 2 one took 11 working days, not 5
    assert data["by_agency"] == [
        {"agency": "Home Children's Services", "raised": 0, "received": 3},
        {"agency": "Home Police", "raised": 3, "received": 0},
    ]
    assert data["by_theme"][0] == {"theme": "Thresholds and referrals", "count": 2}
    assert len(data["challenges"]) == 1


def test_the_sections_are_offered_to_the_report_under_their_default_keys():
    from reports.choices import SectionKind
    from reports.defaults import DEFAULT_SECTIONS

    kinds = {s.key: s.kind for s in DEFAULT_SECTIONS}
    for key in ("training", "voice_of_children", "escalations"):
        assert key in registry()
        assert kinds[key] == SectionKind.GENERATED


def test_the_sections_render_without_queries(world, django_assert_num_queries):
    from django.template.loader import render_to_string

    _training_year(world)
    EscalationFactory(board=world.board, raising_agency=world.agency, receiving_agency=world.other_agency)
    KeyMessageFactory(activity=EngagementActivityFactory(board=world.board))
    for spec in registry().values():
        if not spec["template"].startswith("learning/"):
            continue
        data = spec["data"](world.board, YEAR)
        with django_assert_num_queries(0):
            html = render_to_string(spec["template"], {"data": data})
        assert "<table" in html


# --- The compliance panel's two rules on these records -------------------------------------


@pytest.fixture
def compliance_for(world, frameworks):
    from importlib import import_module

    from django.apps import apps

    from reports.choices import FrameworkCode
    from reports.compliance import Compliance
    from reports.models import StatutoryFramework
    from reports.tests.factories import report_with_sections

    import_module("reports.migrations.0013_learning_rules").check_on_learning_records(apps, None)

    report = report_with_sections(
        world.board,
        keys=["priorities_progress", "scorecard", "training", "voice_of_children"],
        framework=StatutoryFramework.objects.get(code=FrameworkCode.WT2023),
        financial_year=YEAR,
    )

    def make():
        checks = {c.requirement.code: c for c in Compliance(report).checks}
        return checks["evidence-of-impact"], checks["feedback-from-children"]

    return make


def test_training_impact_needs_more_than_feedback_on_the_day(world, compliance_for):
    course = _training_year(world, sessions=1, places=1)
    place = course.sessions.get(held_on__month=5).attendances.filter(status="attended").get()
    _answered(place, EvaluationStage.AFTER_SESSION, [5, 5, 5])
    impact, _ = compliance_for()
    assert not impact.met and "no evaluations 6 to 8 weeks after a session" in impact.reason
    _answered(place, EvaluationStage.FOLLOW_UP, [4, 4, 4])
    DisseminationFactory(board=world.board, agency=world.agency, used_on=datetime.date(2025, 9, 1))
    impact, _ = compliance_for()
    assert impact.met
    assert impact.reason == (
        "impact of training evidenced: 1 evaluation 6 to 8 weeks after training, "
        "1 use of learning products with evidence"
    )


def test_feedback_from_children_needs_an_activity_and_a_change_made(world, compliance_for):
    _, feedback = compliance_for()
    assert (
        not feedback.met and feedback.reason == "no engagement activity with children or families recorded in the year"
    )
    activity = EngagementActivityFactory(board=world.board, participants=14)
    _, feedback = compliance_for()
    assert not feedback.met and "no change made" in feedback.reason
    KeyMessageFactory(activity=activity)
    _, feedback = compliance_for()
    assert feedback.met and feedback.reason == "1 engagement activity reaching 14, 1 change made"

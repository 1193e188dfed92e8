import datetime
import decimal

import factory

from boards.tests.factories import AgencyFactory, BoardFactory
from learning.choices import AttendanceStatus, EngagementMethod, EscalationTheme, SessionMode
from learning.models import (
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    KeyMessage,
    TrainerDays,
    TrainingReturn,
    TrainingSession,
)
from reviews.tests.factories import LearningProductFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Neglect: recognising and responding {n}")
    level = 2
    audience = "Practitioners working with children and families"


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    held_on = datetime.date(2025, 10, 14)
    mode = SessionMode.FACE_TO_FACE
    capacity = 30


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(TrainingSessionFactory)
    agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.session.course.board))
    name = factory.Sequence(lambda n: f"Attendee {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    manager_email = factory.Sequence(lambda n: f"manager{n}@example.org")
    status = AttendanceStatus.ATTENDED


class TrainerDaysFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerDays

    session = factory.SubFactory(TrainingSessionFactory)
    agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.session.course.board))
    days = decimal.Decimal("1.0")


class DisseminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dissemination

    board = factory.SubFactory(BoardFactory)
    product = factory.LazyAttribute(lambda o: LearningProductFactory(review__board=o.board))
    agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.board))
    team = "Duty and assessment"
    used_on = datetime.date(2025, 9, 3)
    staff_reached = 12
    action_agreed = "Ask about fathers at every assessment."
    evidence = "Audit of 20 assessments in December: 17 named the father."


class TrainingReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingReturn

    board = factory.SubFactory(BoardFactory)
    agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.board))
    financial_year = 2025
    staff_in_scope = 400
    trained_level_1 = 300
    trained_level_2 = 60
    trained_level_3 = 10
    compliance_percent = decimal.Decimal("92.5")


class EngagementActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementActivity

    board = factory.SubFactory(BoardFactory)
    held_on = datetime.date(2025, 11, 5)
    title = factory.Sequence(lambda n: f"Youth forum session {n}")
    method = EngagementMethod.YOUTH_FORUM
    audience = "Children in care council"
    participants = 14
    age_bands = ["11-15", "16-17"]
    cohorts = ["in_care"]


class KeyMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyMessage

    activity = factory.SubFactory(EngagementActivityFactory)
    message = "We have too many changes of social worker."
    change = "Introduced a handover visit when a social worker changes."
    status = "done"
    done_on = datetime.date(2026, 1, 20)


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    board = factory.SubFactory(BoardFactory)
    reference = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}")
    raising_agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.board, name="Raising agency"))
    receiving_agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.board, name="Receiving agency"))
    theme = EscalationTheme.THRESHOLDS
    started_on = datetime.date(2025, 6, 2)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    board = factory.SubFactory(BoardFactory)
    raised_on = datetime.date(2025, 7, 10)
    raised_by = "Independent scrutineer"
    agency = factory.LazyAttribute(lambda o: AgencyFactory(board=o.board))
    challenge = "Why are strategy discussions for exploited children held without health?"

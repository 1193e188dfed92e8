"""Demo learning records for the board load_demo creates: the 2025/26 training offer with its
registers and evaluations (and a little of 2024/25 to compare with), briefing use, training
returns, the children in care council's messages and what changed, escalations and challenges.

Deterministic (the story's dates, moved to today's calendar by lscb.demo) and idempotent:
get_or_create on natural keys; running it twice changes nothing. Attendees are fictional staff.
"""

import datetime
import decimal

from django.utils import timezone

from boards.models import Priority
from learning import services
from learning.choices import AttendanceStatus, EvaluationStage, QuestionKind
from learning.models import (
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    EvaluationAnswer,
    EvaluationRequest,
    KeyMessage,
    TrainerDays,
    TrainingReturn,
    TrainingSession,
    hash_token,
)
from lscb.demo import story_date as D
from lscb.demo import story_year
from reviews.models import LearningPoint, LearningProduct

POLICE = "Tri-borough Police"
KINGSMERE = "Kingsmere Council Children's Services"
ASHFORD = "Ashford Vale Council Children's Services"
ICB = "Tri-borough Integrated Care Board"
HOSPITALS = "Kingsmere Hospitals NHS Trust"
SCHOOLS = "Tri-borough Schools Forum"
GPS = "Tri-borough GP Federation"

# title → (level, audience, competencies, changed because of a review)
COURSES = {
    "Safeguarding children: the basics": (
        1,
        "Everyone who works with children",
        "Recognise abuse\nKnow who to tell",
        "",
    ),
    "Neglect: seeing the pattern": (
        2,
        "Practitioners in every agency",
        "Use the graded care profile\nChronologies that show drift",
        "Rewritten after the Child A review: neglect as a pattern, not incidents.",
    ),
    "Men in the household": (
        2,
        "Health visitors, midwives, social workers",
        "Ask who lives in the home\nInclude fathers in assessments",
        "New after the Baby C rapid review.",
    ),
    "Leading multi-agency strategy discussions": (
        3,
        "Team managers and designated leads",
        "Chair a strategy discussion",
        "",
    ),
}

# (course, story date, mode, capacity, {agency: (attended, no-show, cancelled)}, trainer days {agency: days})
SESSIONS = [
    ("Neglect: seeing the pattern", (2024, 11, 12), "face_to_face", 30, {KINGSMERE: (8, 1, 1), POLICE: (4, 1, 0)}, {}),
    (
        "Neglect: seeing the pattern",
        (2025, 6, 10),
        "face_to_face",
        30,
        {KINGSMERE: (9, 1, 0), POLICE: (6, 0, 1), HOSPITALS: (5, 2, 0), SCHOOLS: (4, 0, 0)},
        {KINGSMERE: "1.0", ICB: "0.5"},
    ),
    (
        "Neglect: seeing the pattern",
        (2025, 10, 7),
        "live_online",
        40,
        {ASHFORD: (10, 2, 1), GPS: (7, 1, 0), POLICE: (5, 1, 0)},
        {ASHFORD: "1.0"},
    ),
    (
        "Men in the household",
        (2025, 9, 16),
        "face_to_face",
        24,
        {HOSPITALS: (8, 0, 1), KINGSMERE: (7, 1, 0), ICB: (3, 0, 0)},
        {HOSPITALS: "1.0", POLICE: "0.5"},
    ),
    (
        "Leading multi-agency strategy discussions",
        (2026, 1, 20),
        "live_online",
        16,
        {POLICE: (5, 0, 0), KINGSMERE: (6, 1, 0), ICB: (2, 0, 0)},
        {POLICE: "1.0"},
    ),
    ("Safeguarding children: the basics", (2025, 5, 1), "recorded", 500, {SCHOOLS: (120, 0, 0), GPS: (45, 0, 0)}, {}),
]

# Mean-ish scores the demo's answers give, per stage (the first scale questions in order).
SCORES = {
    EvaluationStage.AFTER_SESSION: [(5, 4, 4), (4, 4, 3), (5, 5, 4)],
    EvaluationStage.FOLLOW_UP: [(4, 3, 3), (3, 3, 2)],
}

RETURNS = {  # agency → (staff in scope, level 1, 2, 3, compliance %)
    POLICE: (1450, 1200, 310, 40, "88.5"),
    KINGSMERE: (620, 610, 420, 95, "94.0"),
    HOSPITALS: (3100, 2900, 800, 120, "81.2"),
    GPS: (410, 400, 380, 60, "97.5"),
}


def _slug(name):
    return "".join(ch for ch in name.lower() if ch.isalnum())[:12]


def _sessions(demo):
    board, agencies = demo.board, demo.agencies
    points = list(LearningPoint.objects.filter(review__board=board).order_by("pk")[:2])
    courses = {}
    for title, (level, audience, competencies, changed) in COURSES.items():
        course, _ = Course.objects.get_or_create(
            board=board,
            title=title,
            defaults={"level": level, "audience": audience, "competencies": competencies, "changed_because": changed},
        )
        if changed and points:
            course.learning_points.set(points)
        courses[title] = course
    for n, (title, day, mode, capacity, register, trainers) in enumerate(SESSIONS):
        session, _ = TrainingSession.objects.get_or_create(
            course=courses[title], held_on=D(*day), defaults={"mode": mode, "capacity": capacity}
        )
        for agency_name, days in trainers.items():
            TrainerDays.objects.get_or_create(
                session=session, agency=agencies[agency_name], defaults={"days": decimal.Decimal(days)}
            )
        for agency_name, (attended, no_show, cancelled) in register.items():
            statuses = (
                [AttendanceStatus.ATTENDED] * attended
                + [AttendanceStatus.NO_SHOW] * no_show
                + [AttendanceStatus.CANCELLED] * cancelled
            )
            for i, status in enumerate(statuses, start=1):
                Attendance.objects.get_or_create(
                    session=session,
                    email=f"s{n}.{_slug(agency_name)}.{i}@staff.example",
                    defaults={
                        "agency": agencies[agency_name],
                        "name": f"Staff member {i} ({agency_name})",
                        "manager_email": f"manager.{_slug(agency_name)}@staff.example",
                        "status": status,
                    },
                )
    return courses


def _evaluations(board):
    """Answered evaluations for the year's face-to-face and online sessions: a third of the
    attendees after the session, a fifth of them with their managers at six weeks."""
    questionnaires = {stage: services.questionnaire_for(board, stage) for stage in EvaluationStage.values}
    places = Attendance.objects.filter(
        session__course__board=board,
        status=AttendanceStatus.ATTENDED,
        session__mode__in=["face_to_face", "live_online"],
    ).order_by("pk")
    for i, place in enumerate(places):
        for stage, every in ((EvaluationStage.AFTER_SESSION, 3), (EvaluationStage.FOLLOW_UP, 5)):
            if i % every:
                continue
            days = 1 if stage == EvaluationStage.AFTER_SESSION else 43
            sent = datetime.datetime.combine(place.session.held_on, datetime.time(8), tzinfo=datetime.UTC)
            sent += datetime.timedelta(days=days)
            request, created = EvaluationRequest.objects.get_or_create(
                attendance=place,
                stage=stage,
                defaults={
                    "token_hash": hash_token(f"demo-{place.pk}-{stage}"),
                    "sent_to": place.email,
                    "sent_at": sent,
                    "expires_at": sent + datetime.timedelta(days=14),
                    "responded_at": sent + datetime.timedelta(hours=5),
                },
            )
            if not created:
                continue
            scores = list(SCORES[stage][i % len(SCORES[stage])])
            EvaluationAnswer.objects.bulk_create(
                EvaluationAnswer(
                    request=request,
                    question=q,
                    score=scores.pop(0) if q.kind == QuestionKind.SCALE and scores else None,
                    text="" if q.kind == QuestionKind.SCALE else "I now ask who else lives in the home.",
                )
                for q in questionnaires[stage].questions.all()
            )


def _briefings(demo):
    board, agencies = demo.board, demo.agencies
    product = LearningProduct.objects.filter(review__board=board, kind="seven_minute_briefing").order_by("pk").first()
    if product is None:
        return
    uses = [
        (
            POLICE,
            "Public protection unit",
            (2025, 7, 2),
            38,
            "Every neglect referral names the pattern, not the incident.",
            "Dip sample of 25 referrals in October: 21 described the pattern.",
        ),
        (
            KINGSMERE,
            "Duty and assessment",
            (2025, 7, 15),
            26,
            "Chronologies in every neglect assessment.",
            "Audit in November: chronologies in 18 of 20 assessments (8 of 20 in April).",
        ),
        (
            HOSPITALS,
            "Paediatric emergency department",
            (2025, 8, 5),
            40,
            "Briefing at every shift handover for a week.",
            "",
        ),
    ]
    for agency, team, day, reached, action, evidence in uses:
        Dissemination.objects.get_or_create(
            board=board,
            product=product,
            agency=agencies[agency],
            team=team,
            defaults={"used_on": D(*day), "staff_reached": reached, "action_agreed": action, "evidence": evidence},
        )


def _returns(demo):
    for agency, (scope, l1, l2, l3, percent) in RETURNS.items():
        TrainingReturn.objects.get_or_create(
            board=demo.board,
            agency=demo.agencies[agency],
            financial_year=story_year(2025),
            defaults={
                "staff_in_scope": scope,
                "trained_level_1": l1,
                "trained_level_2": l2,
                "trained_level_3": l3,
                "compliance_percent": decimal.Decimal(percent),
            },
        )


def _voice(demo):
    board = demo.board
    priorities = list(Priority.objects.filter(plan__board=board).order_by("plan", "number")[:2])
    activities = [
        (
            "Children in care council: what makes a good social worker",
            (2025, 7, 9),
            "youth_forum",
            "Children in care council",
            14,
            ["11-15", "16-17"],
            ["in_care"],
            ((2025, 9, 20), "A letter from the chair and a visit to the council"),
            [
                (
                    "We have too many changes of social worker.",
                    "A handover visit with both workers whenever a social worker changes.",
                    "done",
                    (2025, 11, 1),
                ),
                (
                    "Ask us before meetings about us, not after.",
                    "Children's views taken before every child in care review.",
                    "in_progress",
                    None,
                ),
            ],
        ),
        (
            "Care leavers' survey: feeling safe in your first home",
            (2025, 10, 14),
            "survey",
            "Care leavers aged 18 to 25",
            63,
            ["18-25"],
            ["care_leavers"],
            ((2026, 1, 12), "A short film made with the care leavers' forum"),
            [
                (
                    "Tell us who to call at night.",
                    "A 24-hour number on every care leaver's phone card.",
                    "done",
                    (2026, 2, 2),
                ),
            ],
        ),
        (
            "Parents' focus group on child protection conferences",
            (2026, 2, 4),
            "focus_group",
            "Parents who had been through a conference",
            9,
            ["adults"],
            ["parents", "cp"],
            (None, ""),
            [("Reports reach us the night before.", "", "planned", None)],
        ),
    ]
    for title, day, method, audience, n, bands, cohorts, (fed_day, fed_how), messages in activities:
        activity, created = EngagementActivity.objects.get_or_create(
            board=board,
            title=title,
            defaults={
                "held_on": D(*day),
                "method": method,
                "audience": audience,
                "participants": n,
                "age_bands": bands,
                "cohorts": cohorts,
                "fed_back_on": D(*fed_day) if fed_day else None,
                "fed_back_how": fed_how,
            },
        )
        if created and priorities:
            activity.priorities.set(priorities[:1])
        for message, change, status, done in messages:
            KeyMessage.objects.get_or_create(
                activity=activity,
                message=message,
                defaults={
                    "change": change,
                    "status": status,
                    "done_on": D(*done) if done else None,
                    "owner": "Head of children in care" if change else "",
                    "priority": priorities[0] if priorities else None,
                },
            )


def _escalations(demo):
    board, agencies = demo.board, demo.agencies
    rows = [
        (
            "Child K",
            POLICE,
            KINGSMERE,
            "thresholds",
            (2025, 5, 6),
            1,
            {},
            (2025, 5, 7),
            "agreed",
            "Thresholds for neglect",
        ),
        (
            "Child L",
            HOSPITALS,
            KINGSMERE,
            "strategy",
            (2025, 8, 11),
            2,
            {2: (2025, 8, 13)},
            (2025, 8, 19),
            "compromise",
            "Health at strategy discussions",
        ),
        (
            "Child M",
            SCHOOLS,
            ASHFORD,
            "closure",
            (2025, 11, 3),
            3,
            {2: (2025, 11, 5), 3: (2025, 11, 12)},
            (2025, 12, 1),
            "upheld",
            "Step-down without the school",
        ),
        ("Child N", GPS, POLICE, "information", (2026, 1, 12), 1, {}, (2026, 1, 13), "agreed", "Information sharing"),
        # Still open, past its timescale: on the business manager's dashboard.
        ("Child P", KINGSMERE, HOSPITALS, "health", (2026, 11, 16), 2, {2: (2026, 11, 18)}, None, "", ""),
    ]
    for ref, raising, receiving, theme, started, stage, stages, resolved, outcome, learning in rows:
        Escalation.objects.get_or_create(
            board=board,
            reference=ref,
            defaults={
                "raising_agency": agencies[raising],
                "receiving_agency": agencies[receiving],
                "theme": theme,
                "started_on": D(*started),
                "stage": stage,
                **{f"stage_{n}_on": D(*day) for n, day in stages.items()},
                "resolved_on": D(*resolved) if resolved else None,
                "outcome": outcome,
                "learning_theme": learning,
            },
        )
    challenges = [
        (
            (2025, 6, 18),
            "Independent scrutineer",
            HOSPITALS,
            "Why did the emergency department not attend strategy discussions?",
            "A named paediatric liaison nurse now joins every strategy discussion.",
            (2025, 7, 30),
            "closed",
        ),
        (
            (2025, 12, 3),
            "Independent chair",
            POLICE,
            "Explain the fall in referrals from the public protection unit.",
            "",
            None,
            "open",
        ),
    ]
    for day, by, agency, text, response, responded, status in challenges:
        Challenge.objects.get_or_create(
            board=board,
            agency=agencies[agency],
            raised_on=D(*day),
            defaults={
                "raised_by": by,
                "challenge": text,
                "response": response,
                "responded_on": D(*responded) if responded else None,
                "status": status,
            },
        )


def load(demo):
    _sessions(demo)
    _evaluations(demo.board)
    _briefings(demo)
    _returns(demo)
    _voice(demo)
    _escalations(demo)
    return timezone.localdate()

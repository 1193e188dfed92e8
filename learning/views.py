"""Learning pages: the training offer, evaluation, briefing use, training returns, the voice of
children and families, escalations and the board's challenge log.

Every guarded page is a page-kit page (lscb.pages) behind lscb.permissions; objects load through
the querysets' visible_to / editable_by (404 for anything not one's own). Views parse the form,
call one service (learning.services) and redirect with a message. The one public page, the
attendee's one-time evaluation form, is at the end.
"""

from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from learning import report_data, services
from learning.choices import AttendanceStatus, ChangeStatus, EvaluationStage
from learning.forms import (
    AttendanceForm,
    AttendanceUploadForm,
    ChallengeForm,
    CourseForm,
    DisseminationForm,
    EngagementActivityForm,
    EscalationForm,
    EvaluationForm,
    KeyMessageForm,
    SessionForm,
    TrainerDaysForm,
    TrainingReturnForm,
)
from learning.models import (
    Attendance,
    Challenge,
    Course,
    Dissemination,
    EngagementActivity,
    Escalation,
    KeyMessage,
    TrainingReturn,
    TrainingSession,
)
from lscb.errors import DomainError
from lscb.pages import BoardPage, FormPage, Loads, board_url
from lscb.permissions import Capability, get_editable_object, get_object_for_user, public_view


class InLearning:
    """Pages under Learning: the trail starts at the overview."""

    section = None  # (label, url name) of the part of Learning the page is in

    def trail(self):
        crumbs = [("Learning", board_url(self.board, "learning:index"))]
        if self.section:
            crumbs.append((self.section[0], board_url(self.board, self.section[1])))
        return crumbs


class LearningPage(InLearning, BoardPage, Loads):
    pass


class LearningFormPage(InLearning, FormPage, Loads):
    """An add or edit page; `form_kwargs()` adds what the form needs (the board, the access)."""

    instance = None

    def form_kwargs(self):
        return {"board": self.board}

    def get_instance(self):
        return self.instance

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), **self.form_kwargs()}
        instance = self.get_instance()
        if instance is not None:
            kwargs["instance"] = instance
        return kwargs

    def cancel_url(self):
        return board_url(self.board, self.section[1]) if self.section else board_url(self.board, "learning:index")


COURSES = ("Training", "learning:course_list")
VOICE = ("Voice of children and families", "learning:activity_list")
ESCALATIONS = ("Escalations", "learning:escalation_list")
CHALLENGES = ("Challenge log", "learning:challenge_list")
BRIEFINGS = ("Briefing use", "learning:dissemination_list")
RETURNS = ("Training returns", "learning:training_return_list")


class IndexView(LearningPage):
    """What the partnership knows about its learning: one line per part, each with its page."""

    capability = Capability.VIEW_BOARD
    template_name = "learning/index.html"
    title = "Learning and voice"

    def trail(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = self.board
        context.update(
            courses=Course.objects.filter(board=board).offered().count(),
            sessions=TrainingSession.objects.filter(course__board=board).count(),
            activities=EngagementActivity.objects.filter(board=board).count(),
            open_changes=KeyMessage.objects.filter(activity__board=board, status__in=ChangeStatus.open()).count(),
            escalations=Escalation.objects.visible_to(self.access).open().count()
            if self.access.can_view_escalations
            else None,
            challenges=Challenge.objects.filter(board=board, status="open").count(),
            disseminations=Dissemination.objects.filter(board=board).count(),
            returns=TrainingReturn.objects.filter(board=board).count(),
        )
        return context


# --- Training offer ----------------------------------------------------------------------------


class CourseListView(LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/course_list.html"
    title = "Training courses"

    def trail(self):
        return super().trail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = (
            Course.objects.visible_to(self.access)
            .annotate(
                session_count=Count("sessions", distinct=True),
                attended=Count(
                    "sessions__attendances", filter=Q(sessions__attendances__status=AttendanceStatus.ATTENDED)
                ),
            )
            .order_by("level", "title")
        )
        context["courses"] = list(courses)
        return context


class CourseAddView(LearningFormPage):
    capability = Capability.MANAGE_BOARD
    title = "Add a course"
    section = COURSES
    form_class = CourseForm
    service = staticmethod(services.save_course)
    success_message = "{object.title} added"

    def get_instance(self):
        return Course(board=self.board)


class _OnCourse:
    section = COURSES
    for_editing = False

    def load(self):
        getter = get_editable_object if self.for_editing else get_object_for_user
        self.course = getter(Course.objects.all(), self.access, pk=self.kwargs["course_id"])

    def trail(self):
        crumbs = super().trail()
        return crumbs + [(self.course.title, self.course.get_absolute_url())] if self.crumb else crumbs

    def get_caption(self):
        return self.course.title


class CourseDetailView(_OnCourse, LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/course_detail.html"

    def get_title(self):
        return self.course.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = self.course.sessions.annotate(
            booked=Count("attendances", filter=~Q(attendances__status=AttendanceStatus.CANCELLED)),
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)),
        ).order_by("-held_on")
        context.update(
            course=self.course,
            sessions=list(sessions),
            learning_points=list(self.course.learning_points.select_related("review")),
            evaluation=report_data.evaluation_summary(TrainingSession.objects.filter(course=self.course)),
        )
        return context


class CourseEditView(_OnCourse, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Edit"
    form_class = CourseForm
    service = staticmethod(services.save_course)
    success_message = "{object.title} updated"

    def get_title(self):
        return f"Change {self.course.title}"

    def get_instance(self):
        return self.course

    def cancel_url(self):
        return self.course.get_absolute_url()


class SessionAddView(_OnCourse, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Add a session"
    title = "Add a session"
    form_class = SessionForm
    service = staticmethod(services.save_session)
    success_message = "Session on {object.held_on:%-d %B %Y} added"

    def form_kwargs(self):
        return {}

    def service_args(self):
        return (self.course,)

    def cancel_url(self):
        return self.course.get_absolute_url()


class _OnSession:
    section = COURSES
    for_editing = False

    def load(self):
        getter = get_editable_object if self.for_editing else get_object_for_user
        queryset = TrainingSession.objects.select_related("course__board")
        self.session = getter(queryset, self.access, pk=self.kwargs["session_id"])
        self.course = self.session.course

    def trail(self):
        crumbs = [*super().trail(), (self.course.title, self.course.get_absolute_url())]
        if self.crumb:
            crumbs.append((f"{self.session.held_on:%-d %B %Y}", self.session.get_absolute_url()))
        return crumbs

    def get_caption(self):
        return str(self.session)

    def service_args(self):
        return (self.session,)

    def cancel_url(self):
        return self.session.get_absolute_url()

    def get_success_url(self):
        return self.session.get_absolute_url()


class SessionDetailView(_OnSession, LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/session_detail.html"

    def get_title(self):
        return f"{self.course.title}: {self.session.held_on:%-d %B %Y}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attendances = list(self.session.attendances.select_related("agency"))
        by_agency = {}
        for place in attendances:
            row = by_agency.setdefault(place.agency.name, dict.fromkeys(AttendanceStatus.values, 0))
            row[place.status] += 1
        context.update(
            session=self.session,
            course=self.course,
            # Names and e-mails are the coordinator's; the board sees counts by agency.
            attendances=attendances if self.access.can_manage_board else [],
            by_agency=[
                (name, [counts[s] for s in AttendanceStatus.values]) for name, counts in sorted(by_agency.items())
            ],
            statuses=AttendanceStatus.choices,
            trainer_days=list(self.session.trainer_days.select_related("agency")),
            evaluation=report_data.evaluation_summary(TrainingSession.objects.filter(pk=self.session.pk)),
        )
        return context


class SessionEditView(_OnSession, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Edit"
    form_class = SessionForm
    success_message = "Session updated"

    def get_title(self):
        return "Change the session"

    def form_kwargs(self):
        return {}

    def get_instance(self):
        return self.session

    def run(self, form):
        return services.save_session(self.access, self.course, form)


class TrainerDaysAddView(_OnSession, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Trainer days"
    title = "Add trainer days"
    form_class = TrainerDaysForm
    service = staticmethod(services.save_trainer_days)
    success_message = "Trainer days added"

    def form_kwargs(self):
        return {"board": self.board, "session": self.session}


class AttendanceAddView(_OnSession, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Add a place"
    title = "Add a place"
    form_class = AttendanceForm
    service = staticmethod(services.save_attendance)
    success_message = "{object.name} added"


class AttendanceEditView(_OnSession, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Change a place"
    form_class = AttendanceForm
    success_message = "{object.name} updated"

    def load(self):
        super().load()
        self.attendance = get_editable_object(
            Attendance.objects.filter(session=self.session), self.access, pk=self.kwargs["attendance_id"]
        )

    def get_title(self):
        return f"Change {self.attendance.name}'s place"

    def get_instance(self):
        return self.attendance

    def run(self, form):
        return services.save_attendance(self.access, self.session, form)


class AttendanceUploadView(_OnSession, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Upload attendance"
    title = "Upload attendance"
    form_class = AttendanceUploadForm
    template_name = "learning/attendance_upload.html"

    def form_kwargs(self):
        return {}

    def form_valid(self, form):
        try:
            saved, errors = services.import_attendance(self.access, self.session, form.cleaned_data["file"])
        except DomainError as error:
            return self.refused(form, error)
        if errors:  # every bad row, on the page; nothing was saved
            return self.render_to_response(self.get_context_data(form=form, row_errors=errors))
        messages.success(self.request, f"Attendance uploaded: {saved} place{'s' if saved != 1 else ''}")
        return redirect(self.session.get_absolute_url())


# --- Briefing use and training returns ---------------------------------------------------------


class DisseminationListView(LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/dissemination_list.html"
    title = "Learning products in use"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = Dissemination.objects.visible_to(self.access).select_related("product__review", "agency")
        products = {}
        for row in rows.order_by("product__title", "-used_on"):
            products.setdefault(row.product, []).append(row)
        editable = set(Dissemination.objects.editable_by(self.access).values_list("pk", flat=True))
        context.update(products=list(products.items()), editable=editable)
        return context


class DisseminationAddView(LearningFormPage):
    capability = Capability.NOTIFY_LEARNING
    title = "Log a learning product's use"
    section = BRIEFINGS
    form_class = DisseminationForm
    service = staticmethod(services.save_dissemination)
    success_message = "Use of {object.product} logged"

    def form_kwargs(self):
        return {"access": self.access}

    def get_instance(self):
        return Dissemination(board=self.board)


class DisseminationEditView(DisseminationAddView):
    title = "Change a learning product's use"
    success_message = "Use of {object.product} updated"

    def load(self):
        self.row = get_editable_object(Dissemination.objects.all(), self.access, pk=self.kwargs["dissemination_id"])

    def get_instance(self):
        return self.row


class TrainingReturnListView(LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/training_return_list.html"
    title = "Single-agency training returns"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(TrainingReturn.objects.visible_to(self.access).select_related("agency"))
        editable = set(TrainingReturn.objects.editable_by(self.access).values_list("pk", flat=True))
        context.update(returns=rows, editable=editable)
        return context


class TrainingReturnAddView(LearningFormPage):
    capability = Capability.NOTIFY_LEARNING
    title = "Make a training return"
    section = RETURNS
    form_class = TrainingReturnForm
    service = staticmethod(services.save_training_return)
    success_message = "Training return for {object} saved"

    def form_kwargs(self):
        return {"access": self.access, "today": timezone.localdate()}

    def get_instance(self):
        return TrainingReturn(board=self.board)


class TrainingReturnEditView(TrainingReturnAddView):
    title = "Change a training return"

    def load(self):
        self.row = get_editable_object(TrainingReturn.objects.all(), self.access, pk=self.kwargs["return_id"])

    def get_instance(self):
        return self.row


# --- Voice of children and families ------------------------------------------------------------


class ActivityListView(LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/activity_list.html"
    title = "Voice of children and families"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = EngagementActivity.objects.visible_to(self.access).annotate(
            message_count=Count("messages", distinct=True),
            done_count=Count("messages", filter=Q(messages__status=ChangeStatus.DONE), distinct=True),
        )
        context["activities"] = list(activities.order_by("-held_on", "title"))
        return context


class ActivityAddView(LearningFormPage):
    capability = Capability.MANAGE_BOARD
    title = "Record an engagement activity"
    section = VOICE
    form_class = EngagementActivityForm
    service = staticmethod(services.save_activity)
    success_message = "{object.title} recorded"

    def get_instance(self):
        return EngagementActivity(board=self.board)


class _OnActivity:
    section = VOICE
    for_editing = False

    def load(self):
        getter = get_editable_object if self.for_editing else get_object_for_user
        self.activity = getter(EngagementActivity.objects.all(), self.access, pk=self.kwargs["activity_id"])

    def trail(self):
        crumbs = super().trail()
        return [*crumbs, (self.activity.title, self.activity.get_absolute_url())] if self.crumb else crumbs

    def get_caption(self):
        return self.activity.title

    def cancel_url(self):
        return self.activity.get_absolute_url()

    def get_success_url(self):
        return self.activity.get_absolute_url()


class ActivityDetailView(_OnActivity, LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/activity_detail.html"

    def get_title(self):
        return self.activity.title

    def get_caption(self):
        return "Voice of children and families"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            activity=self.activity,
            age_bands=report_data.labels(report_data.AGE_BANDS, self.activity.age_bands),
            cohorts=report_data.labels(report_data.COHORTS, self.activity.cohorts),
            priorities=list(self.activity.priorities.all()),
            key_messages=list(self.activity.messages.select_related("priority", "owner_agency")),
        )
        return context


class ActivityEditView(_OnActivity, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Edit"
    form_class = EngagementActivityForm
    service = staticmethod(services.save_activity)
    success_message = "{object.title} updated"

    def get_title(self):
        return f"Change {self.activity.title}"

    def get_instance(self):
        return self.activity


class KeyMessageAddView(_OnActivity, LearningFormPage):
    capability = Capability.MANAGE_BOARD
    for_editing = True
    crumb = "Add a key message"
    title = "Add a key message and what we did"
    form_class = KeyMessageForm
    service = staticmethod(services.save_key_message)
    success_message = "Key message added"

    def service_args(self):
        return (self.activity,)


class KeyMessageEditView(KeyMessageAddView):
    crumb = "Change a key message"
    title = "Change a key message and what we did"
    success_message = "Key message updated"

    def load(self):
        super().load()
        self.message = get_editable_object(
            KeyMessage.objects.filter(activity=self.activity), self.access, pk=self.kwargs["message_id"]
        )

    def get_instance(self):
        return self.message


class YouSaidWeDidView(LearningPage):
    """The board's "you said, we did" page: what children and families said and what changed.
    For board members now; publishing it is another issue."""

    capability = Capability.VIEW_BOARD
    template_name = "learning/you_said_we_did.html"
    title = "You said, we did"
    section = VOICE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (
            KeyMessage.objects.visible_to(self.access)
            .exclude(status=ChangeStatus.NOT_TAKEN)
            .select_related("activity")
            .order_by("-activity__held_on", "pk")
        )
        context["rows"] = list(rows)
        return context


# --- Escalations and challenge -----------------------------------------------------------------


class EscalationListView(LearningPage):
    capability = Capability.VIEW_ESCALATIONS
    template_name = "learning/escalation_list.html"
    title = "Inter-agency escalations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(
            Escalation.objects.visible_to(self.access)
            .select_related("raising_agency", "receiving_agency")
            .order_by("resolved_on", "-started_on", "pk")
        )
        context.update(escalations=rows, today=timezone.localdate())
        return context


class EscalationAddView(LearningFormPage):
    capability = Capability.NOTIFY_LEARNING
    title = "Notify an escalation"
    section = ESCALATIONS
    form_class = EscalationForm
    service = staticmethod(services.save_escalation)
    success_message = "Escalation {object.reference} notified"

    def form_kwargs(self):
        return {"access": self.access}

    def get_instance(self):
        return Escalation(board=self.board)

    def get_initial(self):
        agencies = sorted(self.access.author_agency_ids)
        return {"raising_agency": agencies[0]} if agencies and not self.access.can_manage_board else {}


class _OnEscalation:
    section = ESCALATIONS
    for_editing = False

    def load(self):
        getter = get_editable_object if self.for_editing else get_object_for_user
        queryset = Escalation.objects.select_related("raising_agency", "receiving_agency")
        self.escalation = getter(queryset, self.access, pk=self.kwargs["escalation_id"])


class EscalationDetailView(_OnEscalation, LearningPage):
    capability = Capability.VIEW_ESCALATIONS
    template_name = "learning/escalation_detail.html"

    def get_title(self):
        return f"Escalation {self.escalation.reference}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        escalation = self.escalation
        stages = [(n, escalation.stage_started_on(n)) for n in range(1, escalation.stage + 1)]
        context.update(
            escalation=escalation,
            stages=stages,
            can_edit=Escalation.objects.editable_by(self.access).filter(pk=escalation.pk).exists(),
            today=timezone.localdate(),
        )
        return context


class EscalationEditView(_OnEscalation, EscalationAddView):
    for_editing = True
    crumb = "Update"
    success_message = "Escalation {object.reference} updated"

    def get_title(self):
        return f"Update escalation {self.escalation.reference}"

    def trail(self):
        return [*super().trail(), (self.escalation.reference, self.escalation.get_absolute_url())]

    def get_instance(self):
        return self.escalation

    def get_initial(self):
        return {}

    def cancel_url(self):
        return self.escalation.get_absolute_url()


class ChallengeListView(LearningPage):
    capability = Capability.VIEW_BOARD
    template_name = "learning/challenge_list.html"
    title = "The board's challenge log"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["challenges"] = list(Challenge.objects.visible_to(self.access).select_related("agency"))
        return context


class ChallengeAddView(LearningFormPage):
    capability = Capability.LOG_CHALLENGE
    title = "Log a challenge"
    section = CHALLENGES
    form_class = ChallengeForm
    service = staticmethod(services.save_challenge)
    success_message = "Challenge to {object.agency} logged"

    def get_instance(self):
        return Challenge(board=self.board)


class ChallengeEditView(ChallengeAddView):
    title = "Update a challenge"
    success_message = "Challenge to {object.agency} updated"

    def load(self):
        self.challenge = get_object_for_user(Challenge.objects.all(), self.access, pk=self.kwargs["challenge_id"])

    def get_instance(self):
        return self.challenge


# --- The attendee's one-time evaluation form (public) -------------------------------------------

# Requests an address may make to the form in a window: enough for a room of attendees behind one
# office address, too few to guess a 256-bit token (which is hopeless anyway).
THROTTLE_REQUESTS = 60
THROTTLE_SECONDS = 10 * 60


def _throttled(request):
    from axes.helpers import get_client_ip_address  # noqa: PLC0415

    key = f"learning:evaluation:{get_client_ip_address(request)}"
    if cache.add(key, 1, timeout=THROTTLE_SECONDS):
        return False
    try:
        return cache.incr(key) > THROTTLE_REQUESTS
    except ValueError:
        return False


@public_view
@never_cache
def evaluation_form(request, token):
    """The link in the evaluation e-mail: no sign-in; answered once; closed after its date."""
    if _throttled(request):
        return render(request, "learning/evaluation_closed.html", {"throttled": True}, status=429)
    evaluation = services.open_request(token)
    if evaluation is None:
        return render(request, "learning/evaluation_closed.html", {}, status=404)
    session = evaluation.attendance.session
    questionnaire = services.questionnaire_for(session.course.board, evaluation.stage)
    form = EvaluationForm(request.POST or None, questions=questionnaire.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_evaluation(evaluation, form.answers())
        except DomainError:
            return render(request, "learning/evaluation_closed.html", {}, status=404)
        return render(request, "learning/evaluation_thanks.html", {"session": session})
    context = {
        "form": form,
        "session": session,
        "course": session.course,
        "follow_up": evaluation.stage == EvaluationStage.FOLLOW_UP,
        "questionnaire": questionnaire,
        "title": questionnaire.title,
    }
    return render(request, "learning/evaluation_form.html", context)

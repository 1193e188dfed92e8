from django.urls import path

from learning import views

app_name = "learning"

C = "training/courses/<int:course_id>/"
S = "training/sessions/<int:session_id>/"
A = "voice/<int:activity_id>/"
E = "escalations/<int:escalation_id>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    # Training offer and attendance.
    path("training/", views.CourseListView.as_view(), name="course_list"),
    path("training/courses/add/", views.CourseAddView.as_view(), name="course_add"),
    path(C, views.CourseDetailView.as_view(), name="course_detail"),
    path(f"{C}edit/", views.CourseEditView.as_view(), name="course_edit"),
    path(f"{C}sessions/add/", views.SessionAddView.as_view(), name="session_add"),
    path(S, views.SessionDetailView.as_view(), name="session_detail"),
    path(f"{S}edit/", views.SessionEditView.as_view(), name="session_edit"),
    path(f"{S}trainer-days/add/", views.TrainerDaysAddView.as_view(), name="trainer_days_add"),
    path(f"{S}attendance/add/", views.AttendanceAddView.as_view(), name="attendance_add"),
    path(f"{S}attendance/upload/", views.AttendanceUploadView.as_view(), name="attendance_upload"),
    path(f"{S}attendance/<int:attendance_id>/edit/", views.AttendanceEditView.as_view(), name="attendance_edit"),
    # Learning products in use, and single-agency training returns.
    path("briefings/", views.DisseminationListView.as_view(), name="dissemination_list"),
    path("briefings/add/", views.DisseminationAddView.as_view(), name="dissemination_add"),
    path("briefings/<int:dissemination_id>/edit/", views.DisseminationEditView.as_view(), name="dissemination_edit"),
    path("training-returns/", views.TrainingReturnListView.as_view(), name="training_return_list"),
    path("training-returns/add/", views.TrainingReturnAddView.as_view(), name="training_return_add"),
    path("training-returns/<int:return_id>/edit/", views.TrainingReturnEditView.as_view(), name="training_return_edit"),
    # Voice of children and families.
    path("voice/", views.ActivityListView.as_view(), name="activity_list"),
    path("voice/add/", views.ActivityAddView.as_view(), name="activity_add"),
    path("voice/you-said-we-did/", views.YouSaidWeDidView.as_view(), name="you_said_we_did"),
    path(A, views.ActivityDetailView.as_view(), name="activity_detail"),
    path(f"{A}edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path(f"{A}messages/add/", views.KeyMessageAddView.as_view(), name="message_add"),
    path(f"{A}messages/<int:message_id>/edit/", views.KeyMessageEditView.as_view(), name="message_edit"),
    # Escalations and the board's challenge log.
    path("escalations/", views.EscalationListView.as_view(), name="escalation_list"),
    path("escalations/add/", views.EscalationAddView.as_view(), name="escalation_add"),
    path(E, views.EscalationDetailView.as_view(), name="escalation_detail"),
    path(f"{E}edit/", views.EscalationEditView.as_view(), name="escalation_edit"),
    path("challenges/", views.ChallengeListView.as_view(), name="challenge_list"),
    path("challenges/add/", views.ChallengeAddView.as_view(), name="challenge_add"),
    path("challenges/<int:challenge_id>/edit/", views.ChallengeEditView.as_view(), name="challenge_edit"),
]

from django.urls import path

from assurance import views

app_name = "assurance"

CYCLE = "cycles/<int:cycle_id>/"
RETURN = "returns/<int:return_id>/"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("standards/load/", views.LibraryLoadView.as_view(), name="library_load"),
    path("standards/<int:library_id>/", views.LibraryDetailView.as_view(), name="library_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<int:agency_id>/", views.OrganisationLinkView.as_view(), name="organisation_link"),
    path("cycles/open/", views.CycleCreateView.as_view(), name="cycle_create"),
    path(CYCLE, views.CycleDetailView.as_view(), name="cycle_detail"),
    path(f"{CYCLE}remind/", views.CycleRemindView.as_view(), name="cycle_remind"),
    path(f"{CYCLE}export.csv", views.CycleExportView.as_view(), name="cycle_export"),
    path(f"{CYCLE}export.docx", views.CycleWordView.as_view(), name="cycle_word"),
    path(f"{CYCLE}close/", views.CycleCloseView.as_view(), name="cycle_close"),
    path(RETURN, views.ReturnDetailView.as_view(), name="return_detail"),
    path(f"{RETURN}answers/<int:answer_id>/", views.AnswerEditView.as_view(), name="answer_edit"),
    path(f"{RETURN}confirm-carried-forward/", views.ConfirmCarriedView.as_view(), name="return_confirm_carried"),
    path(f"{RETURN}submit/", views.ReturnSubmitView.as_view(), name="return_submit"),
    path(f"{RETURN}evidence/<int:evidence_id>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path(f"{RETURN}moderate/", views.ModerationCreateView.as_view(), name="moderation_create"),
    path(f"{RETURN}actions/add/", views.ActionCreateView.as_view(), name="action_create"),
    path(f"{RETURN}actions/<int:action_id>/", views.ActionProgressView.as_view(), name="action_progress"),
    path(f"{RETURN}close/", views.ReturnCloseView.as_view(), name="return_close"),
    path("audits/", views.AuditListView.as_view(), name="audit_list"),
    path("audits/add/", views.AuditCreateView.as_view(), name="audit_create"),
    path("audits/<int:audit_id>/", views.AuditDetailView.as_view(), name="audit_detail"),
    path("audits/<int:audit_id>/cases/add/", views.AuditCaseAddView.as_view(), name="audit_case_add"),
    path("audits/<int:audit_id>/findings/add/", views.FindingAddView.as_view(), name="finding_add"),
    path("audits/<int:audit_id>/complete/", views.AuditCompleteView.as_view(), name="audit_complete"),
    path("scrutiny/", views.ScrutinyView.as_view(), name="scrutiny"),
    path("scrutiny/add/", views.ScrutinyActivityAddView.as_view(), name="scrutiny_add"),
    path("scrutiny/<int:activity_id>/response/", views.ScrutinyResponseView.as_view(), name="scrutiny_response"),
    path("scrutiny/statement/", views.ScrutinyStatementView.as_view(), name="scrutiny_statement"),
    path("surveys/", views.SurveyListView.as_view(), name="survey_list"),
    path("surveys/add/", views.SurveyCreateView.as_view(), name="survey_create"),
    path("surveys/<int:survey_id>/", views.SurveyDetailView.as_view(), name="survey_detail"),
    path("surveys/<int:survey_id>/results/", views.SurveyResultsView.as_view(), name="survey_results"),
]

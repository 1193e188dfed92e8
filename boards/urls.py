from django.urls import path

from boards.urls_records import urlpatterns as records_urlpatterns
from boards.views import actions as action_views
from boards.views import aggregates as aggregate_views
from boards.views import inspections as inspection_views
from boards.views import performance as performance_views
from boards.views import plan as plan_views
from boards.views.dashboard import DashboardView
from lscb.renames import old_names
from lscb.views import AuditLogView

app_name = "boards"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("audit-log/", AuditLogView.as_view(), name="audit_log"),
    # Business plan, actions and progress updates
    path("plans/", plan_views.PlanListView.as_view(), name="plan_list"),
    path("plans/add/", plan_views.PlanCreateView.as_view(), name="plan_add"),
    path("plans/<int:plan_id>/", plan_views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:plan_id>/edit/", plan_views.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:plan_id>/priorities/add/", plan_views.PriorityCreateView.as_view(), name="priority_add"),
    path("priorities/<int:priority_id>/edit/", plan_views.PriorityEditView.as_view(), name="priority_edit"),
    path("priorities/<int:priority_id>/actions/add/", action_views.ActionCreateView.as_view(), name="action_add"),
    path("actions/", action_views.ActionListView.as_view(), name="action_list"),
    path("actions/export.csv", action_views.ActionExportView.as_view(), name="action_export"),
    path("actions/<int:action_id>/", action_views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:action_id>/edit/", action_views.ActionEditView.as_view(), name="action_edit"),
    path(
        "actions/<int:action_id>/updates/add/",
        action_views.ProgressUpdateCreateView.as_view(),
        name="progress_update_add",
    ),
    # Performance scorecard
    path("scorecard/", performance_views.IndicatorListView.as_view(), name="indicator_list"),
    path("scorecard/export.csv", performance_views.IndicatorExportView.as_view(), name="indicator_export"),
    path("scorecard/upload/", performance_views.IndicatorValuesUploadView.as_view(), name="indicator_upload"),
    path("scorecard/add/", performance_views.IndicatorCreateView.as_view(), name="indicator_add"),
    path("scorecard/<int:indicator_id>/", performance_views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("scorecard/<int:indicator_id>/edit/", performance_views.IndicatorEditView.as_view(), name="indicator_edit"),
    path(
        "scorecard/<int:indicator_id>/values/add/",
        performance_views.IndicatorValueCreateView.as_view(),
        name="indicator_value_add",
    ),
    path(
        "scorecard/values/<int:value_id>/edit/",
        performance_views.IndicatorValueEditView.as_view(),
        name="indicator_value_edit",
    ),
    # Inspections and their recommendations
    path("inspections/", inspection_views.InspectionListView.as_view(), name="inspection_list"),
    path(
        "inspections/recommendations.csv",
        inspection_views.RecommendationExportView.as_view(),
        name="recommendation_export",
    ),
    path("inspections/add/", inspection_views.InspectionCreateView.as_view(), name="inspection_add"),
    path("inspections/<int:inspection_id>/", inspection_views.InspectionDetailView.as_view(), name="inspection_detail"),
    path(
        "inspections/<int:inspection_id>/edit/", inspection_views.InspectionEditView.as_view(), name="inspection_edit"
    ),
    path(
        "inspections/<int:inspection_id>/recommendations/add/",
        inspection_views.RecommendationCreateView.as_view(),
        name="recommendation_add",
    ),
    path(
        "recommendations/<int:recommendation_id>/edit/",
        inspection_views.RecommendationEditView.as_view(),
        name="recommendation_edit",
    ),
    # Yearly CDOP and LADO figures
    path("child-deaths-and-lado/", aggregate_views.AggregateListView.as_view(), name="aggregate_list"),
    path("child-deaths-and-lado/export.csv", aggregate_views.AggregateExportView.as_view(), name="aggregate_export"),
    path("child-deaths-and-lado/cdop/add/", aggregate_views.CdopCreateView.as_view(), name="cdop_add"),
    path("child-deaths-and-lado/cdop/<int:cdop_id>/", aggregate_views.CdopDetailView.as_view(), name="cdop_detail"),
    path("child-deaths-and-lado/cdop/<int:cdop_id>/edit/", aggregate_views.CdopEditView.as_view(), name="cdop_edit"),
    path("child-deaths-and-lado/lado/add/", aggregate_views.LadoCreateView.as_view(), name="lado_add"),
    path("child-deaths-and-lado/lado/<int:lado_id>/", aggregate_views.LadoDetailView.as_view(), name="lado_detail"),
    path("child-deaths-and-lado/lado/<int:lado_id>/edit/", aggregate_views.LadoEditView.as_view(), name="lado_edit"),
]

urlpatterns += records_urlpatterns  # set-up, agencies, people, meetings, budget

# Old names, kept for one release (lscb/renames.py): one verb per act since December 2026.
RENAMED = {
    "plan_create": "plan_add",
    "priority_create": "priority_add",
    "action_create": "action_add",
    "progress_update_create": "progress_update_add",
    "indicator_create": "indicator_add",
    "indicator_value_create": "indicator_value_add",
    "inspection_create": "inspection_add",
    "recommendation_create": "recommendation_add",
    "cdop_create": "cdop_add",
    "lado_create": "lado_add",
}
urlpatterns += old_names(app_name, urlpatterns, RENAMED)

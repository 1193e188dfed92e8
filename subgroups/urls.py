from django.urls import path

from lscb.renames import old_names
from subgroups import views

app_name = "subgroups"

SG = "<int:subgroup_id>/"

urlpatterns = [
    path("", views.SubGroupListView.as_view(), name="subgroup_list"),
    path("export.csv", views.SubGroupExportView.as_view(), name="subgroup_export"),
    path("add/", views.SubGroupCreateView.as_view(), name="subgroup_add"),
    path("work-plans/", views.WorkPlanListView.as_view(), name="work_plan_list"),
    path("work-plans/export.csv", views.WorkPlanExportView.as_view(), name="work_plan_export"),
    path(SG, views.SubGroupDetailView.as_view(), name="subgroup_detail"),
    path(f"{SG}edit/", views.SubGroupEditView.as_view(), name="subgroup_edit"),
    path(f"{SG}remove/", views.SubGroupDeleteView.as_view(), name="subgroup_remove"),
    path(f"{SG}members/add/", views.MemberAddView.as_view(), name="member_add"),
    path(f"{SG}members/<int:member_id>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path(f"{SG}members/<int:member_id>/remove/", views.MemberRemoveView.as_view(), name="member_remove"),
    path(f"{SG}meetings/add/", views.MeetingAddView.as_view(), name="meeting_add"),
    path(f"{SG}meetings/<int:meeting_id>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path(f"{SG}meetings/<int:meeting_id>/remove/", views.MeetingDeleteView.as_view(), name="meeting_remove"),
    path(f"{SG}work-plan/add/", views.WorkPlanItemCreateView.as_view(), name="work_plan_item_add"),
    path(f"{SG}work-plan/<int:item_id>/", views.WorkPlanItemDetailView.as_view(), name="work_plan_item_detail"),
    path(f"{SG}work-plan/<int:item_id>/edit/", views.WorkPlanItemEditView.as_view(), name="work_plan_item_edit"),
    path(f"{SG}work-plan/<int:item_id>/remove/", views.WorkPlanItemDeleteView.as_view(), name="work_plan_item_remove"),
    path(f"{SG}highlights/add/", views.HighlightCreateView.as_view(), name="highlight_add"),
    path(f"{SG}highlights/<int:highlight_id>/", views.HighlightDetailView.as_view(), name="highlight_detail"),
    path(f"{SG}highlights/<int:highlight_id>/edit/", views.HighlightEditView.as_view(), name="highlight_edit"),
    path(f"{SG}highlights/<int:highlight_id>/submit/", views.HighlightSubmitView.as_view(), name="highlight_submit"),
    path(f"{SG}highlights/<int:highlight_id>/return/", views.HighlightReturnView.as_view(), name="highlight_return"),
    path(f"{SG}highlights/<int:highlight_id>/remove/", views.HighlightDeleteView.as_view(), name="highlight_remove"),
]

# Old names, kept for one release (lscb/renames.py): one verb per act since December 2026.
RENAMED = {
    "subgroup_create": "subgroup_add",
    "work_plan_item_create": "work_plan_item_add",
    "highlight_create": "highlight_add",
    "subgroup_delete": ("subgroup_remove", f"{SG}delete/"),
    "meeting_delete": ("meeting_remove", f"{SG}meetings/<int:meeting_id>/delete/"),
    "work_plan_item_delete": ("work_plan_item_remove", f"{SG}work-plan/<int:item_id>/delete/"),
    "highlight_delete": ("highlight_remove", f"{SG}highlights/<int:highlight_id>/delete/"),
}
urlpatterns += old_names(app_name, urlpatterns, RENAMED)

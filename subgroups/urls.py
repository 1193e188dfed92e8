from django.urls import path

from subgroups import views

app_name = "subgroups"

SG = "<int:subgroup_id>/"

urlpatterns = [
    path("", views.SubGroupListView.as_view(), name="subgroup_list"),
    path("export.csv", views.SubGroupExportView.as_view(), name="subgroup_export"),
    path("add/", views.SubGroupCreateView.as_view(), name="subgroup_create"),
    path("work-plans/", views.WorkPlanListView.as_view(), name="work_plan_list"),
    path("work-plans/export.csv", views.WorkPlanExportView.as_view(), name="work_plan_export"),
    path(SG, views.SubGroupDetailView.as_view(), name="subgroup_detail"),
    path(f"{SG}edit/", views.SubGroupEditView.as_view(), name="subgroup_edit"),
    path(f"{SG}delete/", views.SubGroupDeleteView.as_view(), name="subgroup_delete"),
    path(f"{SG}members/add/", views.MemberAddView.as_view(), name="member_add"),
    path(f"{SG}members/<int:member_id>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path(f"{SG}members/<int:member_id>/remove/", views.MemberRemoveView.as_view(), name="member_remove"),
    path(f"{SG}meetings/add/", views.MeetingAddView.as_view(), name="meeting_add"),
    path(f"{SG}meetings/<int:meeting_id>/edit/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path(f"{SG}meetings/<int:meeting_id>/delete/", views.MeetingDeleteView.as_view(), name="meeting_delete"),
    path(f"{SG}work-plan/add/", views.WorkPlanItemCreateView.as_view(), name="work_plan_item_create"),
    path(f"{SG}work-plan/<int:item_id>/", views.WorkPlanItemDetailView.as_view(), name="work_plan_item_detail"),
    path(f"{SG}work-plan/<int:item_id>/edit/", views.WorkPlanItemEditView.as_view(), name="work_plan_item_edit"),
    path(f"{SG}work-plan/<int:item_id>/delete/", views.WorkPlanItemDeleteView.as_view(), name="work_plan_item_delete"),
    path(f"{SG}highlights/add/", views.HighlightCreateView.as_view(), name="highlight_create"),
    path(f"{SG}highlights/<int:highlight_id>/", views.HighlightDetailView.as_view(), name="highlight_detail"),
    path(f"{SG}highlights/<int:highlight_id>/edit/", views.HighlightEditView.as_view(), name="highlight_edit"),
    path(f"{SG}highlights/<int:highlight_id>/submit/", views.HighlightSubmitView.as_view(), name="highlight_submit"),
    path(f"{SG}highlights/<int:highlight_id>/return/", views.HighlightReturnView.as_view(), name="highlight_return"),
    path(f"{SG}highlights/<int:highlight_id>/delete/", views.HighlightDeleteView.as_view(), name="highlight_delete"),
]

"""URLs of the board's records pages (set-up, agencies, people, meetings, budget); boards/urls.py adds them."""

from django.urls import path

from boards.views import agencies, budget, meetings, people, settings

urlpatterns = [
    # Board settings, areas, chair appointments
    path("settings/", settings.BoardSettingsView.as_view(), name="board_settings"),
    path("settings/edit/", settings.BoardSettingsEditView.as_view(), name="board_settings_edit"),
    path("settings/areas/add/", settings.AreaAddView.as_view(), name="area_add"),
    path("settings/areas/<int:area_id>/remove/", settings.AreaRemoveView.as_view(), name="area_remove"),
    path("settings/chair/add/", settings.ChairAppointmentAddView.as_view(), name="chair_appointment_add"),
    path(
        "settings/chair/<int:appointment_id>/edit/",
        settings.ChairAppointmentEditView.as_view(),
        name="chair_appointment_edit",
    ),
    # Agencies
    path("agencies/", agencies.AgencyListView.as_view(), name="agency_list"),
    path("agencies/export.csv", agencies.AgencyExportView.as_view(), name="agency_export"),
    path("agencies/add/", agencies.AgencyAddView.as_view(), name="agency_add"),
    path("agencies/<int:agency_id>/", agencies.AgencyDetailView.as_view(), name="agency_detail"),
    path("agencies/<int:agency_id>/edit/", agencies.AgencyEditView.as_view(), name="agency_edit"),
    # People and memberships
    path("people/", people.MembershipListView.as_view(), name="membership_list"),
    path("people/export.csv", people.MembershipExportView.as_view(), name="membership_export"),
    path("people/add/", people.MembershipAddView.as_view(), name="membership_add"),
    path("people/<int:membership_id>/", people.MembershipDetailView.as_view(), name="membership_detail"),
    path("people/<int:membership_id>/edit/", people.MembershipEditView.as_view(), name="membership_edit"),
    path("people/<int:membership_id>/details/", people.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:membership_id>/end/", people.MembershipEndView.as_view(), name="membership_end"),
    # Meetings and attendance
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/export.csv", meetings.MeetingExportView.as_view(), name="meeting_export"),
    path("meetings/add/", meetings.MeetingAddView.as_view(), name="meeting_add"),
    path("meetings/attendance/", meetings.AttendanceReportView.as_view(), name="attendance_report"),
    path("meetings/attendance/export.csv", meetings.AttendanceReportExportView.as_view(), name="attendance_export"),
    path("meetings/<int:meeting_id>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", meetings.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:meeting_id>/cancel/", meetings.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("meetings/<int:meeting_id>/agenda/add/", meetings.AgendaItemAddView.as_view(), name="agenda_item_add"),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/edit/",
        meetings.AgendaItemEditView.as_view(),
        name="agenda_item_edit",
    ),
    path("meetings/<int:meeting_id>/attendance/", meetings.AttendanceEditView.as_view(), name="attendance_edit"),
    path(
        "meetings/<int:meeting_id>/attendance/upload/",
        meetings.AttendanceUploadView.as_view(),
        name="attendance_upload",
    ),
    # Budget
    path("budget/", budget.BudgetListView.as_view(), name="budget_list"),
    path("budget/add/", budget.BudgetAddView.as_view(), name="budget_add"),
    path("budget/<int:budget_id>/", budget.BudgetDetailView.as_view(), name="budget_detail"),
    path("budget/<int:budget_id>/export.csv", budget.BudgetExportView.as_view(), name="budget_export"),
    path("budget/<int:budget_id>/edit/", budget.BudgetEditView.as_view(), name="budget_edit"),
    path("budget/<int:budget_id>/contributions/add/", budget.ContributionAddView.as_view(), name="contribution_add"),
    path(
        "budget/<int:budget_id>/contributions/<int:line_id>/edit/",
        budget.ContributionEditView.as_view(),
        name="contribution_edit",
    ),
    path(
        "budget/<int:budget_id>/contributions/<int:line_id>/remove/",
        budget.ContributionRemoveView.as_view(),
        name="contribution_remove",
    ),
    path("budget/<int:budget_id>/spend/add/", budget.SpendAddView.as_view(), name="spend_add"),
    path("budget/<int:budget_id>/spend/<int:line_id>/edit/", budget.SpendEditView.as_view(), name="spend_edit"),
    path("budget/<int:budget_id>/spend/<int:line_id>/remove/", budget.SpendRemoveView.as_view(), name="spend_remove"),
]

from django.urls import path

from boards.views.dashboard import DashboardView
from lscb.views import AuditLogView

app_name = "boards"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("audit-log/", AuditLogView.as_view(), name="audit_log"),
]

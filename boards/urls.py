from django.urls import path

from boards import views
from lscb.views import AuditLogView

app_name = "boards"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("audit-log/", AuditLogView.as_view(), name="audit_log"),
]

from django.urls import path

from reports.views import rendering

app_name = "reports"

urlpatterns = [
    # Rendering (files made from a revision)
    path("revisions/<int:revision_id>/files/", rendering.RevisionFilesView.as_view(), name="revision_files"),
    path(
        "revisions/<int:revision_id>/files/<slug:kind>/generate/",
        rendering.RenderRequestView.as_view(),
        name="render_request",
    ),
    path(
        "revisions/<int:revision_id>/files/<slug:kind>/download/",
        rendering.RenderDownloadView.as_view(),
        name="render_download",
    ),
    path("render-jobs/<int:job_id>/", rendering.RenderJobView.as_view(), name="render_job"),
]

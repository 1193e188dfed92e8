from django.urls import path

from lscb.renames import old_names
from reports.views import approval, rendering, sections

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

# Drafting (reports/views/sections.py): the list, assembling sections, writing, reviewing, progress.
_S = "<int:report_id>/sections/<int:section_id>/"
urlpatterns += [
    path("", sections.ReportListView.as_view(), name="report_list"),
    path("add/", sections.ReportCreateView.as_view(), name="report_add"),
    path("<int:report_id>/progress/", sections.ProgressView.as_view(), name="progress"),
    path("<int:report_id>/sections/", sections.SectionsManageView.as_view(), name="sections_manage"),
    path("<int:report_id>/sections/add/", sections.SectionAddView.as_view(), name="section_add"),
    path(_S, sections.SectionDetailView.as_view(), name="section_detail"),
    path(_S + "edit/", sections.SectionEditView.as_view(), name="section_edit"),
    path(_S + "upload/", sections.SectionUploadView.as_view(), name="section_upload"),
    path(_S + "upload/<int:import_id>/", sections.SectionImportView.as_view(), name="section_import"),
    path(_S + "versions/", sections.SectionVersionsView.as_view(), name="section_versions"),
    path(_S + "versions/compare/", sections.SectionDiffView.as_view(), name="section_diff"),
    # A section's draft PDF (reports/views/rendering.py): made in the background, like a revision's files.
    path(_S + "pdf/", rendering.SectionPdfView.as_view(), name="section_pdf"),
    path(_S + "versions/<int:number>/pdf/", rendering.SectionPdfDownloadView.as_view(), name="section_pdf_download"),
    path(_S + "submit/", sections.SectionSubmitView.as_view(), name="section_submit"),
    path(_S + "return/", sections.SectionReturnView.as_view(), name="section_return"),
    path(_S + "accept/", sections.SectionAcceptView.as_view(), name="section_accept"),
    path(_S + "move/", sections.SectionMoveView.as_view(), name="section_move"),
    path(_S + "remove/", sections.SectionRemoveView.as_view(), name="section_remove"),
    path(_S + "rename/", sections.SectionRenameView.as_view(), name="section_rename"),
]

# Approval (reports/views/approval.py): overview, the chair's review, revisions, summary, distribution.
_R = "<int:report_id>/"
urlpatterns += [
    path(_R, approval.ReportDetailView.as_view(), name="report_detail"),
    path(_R + "send-to-chair/", approval.SendToChairView.as_view(), name="report_send_to_chair"),
    path(_R + "review/", approval.ReportReviewView.as_view(), name="report_review"),
    path(_R + "draft-revision/", approval.DraftRevisionView.as_view(), name="report_draft_revision"),
    path(_R + "review/comment/", approval.ReportCommentView.as_view(), name="report_comment"),
    path(_R + "review/return/", approval.ReportReturnView.as_view(), name="report_return"),
    path(_R + "approve/", approval.ReportApproveView.as_view(), name="report_approve"),
    path(_R + "reopen/", approval.ReportReopenView.as_view(), name="report_reopen"),
    path(_R + "revisions/", approval.RevisionListView.as_view(), name="revision_list"),
    path("revisions/<int:revision_id>/", approval.RevisionDetailView.as_view(), name="revision_detail"),
    path("revisions/<int:revision_id>/summary/", approval.SummaryView.as_view(), name="summary"),
    path(_R + "publish/", approval.PublishView.as_view(), name="report_publish"),
    path(_R + "distribution/", approval.DistributionView.as_view(), name="distribution"),
    path(_R + "distribution/add/", approval.DistributionAddView.as_view(), name="distribution_add"),
    path(_R + "distribution/recipients/add/", approval.RecipientAddView.as_view(), name="distribution_recipient_add"),
]

# Old names, kept for one release (lscb/renames.py): one verb per act since December 2026.
RENAMED = {"report_create": ("report_add", "new/")}
urlpatterns += old_names(app_name, urlpatterns, RENAMED)

"""Files of a review (final report, learning brief): private, served only by a guarded view."""

import uuid

from django.conf import settings
from django.db import models

from lscb.storage import private_storage
from reviews.choices import DocumentKind
from reviews.querysets import ReviewDocumentQuerySet


def document_path(instance, filename):
    # A random name in the private storage (outside the web root, never served directly); the
    # original name is kept on the row for the download's Content-Disposition.
    extension = instance.extension
    return f"reviews/{instance.review.board_id}/{uuid.uuid4().hex}.{extension}"


class ReviewDocument(models.Model):
    """A file uploaded to a case review. Type checked by content; restricted like the review."""

    review = models.ForeignKey("reviews.CaseReview", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path, storage=private_storage, max_length=300)
    original_name = models.CharField(max_length=200)
    extension = models.CharField(max_length=5)  # "pdf" or "docx", as the content showed
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Removing a document withdraws it: the row and the file stay, because review documents are
    # a retention record class (lscb/retention.py) that a person reviews after the board's period
    # and safeguarding records are archived, not deleted. Only the business manager sees it then.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReviewDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def download_name(self):
        """The file's name for downloading: the uploader's name with the extension of the type the
        content was checked to be, so a PDF uploaded as "evil.html" never opens as a web page."""
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name else self.original_name
        return f"{stem.strip() or 'document'}.{self.extension}"

    @property
    def content_type(self):
        if self.extension == "pdf":
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

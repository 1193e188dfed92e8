"""What the board learned from a review and what changed because of it."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency
from reviews.choices import ActionStatus, ProductKind
from reviews.querysets import (
    LearningPointQuerySet,
    LearningProductQuerySet,
    RecommendationQuerySet,
    ReviewActionQuerySet,
)


class LearningPoint(models.Model):
    """One finding of a review that practice should change on, filed under themes."""

    review = models.ForeignKey("reviews.CaseReview", on_delete=models.CASCADE, related_name="learning_points")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    themes = models.ManyToManyField("reviews.Theme", blank=True, related_name="learning_points")

    history = HistoricalRecords()
    objects = LearningPointQuerySet.as_manager()

    class Meta:
        ordering = ["review", "id"]

    def __str__(self):
        return self.title

    def products_carrying_only_this(self):
        """Learning products for which this is the only learning point (removing it would leave
        them carrying nothing)."""
        return (
            LearningProduct.objects.filter(pk__in=self.products.values("pk"))
            .annotate(carried=models.Count("learning_points"))
            .filter(carried=1)
        )


class Recommendation(models.Model):
    """A recommendation of a review, carried out through actions that agencies own."""

    review = models.ForeignKey("reviews.CaseReview", on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_number_unique_in_review")
        ]

    def __str__(self):
        return f"Recommendation {self.number}"


class ReviewAction(models.Model):
    """An action an agency owns to carry out a recommendation, with due date, status and evidence."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="review_actions")
    description = models.TextField()
    due_date = models.DateField()
    status = models.CharField(max_length=30, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    evidence = models.TextField(blank=True, help_text="What shows the action is done and has made a difference.")
    completed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ReviewActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.COMPLETE) | models.Q(completed_on__isnull=False),
                name="review_action_complete_has_date",
            )
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def has_progress(self):
        """The owning agency has recorded something: a status past "not started", evidence or a date."""
        return self.status != ActionStatus.NOT_STARTED or bool(self.evidence.strip()) or bool(self.completed_on)

    @property
    def is_overdue(self):
        return self.status in ActionStatus.open() and self.due_date < timezone.localdate()


class LearningProduct(models.Model):
    """A briefing, bulletin, training change or procedure update that carries learning into practice."""

    review = models.ForeignKey("reviews.CaseReview", on_delete=models.CASCADE, related_name="learning_products")
    kind = models.CharField(max_length=30, choices=ProductKind.choices)
    title = models.CharField(max_length=200)
    issued_on = models.DateField()
    what_changed = models.TextField(help_text="What changed in practice because of it.")
    learning_points = models.ManyToManyField(LearningPoint, blank=True, related_name="products")

    history = HistoricalRecords()
    objects = LearningProductQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "title"]

    def __str__(self):
        return self.title

"""The case review itself: what happened (by pseudonym only), its dates and its status."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board
from reviews.choices import (
    Decision,
    Framework,
    HarmType,
    Methodology,
    PublicationOutcome,
    ReviewStatus,
    ReviewType,
)
from reviews.clocks import clocks_for
from reviews.querysets import CaseReviewQuerySet, ThemeQuerySet


class Theme(models.Model):
    """A theme the board files learning under (neglect, exploitation, voice of the child…)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="review_themes")
    name = models.CharField(max_length=120)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["board", "name"], name="review_theme_unique_in_board")]

    def __str__(self):
        return self.name


def _dates_in_order(later, earlier):
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


# (later date, earlier date, message) — checked by the database, the model and the services.
DATE_ORDER = (
    ("notified_on", "became_aware_on", "The notification date cannot be before the date the partnership became aware."),
    ("decision_on", "became_aware_on", "The decision date cannot be before the date the partnership became aware."),
    ("decision_on", "notified_on", "The decision date cannot be before the notification date."),
    ("signed_off_on", "decision_on", "The partner sign-off date cannot be before the decision date."),
    ("published_on", "signed_off_on", "The publication date cannot be before the partner sign-off date."),
    ("closed_on", "became_aware_on", "The closing date cannot be before the date the partnership became aware."),
)


class CaseReview(models.Model):
    """A rapid review, LCSPR, SCR, national review contribution, learning review or audit.

    The child is known only by a pseudonym ("Child A"): the system holds no real identifier.
    Restricted by default. Clocks are computed from the recorded dates (reviews.clocks).
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="case_reviews")
    pseudonym = models.CharField(
        max_length=60, help_text='For example "Child A" or "Sibling group B". Never a real name or date of birth.'
    )
    review_type = models.CharField(max_length=30, choices=ReviewType.choices, default=ReviewType.RAPID_REVIEW)
    framework = models.CharField(max_length=10, choices=Framework.choices, default=Framework.WT2023)
    harm_type = models.CharField(max_length=30, choices=HarmType.choices, default=HarmType.SERIOUS_HARM)
    themes = models.ManyToManyField(Theme, blank=True, related_name="reviews")
    agencies_involved = models.ManyToManyField(Agency, blank=True, related_name="case_reviews")
    independent_reviewer = models.CharField(max_length=200, blank=True)
    methodology = models.CharField(max_length=30, choices=Methodology.choices, blank=True)
    summary = models.TextField(blank=True, help_text="Sanitised HTML.")
    is_restricted = models.BooleanField(
        default=True, help_text="Restricted reviews are hidden from agency authors while in draft."
    )

    status = models.CharField(max_length=30, choices=ReviewStatus.choices, default=ReviewStatus.IDENTIFIED)
    # Where a paused review goes back to when it resumes.
    paused_from = models.CharField(max_length=30, choices=ReviewStatus.choices, blank=True)
    pause_reason = models.TextField(blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    publication_outcome = models.CharField(max_length=30, choices=PublicationOutcome.choices, blank=True)
    not_published_reason = models.TextField(blank=True)
    delay_reason = models.TextField(blank=True)

    # T0: the date the partnership became aware of the serious incident (or of the learning need).
    became_aware_on = models.DateField()
    notified_on = models.DateField(null=True, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()
    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-became_aware_on", "pseudonym"]
        constraints = [
            models.CheckConstraint(condition=_dates_in_order(later, earlier), name=f"review_{later}_after_{earlier}")
            for later, earlier, _message in DATE_ORDER
        ]

    def __str__(self):
        return f"{self.pseudonym} ({self.get_review_type_display()})"

    def get_absolute_url(self):
        return reverse("reviews:detail", kwargs={"board_slug": self.board.slug, "review_id": self.pk})

    def clocks(self):
        return clocks_for(self)

    def clock(self, key):
        return next((c for c in self.clocks() if c.key == key), None)

    @property
    def notification_due(self):
        clock = self.clock("notification")
        return clock.due if clock else None

    @property
    def rapid_review_due(self):
        clock = self.clock("rapid_review")
        return clock.due if clock else None

    @property
    def completion_due(self):
        clock = self.clock("completion")
        return clock.due if clock else None

    @property
    def publication_kept_until(self):
        clock = self.clock("publication")
        return clock.due if clock else None

    def clocks_with_state(self, today=None):
        today = today or timezone.localdate()
        return [(clock, clock.state(today), clock.describe(today)) for clock in self.clocks()]

    def date_order_errors(self):
        """{field: message} for every recorded date that comes before the one it must follow."""
        errors = {}
        for later, earlier, message in DATE_ORDER:
            a, b = getattr(self, later), getattr(self, earlier)
            if a and b and a < b:
                errors.setdefault(later, message)
        return errors

    def clean(self):
        from django.core.exceptions import ValidationError

        if errors := self.date_order_errors():
            raise ValidationError(errors)

"""The board and the people and organisations that make it up."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.choices import AgencySector, Arrangement, ChairAppointmentRoute, Role
from boards.querysets import AgencyQuerySet, AreaQuerySet, ChairAppointmentQuerySet, MembershipQuerySet

# The first financial year a board can enter from its history (reports, budgets, highlights):
# 2008/09, the year before LSCB annual reports became statutory under Children Act 2004 s14A.
FIRST_FINANCIAL_YEAR = 2008


def financial_year_start(on: datetime.date) -> int:
    """The calendar year in which the financial year containing `on` began (1 April–31 March)."""
    return on.year if on.month >= 4 else on.year - 1


def financial_quarter(on: datetime.date) -> int:
    """The quarter (1–4) of the financial year that `on` falls in: April–June is quarter 1."""
    return (on.month - 4) % 12 // 3 + 1


def financial_year_label(start_year: int) -> str:
    """'2025/26' for the year from 1 April 2025 to 31 March 2026."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


class Board(models.Model):
    """A Local Safeguarding Children Board or safeguarding partnership: the tenant of this system."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    arrangement = models.CharField(max_length=30, choices=Arrangement.choices, default=Arrangement.PARTNERSHIP_WT2023)
    website = models.URLField(blank=True)
    # Agencies whose attendance falls below this share of meetings are flagged.
    attendance_threshold_percent = models.PositiveSmallIntegerField(
        default=75, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    # The first financial year the board keeps records for (2026 = 1 April 2026 to 31 March 2027).
    first_financial_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # Set by the site operator: while suspended, no member can use the board (lscb.permissions).
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_reason = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_threshold_percent__lte=100), name="board_threshold_is_a_percentage"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:dashboard", kwargs={"board_slug": self.slug})


class Area(models.Model):
    """A local authority area the board covers (a tri-borough board covers three)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)

    history = HistoricalRecords()
    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["board", "name"], name="area_name_unique_in_board")]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A partner organisation of the board: a statutory partner or a relevant agency."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=AgencySector.choices)
    is_statutory_partner = models.BooleanField(default=False)
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="agency_name_unique_in_board"),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_from__isnull=True) | Q(active_to__gte=F("active_from")),
                name="agency_active_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """Someone who takes part in the board's work. May or may not have a login."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name


class Membership(models.Model):
    """A person's role on one board, for one agency where the role needs one, over a term.

    Roles are scoped to a board: the same person may chair one board and write for an
    agency on another. Access to everything is worked out from these rows.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    # Who stands in for this member when they cannot attend (another person on the board).
    deputy = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="deputy_for_memberships"
    )

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_term_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.AGENCY_AUTHOR) | Q(agency__isnull=False),
                name="agency_author_has_agency",
            ),
            models.CheckConstraint(condition=~Q(deputy=F("person")), name="membership_deputy_is_someone_else"),
        ]

    def __str__(self):
        agency = f", {self.agency}" if self.agency_id else ""
        return f"{self.person} — {self.get_role_display()}{agency} ({self.board})"


class ChairAppointment(models.Model):
    """One term of the board's independent chair (or partnership chair): who, from, to, how appointed.

    Kept as history: a new chair is a new row, the old one gets an end date. At most one
    appointment per board is open (no end date) at a time.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="chair_appointments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="chair_appointments")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    how_appointed = models.CharField(max_length=30, choices=ChairAppointmentRoute.choices)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = ChairAppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="chair_appointment_in_order",
            ),
            models.UniqueConstraint(
                fields=["board"], condition=Q(end_date__isnull=True), name="one_open_chair_appointment_per_board"
            ),
        ]

    def __str__(self):
        return f"{self.person} — chair from {self.start_date:%-d %b %Y}"

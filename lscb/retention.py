"""Records retention: which classes of record a board keeps, for how long, and which are due
for review. Nothing is ever deleted automatically: safeguarding records are reviewed by a
person (STYLE.md: "archived, not deleted"); a legal hold stops even the review list.

Apps register their record classes in their AppConfig.ready():

    from lscb import retention
    retention.register("reviews.case_review", "reviews.CaseReview", "created_at",
                       "Case reviews and their documents", default_years=25)

The board's business manager sets the period per class (RetentionPolicy) on the retention page;
`lscb.tasks.list_records_due_for_review` lists what is past its period, weekly.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone


@dataclass(frozen=True)
class RecordClass:
    key: str  # stable code stored on RetentionPolicy, e.g. "reviews.case_review"
    model_label: str  # "app_label.ModelName"
    date_field: str  # the date the retention period runs from
    label: str  # shown to the business manager
    board_field: str = "board"  # path to the owning board
    default_years: int = 7

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def records(self, board):
        return self.model._default_manager.filter(**{self.board_field: board})

    def due_for_review(self, board, years, today=None):
        """Records of the board whose date is more than `years` before today."""
        cutoff = _years_before(today or timezone.localdate(), years)
        field = self.model._meta.get_field(self.date_field)
        lookup = (
            f"{self.date_field}__date__lt" if field.get_internal_type() == "DateTimeField" else f"{self.date_field}__lt"
        )
        return self.records(board).filter(**{lookup: cutoff})


_REGISTRY: dict[str, RecordClass] = {}


def register(key, model_label, date_field, label, *, board_field="board", default_years=7):
    _REGISTRY[key] = RecordClass(key, model_label, date_field, label, board_field, default_years)
    return _REGISTRY[key]


def record_classes():
    """Registered classes whose model is installed, in label order."""
    installed = []
    for record_class in _REGISTRY.values():
        try:
            record_class.model  # noqa: B018 — the model must exist in this installation
        except LookupError:
            continue
        installed.append(record_class)
    return sorted(installed, key=lambda rc: rc.label)


def get(key):
    return _REGISTRY[key]


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class ReviewLine:
    record_class: RecordClass
    years: int
    legal_hold: bool
    due: int  # records past their period (0 while on legal hold)
    policy: object = None


def review_list(board, today=None):
    """For each record class: the period, the legal hold, and how many records are due for review."""
    from lscb.models import RetentionPolicy  # noqa: PLC0415

    policies = {p.record_class: p for p in RetentionPolicy.objects.filter(board=board)}
    lines = []
    for record_class in record_classes():
        policy = policies.get(record_class.key)
        years = policy.years if policy else record_class.default_years
        hold = bool(policy and policy.legal_hold)
        due = 0 if hold else record_class.due_for_review(board, years, today).count()
        lines.append(ReviewLine(record_class, years, hold, due, policy))
    return lines


def register_project_classes():
    """The record classes lscb itself and the boards app's core records hold."""
    register("lscb.audit_entry", "lscb.AuditEntry", "at", "Audit log entries", default_years=7)
    register("boards.meeting", "boards.Meeting", "date", "Board meetings and attendance", default_years=7)

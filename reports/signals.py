"""A report's title and its agency sections' titles follow the board's and agencies' names until
someone edits them: a title still equal to the default made from the old name is rewritten with
the new one. Approved and published reports keep theirs (their revision is frozen anyway).

Signals because boards must not import reports (dependencies point one way); the rename's own
transaction carries the update.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from boards.models import Agency, Board
from reports.choices import ReportStatus, SectionKind


def default_title(board_name: str, financial_year: int) -> str:
    """The title a report gets when the business manager leaves it blank."""
    return f"{board_name} annual report {financial_year}/{(financial_year + 1) % 100:02d}"


def _stash_old_name(sender, instance, raw=False, **kwargs):
    instance._name_before_save = (
        None if raw or not instance.pk else sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


pre_save.connect(_stash_old_name, sender=Board, dispatch_uid="reports-board-old-name")
pre_save.connect(_stash_old_name, sender=Agency, dispatch_uid="reports-agency-old-name")


@receiver(post_save, sender=Board, dispatch_uid="reports-titles-follow-board")
def titles_follow_board_name(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_name_before_save", None)
    if raw or not old or old == instance.name:
        return
    from reports.models import AnnualReport  # noqa: PLC0415 (models are ready by the first save)

    for report in AnnualReport.objects.filter(board=instance).exclude(status__in=ReportStatus.published()):
        if report.title == default_title(old, report.financial_year):
            report.title = default_title(instance.name, report.financial_year)
            report.save(update_fields=["title"])


@receiver(post_save, sender=Agency, dispatch_uid="reports-titles-follow-agency")
def titles_follow_agency_name(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_name_before_save", None)
    if raw or not old or old == instance.name:
        return
    from reports.models import ReportSection  # noqa: PLC0415

    ReportSection.objects.filter(agency=instance, kind=SectionKind.AGENCY, title=old).exclude(
        report__status__in=ReportStatus.published()
    ).update(title=instance.name)

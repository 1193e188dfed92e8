"""Publication and the distribution log: recipients per board, sendings, lateness, the 7-day rule."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lscb.models import AuditEntry
from reports.choices import FrameworkCode, ReportStatus
from reports.models import Distribution, DistributionRecipient, StatutoryFramework
from reports.services import approval as services
from reports.tests.factories import ReportRevisionFactory, report_with_sections
from reports.tests.support_approval import access_for, frameworks  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]


def _approved(world, framework=FrameworkCode.WT2023, board=None):
    report = report_with_sections(
        board or world.board,
        status=ReportStatus.APPROVED,
        keys=("foreword",),
        framework=StatutoryFramework.objects.get(code=framework),
    )
    ReportRevisionFactory(report=report, number=1, approved_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC))
    services.ensure_default_recipients(report.board)
    return report


def _recipient(world, code):
    return DistributionRecipient.objects.get(board=world.board, code=code)


def test_each_framework_lists_its_statutory_recipients(world):
    lscb = _approved(world, FrameworkCode.LSCB_WT2015)
    names = [r.code for r in DistributionRecipient.objects.for_report(lscb)]
    assert names == ["chief-executive", "leader", "pcc", "hwb-chair", "sab", "scrutiny"]
    lscb.framework = StatutoryFramework.objects.get(code=FrameworkCode.WT2023)
    codes = {r.code for r in DistributionRecipient.objects.for_report(lscb)}
    assert {"national-panel", "foundations"} <= codes and "what-works" not in codes
    lscb.framework = StatutoryFramework.objects.get(code=FrameworkCode.WT2018)
    assert "what-works" in {r.code for r in DistributionRecipient.objects.for_report(lscb)}


def test_seeding_the_defaults_twice_adds_nothing(world):
    services.ensure_default_recipients(world.board)
    count = DistributionRecipient.objects.filter(board=world.board).count()
    services.ensure_default_recipients(world.board)
    assert DistributionRecipient.objects.filter(board=world.board).count() == count == 9


def test_a_board_adds_its_own_recipient_once(world):
    manager = access_for(world, "business_manager")
    recipient = services.add_recipient(manager, world.board, name="Youth Council")
    assert recipient.code == "youth-council"
    with pytest.raises(services.ApprovalError, match="already a recipient"):
        services.add_recipient(manager, world.board, name="youth council")
    assert AuditEntry.objects.filter(action="reports.recipient.added").count() == 1


@time_machine.travel(datetime.datetime(2026, 10, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_sending_after_the_due_date_is_late(world):
    report = _approved(world)  # due 30 September 2026
    manager = access_for(world, "business_manager")
    on_time = services.record_distribution(
        manager, report, recipient=_recipient(world, "hwb-chair"), sent_on=datetime.date(2026, 9, 1), method="email"
    )
    late = services.record_distribution(
        manager,
        report,
        recipient=_recipient(world, "leader"),
        sent_on=datetime.date(2026, 10, 3),
        method="meeting",
        presented_on=datetime.date(2026, 10, 10),
    )
    assert on_time.days_late() == 0 and late.days_late() == 3
    assert AuditEntry.objects.filter(action="reports.report.distributed").count() == 2


@time_machine.travel(datetime.datetime(2026, 10, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_panel_copy_is_measured_from_publication(world):
    report = _approved(world)
    manager = access_for(world, "business_manager")
    publication = services.publish(manager, report, published_on=datetime.date(2026, 9, 1))
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    panel = services.record_distribution(
        manager,
        report,
        recipient=_recipient(world, "national-panel"),
        sent_on=datetime.date(2026, 9, 10),
        method="email",
    )
    assert panel.deadline(publication.published_on) == datetime.date(2026, 9, 8)
    assert panel.days_late(publication.published_on) == 2


@time_machine.travel(datetime.datetime(2026, 10, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_the_distribution_page_shows_lateness(world, client_for):
    report = _approved(world)
    manager = access_for(world, "business_manager")
    services.publish(manager, report, published_on=datetime.date(2026, 9, 1))
    report.refresh_from_db()
    services.record_distribution(
        manager,
        report,
        recipient=_recipient(world, "national-panel"),
        sent_on=datetime.date(2026, 9, 10),
        method="email",
    )
    text = client_for("business_manager").get(reverse("reports:distribution", args=[world.board.slug, report.pk]))
    text = text.content.decode()
    assert "2 days late" in text
    assert "Not sent yet" in text  # the other recipients


def test_no_sendings_before_approval_and_no_future_dates(world):
    report = report_with_sections(world.board, keys=("foreword",))
    services.ensure_default_recipients(world.board)
    manager = access_for(world, "business_manager")
    with pytest.raises(services.ApprovalError, match="drafting"):
        services.record_distribution(
            manager, report, recipient=_recipient(world, "hwb-chair"), sent_on=datetime.date(2026, 9, 1), method="email"
        )
    assert not Distribution.objects.exists()


def test_the_form_refuses_a_meeting_before_the_sending_with_an_error_summary(world, client_for):
    report = _approved(world)
    url = reverse("reports:distribution_add", args=[world.board.slug, report.pk])
    response = client_for("business_manager").post(
        url,
        {
            "recipient": _recipient(world, "hwb-chair").pk,
            "sent_on": "2026-09-10",
            "presented_on": "2026-09-01",
            "method": "email",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "govuk-error-summary" in text and "The meeting date cannot be before the date sent." in text
    assert not Distribution.objects.exists()


def test_a_recipient_of_another_board_is_refused(world):
    report = _approved(world)
    services.ensure_default_recipients(world.other_board)
    foreign = DistributionRecipient.objects.get(board=world.other_board, code="hwb-chair")
    with pytest.raises(PermissionDenied):
        services.record_distribution(
            access_for(world, "business_manager"),
            report,
            recipient=foreign,
            sent_on=datetime.date(2026, 9, 1),
            method="email",
        )

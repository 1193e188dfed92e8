"""E-mails to the involved agencies when a case review moves on (reviews.tasks)."""

import pytest
from django.core import mail

from reviews.choices import ReviewStatus
from reviews.tasks import email_involved_agencies
from reviews.tests.factories import CaseReviewFactory

pytestmark = pytest.mark.django_db


def author_with_email(world, persona="agency_author", email="author@example.org"):
    person = world.user(persona).person
    person.email = email
    person.save()
    return person


def test_authors_of_involved_agencies_get_the_pseudonym_and_an_absolute_link(world, settings):
    settings.SITE_URL = "https://lscb.example.org"
    author_with_email(world)
    author_with_email(world, "other_agency_author", "other@example.org")  # their agency is not involved
    review = CaseReviewFactory(
        board=world.board, pseudonym="Child M", status=ReviewStatus.PUBLISHED, agencies=[world.agency]
    )
    assert email_involved_agencies(review.pk, "publish") == 1
    (message,) = mail.outbox
    assert message.to == ["author@example.org"]
    assert "Child M" in message.subject
    link = f"https://lscb.example.org/boards/{world.board.slug}/case-reviews/{review.pk}/"
    assert link in message.body
    assert link in message.alternatives[0][0]


def test_no_e_mail_about_a_restricted_draft_the_author_cannot_open(world):
    author_with_email(world)
    review = CaseReviewFactory(
        board=world.board, status=ReviewStatus.PARTNER_SIGN_OFF, is_restricted=True, agencies=[world.agency]
    )
    assert email_involved_agencies(review.pk, "send_for_sign_off") == 0
    assert mail.outbox == []

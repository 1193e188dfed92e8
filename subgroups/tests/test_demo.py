"""The sub-groups demo data: loaded through load_demo, deterministic and idempotent."""

import pytest
from django.core.management import call_command

from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (SubGroup, SubGroupMember, SubGroupMeeting, WorkPlanItem, HighlightUpdate)]


def test_demo_adds_members_work_plans_and_highlights_once():
    call_command("load_demo", stdout=None)
    first = counts()
    assert all(first), first
    call_command("load_demo", stdout=None)
    assert counts() == first
    qa = SubGroup.objects.get(name="Quality Assurance and Performance")
    assert qa.chair_person.user.username == "sgchair"
    assert qa.work_plan_items.filter(action__isnull=False).exists()  # delivers business-plan actions
    assert qa.highlight_updates.submitted().count() >= 2
    assert qa.memberships.filter(person=qa.chair_person, role="chair").exists()

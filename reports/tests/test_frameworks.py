"""The three statutory frameworks and their requirements are data loaded by migration 0004."""

import pytest

from reports.choices import FrameworkCode
from reports.defaults import DEFAULT_SECTIONS
from reports.models import Requirement, StatutoryFramework
from reports.tests.support_approval import frameworks  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]

DEFAULT_KEYS = {section.key for section in DEFAULT_SECTIONS}


def test_every_framework_is_loaded_with_its_requirements():
    loaded = {f.code: f for f in StatutoryFramework.objects.all()}
    assert set(loaded) == set(FrameworkCode.values)
    for framework in loaded.values():
        assert framework.requirements.filter(level=Requirement.Level.MUST).count() >= 5


def test_every_section_key_a_requirement_names_is_in_the_default_template():
    for requirement in Requirement.objects.all():
        for key in requirement.section_keys:
            assert key == "agency-*" or key in DEFAULT_KEYS, f"{requirement}: unknown section key {key}"


@pytest.mark.parametrize(
    ("framework", "codes"),
    [
        (
            FrameworkCode.LSCB_WT2015,
            {"lessons-from-reviews", "weaknesses-causes-actions", "spend", "sent-hwb-chair", "sent-pcc", "sent-leader"},
        ),
        (
            FrameworkCode.WT2018,
            {"little-or-no-progress", "feedback-from-children", "sent-national-panel", "sent-what-works"},
        ),
        (FrameworkCode.WT2023, {"independent-scrutiny", "easy-to-read", "sent-national-panel", "sent-foundations"}),
    ],
)
def test_each_framework_has_its_statutory_rows(framework, codes):
    present = set(Requirement.objects.filter(framework__code=framework).values_list("code", flat=True))
    assert codes <= present


def test_the_seven_day_rule_applies_to_the_panel_and_what_works_under_the_partnership_frameworks():
    rows = Requirement.objects.filter(rule=Requirement.Rule.DISTRIBUTION, params__within_days=7)
    assert {(r.framework.code, r.params["recipient"]) for r in rows} == {
        (FrameworkCode.WT2018, "national-panel"),
        (FrameworkCode.WT2018, "what-works"),
        (FrameworkCode.WT2023, "national-panel"),
        (FrameworkCode.WT2023, "foundations"),
    }
    assert not Requirement.objects.filter(framework__code=FrameworkCode.LSCB_WT2015, params__within_days=7).exists()


def test_loading_again_updates_rather_than_duplicates():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("reports.migrations.0004_frameworks_data")
    before = Requirement.objects.count()
    migration.load(apps, None)
    assert Requirement.objects.count() == before

"""Quality assurance and independent scrutiny are checked on the partnership's records
(assurance/): a requirement of the WT2018 and WT2023 frameworks whose rule reads the
self-assessment returns received and moderated in the year, and WT2023's "independent scrutiny"
row reading the scrutineer's findings, instead of taking the typed narrative as the evidence.
Runs again safely."""

from django.db import migrations, models

CODE = "quality-assurance-records"
TEXT = (
    "Practice is quality assured, including through joint audits of records and the agencies' "
    "self-assessments, and the report says what they found (shown from the partnership's records)."
)
FRAMEWORKS = ("wt2018", "wt2023")


def load(apps, schema_editor):
    Framework = apps.get_model("reports", "StatutoryFramework")
    Requirement = apps.get_model("reports", "Requirement")
    for framework in Framework.objects.filter(code__in=FRAMEWORKS):
        position = (framework.requirements.aggregate(models.Max("position"))["position__max"] or 0) + 1
        Requirement.objects.update_or_create(
            framework=framework,
            code=CODE,
            defaults={
                "text": TEXT,
                "level": "should",
                "section_keys": ["quality_assurance"],
                "rule": "quality_assurance",
                "params": {},
            },
            create_defaults={
                "text": TEXT,
                "level": "should",
                "section_keys": ["quality_assurance"],
                "rule": "quality_assurance",
                "params": {},
                "position": position,
            },
        )


    Requirement.objects.filter(framework__code="wt2023", code="independent-scrutiny").update(
        rule="independent_scrutiny"
    )


def unload(apps, schema_editor):
    Requirement = apps.get_model("reports", "Requirement")
    Requirement.objects.filter(code=CODE).delete()
    Requirement.objects.filter(code="independent-scrutiny").update(rule="sections")


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_approval_decided_by_name")]

    operations = [
        migrations.AlterField(
            model_name="requirement",
            name="rule",
            field=models.CharField(
                choices=[
                    ("sections", "Sections present and accepted"),
                    ("review_lessons", "Lessons from reviews in the period"),
                    ("little_progress", "Areas of little or no progress"),
                    ("agency_contributions", "Partner agencies' contributions"),
                    ("approved_by_chair", "Approved by the chair"),
                    ("period", "Covers the financial year"),
                    ("distribution", "Distribution recorded"),
                    ("reading_age", "Reading age of the sections"),
                    ("quality_assurance", "Quality assurance from the records"),
                    ("independent_scrutiny", "Independent scrutiny from the records"),
                ],
                default="sections",
                max_length=30,
            ),
        ),
        migrations.RunPython(load, unload),
    ]

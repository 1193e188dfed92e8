"""The training-impact and feedback-from-children requirements are checked on the learning
records (learning.report_data), not only on their sections being accepted."""

from django.db import migrations, models

RULES = {"evidence-of-impact": "training_impact", "feedback-from-children": "children_feedback"}


def check_on_learning_records(apps, schema_editor):
    Requirement = apps.get_model("reports", "Requirement")
    for code, rule in RULES.items():
        Requirement.objects.filter(code=code).update(rule=rule)


def back_to_sections(apps, schema_editor):
    apps.get_model("reports", "Requirement").objects.filter(code__in=RULES).update(rule="sections")


class Migration(migrations.Migration):
    dependencies = [("reports", "0012_quality_assurance_rule")]

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
                    ("training_impact", "Evidence of training's impact"),
                    ("children_feedback", "Feedback from children and families used"),
                ],
                default="sections",
                max_length=30,
            ),
        ),
        migrations.RunPython(check_on_learning_records, back_to_sections),
    ]

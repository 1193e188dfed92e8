"""The frameworks' "easy to read" requirement is checked on the sections' reading age."""

from django.db import migrations, models

# 12: the reading age the report's audience of children, families and professionals can manage
# (plain-English guidance aims lower, at 9, for the public at large; a report of a statutory
# partnership names agencies and duties that lift the figure a little).
EASY_READ = {"rule": "reading_age", "params": {"max_reading_age": 12}}


def measure_easy_to_read(apps, schema_editor):
    apps.get_model("reports", "Requirement").objects.filter(code="easy-to-read").update(**EASY_READ)


def back_to_sections(apps, schema_editor):
    apps.get_model("reports", "Requirement").objects.filter(code="easy-to-read").update(rule="sections", params={})


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_docx_import")]

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
                ],
                default="sections",
                max_length=30,
            ),
        ),
        migrations.RunPython(measure_easy_to_read, back_to_sections),
    ]

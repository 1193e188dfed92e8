"""Older years, as data: a board entering its history from 2008/09 writes those years' reports
against Working Together 2010 or 2013. Both ask of the LSCB's annual report what the 2013/2015
framework asks (Children Act 2004 s14A, in force from April 2010), except that under 2010 there
was no Police and Crime Commissioner to send it to (the first were elected in November 2012).
Runs again safely: rows are matched by code and updated."""

import importlib

from django.db import migrations, models

FRAMEWORKS = {
    "lscb_wt2010": {
        "name": "Local Safeguarding Children Board, Working Together 2010",
        "summary": "Children Act 2004 section 14A: the chair of the LSCB publishes an annual report on the "
        "effectiveness of child safeguarding and promoting the welfare of children in the local area "
        "(Working Together to Safeguard Children 2010, chapter 3).",
    },
    "lscb_wt2013": {
        "name": "Local Safeguarding Children Board, Working Together 2013",
        "summary": "Children Act 2004 section 14A: the chair of the LSCB publishes an annual report on the "
        "effectiveness of child safeguarding and promoting the welfare of children in the local area, and "
        "submits it to the Chief Executive, Leader of the Council, the local police and crime commissioner "
        "and the Chair of the Health and Wellbeing Board.",
    },
}
NOT_IN_2010 = {"sent-pcc", "sent-hwb-chair"}  # no PCCs before November 2012; HWBs statutory from April 2013


def load(apps, schema_editor):
    lscb = importlib.import_module("reports.migrations.0004_frameworks_data").REQUIREMENTS["lscb_wt2015"]
    StatutoryFramework = apps.get_model("reports", "StatutoryFramework")
    Requirement = apps.get_model("reports", "Requirement")
    reading_age = Requirement.objects.filter(code="easy-to-read").values("rule", "params").first()
    for code, fields in FRAMEWORKS.items():
        framework, _ = StatutoryFramework.objects.update_or_create(code=code, defaults=fields)
        rows = [r for r in lscb if not (code == "lscb_wt2010" and r["code"] in NOT_IN_2010)]
        for position, requirement in enumerate(rows, start=1):
            values = dict(requirement)
            if values["code"] == "easy-to-read" and reading_age:
                values.update(reading_age)
            Requirement.objects.update_or_create(
                framework=framework, code=values.pop("code"), defaults={**values, "position": position}
            )


def unload(apps, schema_editor):
    apps.get_model("reports", "StatutoryFramework").objects.filter(code__in=FRAMEWORKS, reports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_reading_age_rule")]

    operations = [
        migrations.AlterField(
            model_name="statutoryframework",
            name="code",
            field=models.CharField(
                choices=[
                    ("lscb_wt2015", "LSCB, Working Together 2013/2015"),
                    ("lscb_wt2010", "LSCB, Working Together 2010"),
                    ("lscb_wt2013", "LSCB, Working Together 2013"),
                    ("wt2018", "Safeguarding partners, Working Together 2018"),
                    ("wt2023", "Safeguarding partners, Working Together 2023"),
                ],
                max_length=20,
                unique=True,
            ),
        ),
        migrations.RunPython(load, unload),
    ]

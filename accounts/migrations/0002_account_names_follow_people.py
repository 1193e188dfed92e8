"""Every sign-in account takes its Person's name (accounts.signals keeps it so from now on)."""

from django.db import migrations


def names_from_people(apps, schema_editor):
    Person = apps.get_model("boards", "Person")
    User = apps.get_model("auth", "User")
    for person in Person.objects.filter(user__isnull=False).only("full_name", "user_id").iterator():
        User.objects.filter(pk=person.user_id).update(first_name=person.full_name[:150], last_name="")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_invitations"),
        ("boards", "0005_board_first_year_and_suspension"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(names_from_people, migrations.RunPython.noop)]

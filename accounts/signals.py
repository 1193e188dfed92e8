"""The Person is the one source of a person's name: their sign-in account follows it, so the
header ("Signed in as"), the audit log and the history all say what the board's records say."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from boards.models import Person


@receiver(post_save, sender=Person)
def name_the_account_after_the_person(sender, instance, raw=False, **kwargs):
    if raw or not instance.user_id:
        return
    name = instance.full_name[:150]
    type(instance.user).objects.filter(pk=instance.user_id).exclude(first_name=name, last_name="").update(
        first_name=name, last_name=""
    )

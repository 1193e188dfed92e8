from django.db import models
from django.db.models import Q
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        """Memberships whose term covers `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))

    def for_user(self, user):
        return self.filter(person__user=user, person__user__is_active=True)


class ActionQuerySet(models.QuerySet):
    def open(self):
        from boards.choices import RAG

        return self.exclude(rag=RAG.COMPLETE)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.open().filter(due_date__lt=on)

    def visible_to(self, access):
        """Every member of the board reads the business plan."""
        return self.filter(priority__plan__board=access.board)

    def editable_by(self, access):
        if access.is_business_manager:
            return self.visible_to(access)
        return self.visible_to(access).filter(owner_agency_id__in=access.author_agency_ids)

"""Reads of case reviews and their learning: visibility, open work, library search."""

from django.db import connection, models
from django.db.models import Q

from reviews import permissions
from reviews.choices import ActionStatus, ReviewStatus


class CaseReviewQuerySet(models.QuerySet):
    def visible_to(self, access):
        return permissions.visible_reviews(self, access)

    def editable_by(self, access):
        return permissions.editable_reviews(self, access)

    def open(self):
        """Reviews with something still to happen."""
        return self.exclude(status__in=ReviewStatus.finished())

    def active_in(self, start, end):
        """Reviews open at some point between `start` and `end`."""
        return self.filter(became_aware_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))


class ThemeQuerySet(models.QuerySet):
    def for_board(self, board):
        return self.filter(board=board)


class _ReviewChildQuerySet(models.QuerySet):
    """Rows that belong to a review and are visible exactly when it is."""

    review_path = "review"

    def visible_to(self, access):
        from reviews.models import CaseReview

        return self.filter(**{f"{self.review_path}__in": CaseReview.objects.visible_to(access).values("pk")})


class _SearchableQuerySet(_ReviewChildQuerySet):
    search_fields: tuple = ()

    def search(self, query):
        """PostgreSQL full-text search (English stemming, ranked); `icontains` on other databases."""
        query = (query or "").strip()
        if not query:
            return self.none()
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            vector = SearchVector(*self.search_fields, config="english")
            search = SearchQuery(query, search_type="websearch", config="english")
            return (
                self.annotate(document=vector, rank=SearchRank(vector, search))
                .filter(document=search)
                .order_by("-rank", "pk")
            )
        condition = Q()
        for word in query.split():
            word_matches = Q()
            for field in self.search_fields:
                word_matches |= Q(**{f"{field}__icontains": word})
            condition &= word_matches
        return self.filter(condition).order_by("pk")


class LearningPointQuerySet(_SearchableQuerySet):
    search_fields = ("title", "detail")


class RecommendationQuerySet(_SearchableQuerySet):
    search_fields = ("text",)


class ReviewActionQuerySet(_ReviewChildQuerySet):
    review_path = "recommendation__review"

    def editable_by(self, access):
        return permissions.editable_actions(self, access)

    def open(self):
        return self.filter(status__in=ActionStatus.open())


class LearningProductQuerySet(_ReviewChildQuerySet):
    pass


class ReviewDocumentQuerySet(_ReviewChildQuerySet):
    def visible_to(self, access):
        return permissions.visible_documents(super().visible_to(access), access)

    def current(self):
        """Documents not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

"""reviews models, one module per topic. Import from `reviews.models`, not the modules."""

from reviews.models.document import ReviewDocument
from reviews.models.learning import LearningPoint, LearningProduct, Recommendation, ReviewAction
from reviews.models.review import CaseReview, Theme

__all__ = [
    "CaseReview",
    "LearningPoint",
    "LearningProduct",
    "Recommendation",
    "ReviewAction",
    "ReviewDocument",
    "Theme",
]

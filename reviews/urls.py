from django.urls import path

from lscb.renames import old_names
from reviews import views

app_name = "reviews"

_LP = "<int:review_id>/learning-points/<int:learning_point_id>/"
_REC = "<int:review_id>/recommendations/<int:recommendation_id>/"
_ACTION = "<int:review_id>/actions/<int:action_id>/"
_PRODUCT = "<int:review_id>/learning-products/<int:product_id>/"
_DOCUMENT = "<int:review_id>/documents/<int:document_id>/"

urlpatterns = [
    path("", views.ReviewListView.as_view(), name="list"),
    path("add/", views.ReviewCreateView.as_view(), name="add"),
    path("library/", views.LibraryView.as_view(), name="library"),
    path("<int:review_id>/", views.ReviewDetailView.as_view(), name="detail"),
    path("<int:review_id>/edit/", views.ReviewEditView.as_view(), name="edit"),
    path("<int:review_id>/steps/<slug:transition>/", views.TransitionView.as_view(), name="transition"),
    path("<int:review_id>/learning-points/add/", views.LearningPointCreateView.as_view(), name="learning_point_add"),
    path("<int:review_id>/recommendations/add/", views.RecommendationCreateView.as_view(), name="recommendation_add"),
    path(
        "<int:review_id>/recommendations/<int:recommendation_id>/actions/add/",
        views.ActionCreateView.as_view(),
        name="action_add",
    ),
    path("actions/<int:action_id>/", views.ActionUpdateView.as_view(), name="action_progress_edit"),
    path("<int:review_id>/learning-products/add/", views.LearningProductCreateView.as_view(), name="product_add"),
    path("<int:review_id>/documents/add/", views.DocumentUploadView.as_view(), name="document_add"),
    path("documents/<int:document_id>/", views.DocumentDownloadView.as_view(), name="document_download"),
    # Correcting and removing what was recorded (the business manager).
    path(_LP + "edit/", views.LearningPointChangeView.as_view(), name="learning_point_edit"),
    path(_LP + "remove/", views.LearningPointRemoveView.as_view(), name="learning_point_remove"),
    path(_REC + "edit/", views.RecommendationChangeView.as_view(), name="recommendation_edit"),
    path(_REC + "remove/", views.RecommendationRemoveView.as_view(), name="recommendation_remove"),
    path(_ACTION + "edit/", views.ActionChangeView.as_view(), name="action_edit"),
    path(_ACTION + "remove/", views.ActionRemoveView.as_view(), name="action_remove"),
    path(_PRODUCT + "edit/", views.LearningProductChangeView.as_view(), name="product_edit"),
    path(_PRODUCT + "remove/", views.LearningProductRemoveView.as_view(), name="product_remove"),
    path(_DOCUMENT + "remove/", views.DocumentRemoveView.as_view(), name="document_remove"),
]

# Old names, kept for one release (lscb/renames.py): one verb per act since December 2026.
RENAMED = {
    "create": "add",
    "document_upload": "document_add",
    "action_update": "action_progress_edit",
    "learning_point_change": ("learning_point_edit", _LP + "change/"),
    "recommendation_change": ("recommendation_edit", _REC + "change/"),
    "action_change": ("action_edit", _ACTION + "change/"),
    "product_change": ("product_edit", _PRODUCT + "change/"),
}
urlpatterns += old_names(app_name, urlpatterns, RENAMED)

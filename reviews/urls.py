from django.urls import path

from reviews import views

app_name = "reviews"

_LP = "<int:review_id>/learning-points/<int:learning_point_id>/"
_REC = "<int:review_id>/recommendations/<int:recommendation_id>/"
_ACTION = "<int:review_id>/actions/<int:action_id>/"
_PRODUCT = "<int:review_id>/learning-products/<int:product_id>/"
_DOCUMENT = "<int:review_id>/documents/<int:document_id>/"

urlpatterns = [
    path("", views.ReviewListView.as_view(), name="list"),
    path("add/", views.ReviewCreateView.as_view(), name="create"),
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
    path("actions/<int:action_id>/", views.ActionUpdateView.as_view(), name="action_update"),
    path("<int:review_id>/learning-products/add/", views.LearningProductCreateView.as_view(), name="product_add"),
    path("<int:review_id>/documents/add/", views.DocumentUploadView.as_view(), name="document_upload"),
    path("documents/<int:document_id>/", views.DocumentDownloadView.as_view(), name="document_download"),
    # Correcting and removing what was recorded (the business manager).
    path(_LP + "change/", views.LearningPointChangeView.as_view(), name="learning_point_change"),
    path(_LP + "remove/", views.LearningPointRemoveView.as_view(), name="learning_point_remove"),
    path(_REC + "change/", views.RecommendationChangeView.as_view(), name="recommendation_change"),
    path(_REC + "remove/", views.RecommendationRemoveView.as_view(), name="recommendation_remove"),
    path(_ACTION + "change/", views.ActionChangeView.as_view(), name="action_change"),
    path(_ACTION + "remove/", views.ActionRemoveView.as_view(), name="action_remove"),
    path(_PRODUCT + "change/", views.LearningProductChangeView.as_view(), name="product_change"),
    path(_PRODUCT + "remove/", views.LearningProductRemoveView.as_view(), name="product_remove"),
    path(_DOCUMENT + "remove/", views.DocumentRemoveView.as_view(), name="document_remove"),
]

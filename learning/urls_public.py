"""The one public learning page: the attendee's (or manager's) one-time evaluation form."""

from django.urls import path

from learning import views

urlpatterns = [path("", views.evaluation_form, name="evaluation_form")]

"""Case review pages. Every view goes through lscb.permissions (BoardView + capability) and
reviews.permissions (visible_to / editable_by → 404 for what is not one's to see). Views parse
the form, call one service and redirect with a message. Every request that shows a
restricted review is written to the audit log (ReviewLoader).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from lscb import audit
from lscb.permissions import BoardView, Capability, get_object_for_user
from reviews import services
from reviews.forms import (
    ActionUpdateForm,
    CaseReviewForm,
    DocumentUploadForm,
    LearningPointForm,
    LearningProductForm,
    LibrarySearchForm,
    RecommendationForm,
    ReviewActionForm,
    TransitionForm,
)
from reviews.models import (
    CaseReview,
    LearningPoint,
    Recommendation,
    ReviewAction,
    ReviewDocument,
)
from reviews.services import TRANSITIONS, ReviewError


def _list_url(board):
    return reverse("reviews:list", kwargs={"board_slug": board.slug})


def _breadcrumbs(board, *more):
    return [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Case reviews", _list_url(board)),
        *more,
    ]


def record_restricted_view(request, access, review):
    """Every view of a restricted review leaves an entry in the audit log."""
    if review.is_restricted:
        match = request.resolver_match
        audit.record(
            "reviews.review.viewed",
            actor=access.user,
            board=access.board,
            target=review,
            page=match.url_name if match else "",
            method=request.method,
        )


class ReviewLoader(View):
    """After BoardView's checks: the review in the URL, if this person may see it (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        self.review = get_object_for_user(
            CaseReview.objects.select_related("board"), self.access, pk=kwargs["review_id"]
        )
        record_restricted_view(request, self.access, self.review)
        return super().dispatch(request, *args, **kwargs)


def _apply_review_error(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- List, library -------------------------------------------------------------------------


class ReviewListView(BoardView, TemplateView):
    """The reviews this person may see, with status and the next clock."""

    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        reviews = list(
            CaseReview.objects.visible_to(self.access)
            .prefetch_related("agencies_involved")
            .order_by("-became_aware_on", "pseudonym")
        )
        rows = []
        for review in reviews:
            open_clocks = sorted((c for c in review.clocks() if c.is_open()), key=lambda c: c.due)
            clock = open_clocks[0] if open_clocks else None
            rows.append(
                {
                    "review": review,
                    "clock": clock,
                    "state": clock.state(today) if clock else None,
                    "describe": clock.describe(today) if clock else "",
                }
            )
        context.update(
            rows=rows,
            can_manage=self.access.can_manage_case_reviews,
            breadcrumbs=_breadcrumbs(self.board)[:1] + [("Case reviews", None)],
        )
        return context


class LibraryView(BoardView, TemplateView):
    """Search the board's learning points and recommendations (only from reviews one may see)."""

    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/library.html"
    limit = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LibrarySearchForm(self.request.GET or None)
        form.helper.form_method = "get"
        query = form.cleaned_data["q"] if form.is_valid() else ""
        points = recommendations = []
        if query:
            points = list(
                LearningPoint.objects.visible_to(self.access)
                .search(query)
                .select_related("review")
                .prefetch_related("themes")[: self.limit]
            )
            recommendations = list(
                Recommendation.objects.visible_to(self.access).search(query).select_related("review")[: self.limit]
            )
        context.update(
            form=form,
            query=query,
            points=points,
            recommendations=recommendations,
            breadcrumbs=_breadcrumbs(self.board, ("Learning library", None)),
        )
        return context


# --- Detail --------------------------------------------------------------------------------


class ReviewDetailView(BoardView, ReviewLoader, TemplateView):
    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/review_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.review
        access = self.access
        actions = ReviewAction.objects.select_related("agency").order_by("due_date", "pk")
        recommendations = list(
            review.recommendations.prefetch_related(Prefetch("actions", queryset=actions)).order_by("number")
        )
        editable_action_ids = set(
            ReviewAction.objects.editable_by(access).filter(recommendation__review=review).values_list("pk", flat=True)
        )
        can_manage = access.can_manage_case_reviews
        context.update(
            review=review,
            clocks=review.clocks_with_state(),
            agencies=list(review.agencies_involved.all()),
            themes=list(review.themes.all()),
            learning_points=list(review.learning_points.prefetch_related("themes")),
            recommendations=recommendations,
            editable_action_ids=editable_action_ids,
            products=list(review.learning_products.prefetch_related("learning_points")),
            documents=list(review.documents.all()),
            transitions=services.available_transitions(review) if can_manage else [],
            can_manage=can_manage and review.status != "closed",
            today=timezone.localdate(),
            breadcrumbs=_breadcrumbs(self.board, (review.pseudonym, None)),
        )
        return context


# --- Form pages ----------------------------------------------------------------------------


class FormPage(FormView):
    """Shared by every add/edit page: one template, a heading, a cancel link, the error summary."""

    template_name = "reviews/form.html"
    heading = ""
    multipart = False

    def get_heading(self):
        return self.heading

    def cancel_url(self):
        return self.review.get_absolute_url()

    def get_success_url(self):
        return self.review.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = getattr(self, "review", None)
        crumbs = (review.pseudonym, review.get_absolute_url()) if review else None
        context.update(
            heading=self.get_heading(),
            cancel_url=self.cancel_url(),
            review=review,
            breadcrumbs=_breadcrumbs(self.board, *([crumbs] if crumbs else []), (self.get_heading(), None)),
        )
        return context

    def run_service(self, form):
        raise NotImplementedError

    success_message = "Saved."

    def form_valid(self, form):
        try:
            self.run_service(form)
        except ReviewError as error:
            _apply_review_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class ReviewCreateView(BoardView, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    heading = "Record a case review"
    form_class = CaseReviewForm
    success_message = "Case review recorded."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def cancel_url(self):
        return _list_url(self.board)

    def run_service(self, form):
        self.review = services.create_review(self.access, form)


class ReviewEditView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    form_class = CaseReviewForm
    success_message = "Case review updated."

    def get_heading(self):
        return f"Edit {self.review.pseudonym}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": self.review}

    def run_service(self, form):
        services.update_review(self.access, form)


class TransitionView(BoardView, ReviewLoader, FormPage):
    """One step of the lifecycle: the dates or reasons it needs, then the service."""

    capability = Capability.MANAGE_CASE_REVIEWS
    template_name = "reviews/transition.html"
    form_class = TransitionForm

    def dispatch(self, request, *args, **kwargs):
        self.transition = TRANSITIONS.get(kwargs["transition"])
        if self.transition is None:
            raise Http404("No such step")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.transition not in services.available_transitions(self.review):
            try:
                services.check_allowed(self.review, self.transition)
            except ReviewError as error:
                messages.error(request, error.message)
            return redirect(self.review.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_heading(self):
        return self.transition.label

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "transition": self.transition}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(transition=self.transition, clocks=self.review.clocks_with_state())
        return context

    def run_service(self, form):
        services.perform_transition(self.access, self.review, self.transition.name, **form.cleaned_data)
        self.success_message = f"{self.review.pseudonym}: now {self.review.get_status_display().lower()}."

    def form_valid(self, form):
        try:
            self.run_service(form)
        except ReviewError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
                return self.form_invalid(form)
            messages.error(self.request, error.message)  # wrong status: nothing to fix on this form
            return redirect(self.review.get_absolute_url())
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class LearningPointCreateView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    heading = "Add a learning point"
    form_class = LearningPointForm
    success_message = "Learning point added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def run_service(self, form):
        services.add_learning_point(self.access, self.review, form)


class RecommendationCreateView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    heading = "Add a recommendation"
    form_class = RecommendationForm
    success_message = "Recommendation added."

    def run_service(self, form):
        services.add_recommendation(self.access, self.review, form)


class ActionCreateView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    form_class = ReviewActionForm
    success_message = "Action added."

    def get_recommendation(self):
        if not hasattr(self, "_recommendation"):
            try:
                self._recommendation = self.review.recommendations.get(pk=self.kwargs["recommendation_id"])
            except Recommendation.DoesNotExist as exc:
                raise Http404("No such recommendation") from exc
        return self._recommendation

    def get_heading(self):
        return f"Add an action to recommendation {self.get_recommendation().number}"

    def get_form_kwargs(self):
        self.get_recommendation()
        return {**super().get_form_kwargs(), "board": self.board}

    def run_service(self, form):
        services.add_action(self.access, self.get_recommendation(), form)


class ActionUpdateView(BoardView, FormPage):
    """The owning agency's author (or the business manager) records progress and evidence."""

    capability = Capability.VIEW_CASE_REVIEWS
    form_class = ActionUpdateForm
    success_message = "Progress saved."

    def setup_action(self):
        action = get_object_for_user(
            ReviewAction.objects.select_related("recommendation__review__board", "agency"),
            self.access,
            pk=self.kwargs["action_id"],
        )
        if not ReviewAction.objects.editable_by(self.access).filter(pk=action.pk).exists():
            raise PermissionDenied("Only the owning agency or the business manager updates this action.")
        self.action = action
        self.review = action.recommendation.review
        record_restricted_view(self.request, self.access, self.review)

    def get(self, request, *args, **kwargs):
        self.setup_action()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_action()
        return super().post(request, *args, **kwargs)

    def get_heading(self):
        return f"Progress on an action for {self.action.agency.name}"

    def get_initial(self):
        return {
            "status": self.action.status,
            "evidence": self.action.evidence,
            "completed_on": self.action.completed_on,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}

    def run_service(self, form):
        services.update_action(self.access, self.action, **form.cleaned_data)


class LearningProductCreateView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    heading = "Add a learning product"
    form_class = LearningProductForm
    success_message = "Learning product added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.review}

    def run_service(self, form):
        services.add_learning_product(self.access, self.review, form)


class DocumentUploadView(BoardView, ReviewLoader, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    heading = "Upload a document"
    form_class = DocumentUploadForm
    success_message = "Document uploaded."
    multipart = True

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.helper.form_enctype = "multipart/form-data"
        return form

    def run_service(self, form):
        services.upload_document(
            self.access, self.review, kind=form.cleaned_data["kind"], upload=form.cleaned_data["upload"]
        )


class DocumentDownloadView(BoardView):
    """The only way to a review's file: permission-checked, audited, always an attachment."""

    capability = Capability.VIEW_CASE_REVIEWS

    def get(self, request, *args, **kwargs):
        document = get_object_for_user(
            ReviewDocument.objects.select_related("review__board"), self.access, pk=kwargs["document_id"]
        )
        record_restricted_view(request, self.access, document.review)
        audit.record(
            "reviews.document.downloaded",
            actor=self.access.user,
            board=self.access.board,
            target=document.review,
            document=document.original_name,
        )
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The file is missing") from exc
        response = FileResponse(
            handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

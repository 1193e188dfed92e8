"""Case review pages. Every view goes through lscb.permissions (BoardView + capability) and
reviews.permissions (visible_to / editable_by → 404 for what is not one's to see). Views parse
the form, call one service and redirect with a message. Every request that shows a
restricted review is written to the audit log (ReviewLoader).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views import View

from lscb import audit
from lscb.downloads import private_attachment
from lscb.pages import BoardPage, ConfirmPage, FormPage
from lscb.permissions import Capability, get_object_for_user
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
    LearningProduct,
    Recommendation,
    ReviewAction,
    ReviewDocument,
)
from reviews.permissions import sees_only_own_agency_reviews
from reviews.services import TRANSITIONS, ReviewError


def _list_url(board):
    return reverse("reviews:list", kwargs={"board_slug": board.slug})


class InReviews:
    """Pages under Case reviews: the trail starts there."""

    def trail(self):
        return [("Case reviews", _list_url(self.board))]


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


class OnReview(InReviews):
    """A page about one review or one of its records: its pseudonym is the caption and in the
    trail, and the page goes back to the review."""

    def trail(self):
        return [*super().trail(), (self.review.pseudonym, self.review.get_absolute_url())]

    def get_caption(self):
        return self.review.pseudonym

    def cancel_url(self):
        return self.review.get_absolute_url()

    def get_success_url(self):
        return self.review.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "review": self.review}


class ReviewFormPage(OnReview, FormPage, ReviewLoader):
    """A page that adds to (or changes) one review: its service is given the review."""

    template_name = "reviews/form.html"

    def service_args(self):
        return (self.review,)


class ReviewConfirmPage(OnReview, ConfirmPage, ReviewLoader):
    """Removing one of a review's learning records: says what will be lost, or why it cannot be
    removed yet (services.check_removable); only POST removes."""

    capability = Capability.MANAGE_CASE_REVIEWS
    noun = ""
    question = "Are you sure you want to remove {label}?"
    cancel_label = "No, keep it"
    warning = "Its earlier versions stay in the review's history, and the audit log records who removed it and when."

    def target(self):
        return self.get_item()

    def target_label(self):
        """The item as the heading names it."""
        return f"this {self.noun}"

    @property
    def button(self):
        return f"Yes, remove the {self.noun}"

    @property
    def crumb(self):
        return f"Remove {self.target_label()}"

    def get_success_message(self, label):
        return f"{label[0].upper()}{label[1:]} removed."

    def get_title(self):
        if self.refusal():
            return f"You cannot remove {self.target_label()} yet"
        return super().get_title()

    def back_label(self):
        return f"Back to {self.review.pseudonym}"

    def refusal(self):
        if not hasattr(self, "_refusal"):
            try:
                services.check_removable(self.review, self.get_item())
                self._refusal = ""
            except ReviewError as error:
                self._refusal = error.message
        return self._refusal


# --- List, library -------------------------------------------------------------------------


class ReviewListView(BoardPage):
    """The reviews this person may see, with status and the next clock."""

    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/review_list.html"
    title = "Case reviews"

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
            only_own_agency=sees_only_own_agency_reviews(self.access),
        )
        return context


class LibraryView(InReviews, BoardPage):
    """Search the board's learning points and recommendations (only from reviews one may see)."""

    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/library.html"
    title = "Learning library"
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
        )
        return context


# --- Detail --------------------------------------------------------------------------------


class ReviewDetailView(InReviews, BoardPage, ReviewLoader):
    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/review_detail.html"

    def get_title(self):
        return self.review.pseudonym

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
        documents = list(review.documents.all())
        context.update(
            review=review,
            clocks=review.clocks_with_state(),
            agencies=list(review.agencies_involved.all()),
            themes=list(review.themes.all()),
            learning_points=list(review.learning_points.prefetch_related("themes")),
            recommendations=recommendations,
            editable_action_ids=editable_action_ids,
            products=list(review.learning_products.prefetch_related("learning_points")),
            documents=[document for document in documents if not document.is_withdrawn],
            # Withdrawn documents stay on file (retention): only the business manager sees them.
            withdrawn_documents=[document for document in documents if document.is_withdrawn and can_manage],
            transitions=services.available_transitions(review) if can_manage else [],
            can_manage=can_manage and review.status != "closed",
            today=timezone.localdate(),
        )
        return context


# --- Form pages ----------------------------------------------------------------------------


class ReviewCreateView(InReviews, FormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    template_name = "reviews/form.html"
    title = "Record a case review"
    caption = "Case reviews"
    form_class = CaseReviewForm
    service = staticmethod(services.create_review)
    success_message = "Case review recorded."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def cancel_url(self):
        return _list_url(self.board)


class ReviewEditView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    form_class = CaseReviewForm
    service = staticmethod(services.update_review)
    success_message = "Case review updated."

    def get_title(self):
        return f"Edit {self.review.pseudonym}"

    def service_args(self):
        return ()  # the form's instance is the review

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": self.review}


class TransitionView(ReviewFormPage):
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

    def get_title(self):
        return self.transition.label

    def get_caption(self):
        return f"{self.review.pseudonym} · {self.review.get_status_display()}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "transition": self.transition}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(transition=self.transition, clocks=self.review.clocks_with_state())
        return context

    def run(self, form):
        services.perform_transition(self.access, self.review, self.transition.name, **form.cleaned_data)
        return self.review

    def get_success_message(self):
        return f"{self.review.pseudonym}: now {self.review.get_status_display().lower()}."

    def refused(self, form, error):
        if error.field in form.fields:
            return super().refused(form, error)
        messages.error(self.request, error.message)  # wrong status: nothing to fix on this form
        return redirect(self.review.get_absolute_url())


class LearningPointCreateView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    title = "Add a learning point"
    form_class = LearningPointForm
    service = staticmethod(services.add_learning_point)
    success_message = "Learning point added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}


class RecommendationCreateView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    title = "Add a recommendation"
    form_class = RecommendationForm
    service = staticmethod(services.add_recommendation)
    success_message = "Recommendation added."


class ActionCreateView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    form_class = ReviewActionForm
    service = staticmethod(services.add_action)
    success_message = "Action added."

    def get_recommendation(self):
        if not hasattr(self, "_recommendation"):
            try:
                self._recommendation = self.review.recommendations.get(pk=self.kwargs["recommendation_id"])
            except Recommendation.DoesNotExist as exc:
                raise Http404("No such recommendation") from exc
        return self._recommendation

    def get_title(self):
        return f"Add an action to recommendation {self.get_recommendation().number}"

    def service_args(self):
        return (self.get_recommendation(),)

    def get_form_kwargs(self):
        self.get_recommendation()
        return {**super().get_form_kwargs(), "board": self.board}


class ActionUpdateView(OnReview, FormPage):
    """The owning agency's author (or the business manager) records progress and evidence."""

    capability = Capability.VIEW_CASE_REVIEWS
    template_name = "reviews/form.html"
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

    def get_title(self):
        return f"Progress on an action for {self.action.agency.name}"

    def get_initial(self):
        return {
            "status": self.action.status,
            "evidence": self.action.evidence,
            "completed_on": self.action.completed_on,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}

    def run(self, form):
        services.update_action(self.access, self.action, **form.cleaned_data)
        return self.action


class LearningProductCreateView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    title = "Add a learning product"
    form_class = LearningProductForm
    service = staticmethod(services.add_learning_product)
    success_message = "Learning product added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.review}


class DocumentUploadView(ReviewFormPage):
    capability = Capability.MANAGE_CASE_REVIEWS
    title = "Upload a document"
    form_class = DocumentUploadForm
    success_message = "Document uploaded."  # the form helper sets multipart from the file field

    def run(self, form):
        return services.upload_document(
            self.access, self.review, kind=form.cleaned_data["kind"], upload=form.cleaned_data["upload"]
        )


class DocumentDownloadView(BoardPage):
    """The only way to a review's file: permission-checked, audited, always an attachment."""

    capability = Capability.VIEW_CASE_REVIEWS

    def get(self, request, *args, **kwargs):
        document = get_object_for_user(
            ReviewDocument.objects.select_related("review__board"), self.access, pk=kwargs["document_id"]
        )
        record_restricted_view(request, self.access, document.review)
        return private_attachment(
            request,
            self.access.board,
            document.file,
            filename=document.download_name,
            content_type=document.content_type,
            action="reviews.document.downloaded",
            target=document.review,
            document=document.original_name,
        )


# --- Correcting and removing learning records ----------------------------------------------
#
# The business manager's change and remove pages for what the add pages record. A change page
# is its add page with the same form filled from the item; a remove page asks "are you sure?",
# says what will be lost (or why it cannot be removed yet) and removes only on POST.


class ReviewItemMixin:
    """The learning point, recommendation, action, product or document named in the URL, if it
    belongs to the review in the URL and this person may see it (else 404)."""

    model = None
    url_kwarg = ""
    review_path = "review"
    related = ()

    def get_item(self):
        if not hasattr(self, "item"):
            queryset = self.model.objects.select_related(*self.related)
            self.item = get_object_for_user(
                queryset, self.access, pk=self.kwargs[self.url_kwarg], **{self.review_path: self.review}
            )
        return self.item


class LearningPointItem(ReviewItemMixin):
    model = LearningPoint
    url_kwarg = "learning_point_id"


class RecommendationItem(ReviewItemMixin):
    model = Recommendation
    url_kwarg = "recommendation_id"


class ActionItem(ReviewItemMixin):
    model = ReviewAction
    url_kwarg = "action_id"
    review_path = "recommendation__review"
    related = ("recommendation", "agency")


class LearningProductItem(ReviewItemMixin):
    model = LearningProduct
    url_kwarg = "product_id"


class DocumentItem(ReviewItemMixin):
    model = ReviewDocument
    url_kwarg = "document_id"


class ChangeItemMixin:
    """Turns an add page into its change page: the same form, filled from the item, saved by
    the item's update service (e.g. services.update_learning_point)."""

    def service_args(self):
        return ()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_item()}


class LearningPointChangeView(LearningPointItem, ChangeItemMixin, LearningPointCreateView):
    title = "Change a learning point"
    success_message = "Learning point updated."
    service = staticmethod(services.update_learning_point)


class RecommendationChangeView(RecommendationItem, ChangeItemMixin, RecommendationCreateView):
    success_message = "Recommendation updated."
    service = staticmethod(services.update_recommendation)

    def get_title(self):
        return f"Change recommendation {self.get_item().number}"


class ActionChangeView(ActionItem, ChangeItemMixin, ActionCreateView):
    """What the action is, who owns it and when it is due; its progress stays the agency's."""

    success_message = "Action updated."
    service = staticmethod(services.update_action_details)

    def get_recommendation(self):
        return self.get_item().recommendation

    def get_title(self):
        return f"Change an action for recommendation {self.get_recommendation().number}"


class LearningProductChangeView(LearningProductItem, ChangeItemMixin, LearningProductCreateView):
    title = "Change a learning product"
    success_message = "Learning product updated."
    service = staticmethod(services.update_learning_product)


class LearningPointRemoveView(LearningPointItem, ReviewConfirmPage):
    noun = "learning point"
    service = staticmethod(services.remove_learning_point)

    def target_label(self):
        return f"the learning point “{self.get_item().title}”"

    def details(self):
        point = self.get_item()
        themes = ", ".join(theme.name for theme in point.themes.all())
        return [("Learning point", point.title), ("Detail", point.detail or "None"), ("Themes", themes or "None")]

    def consequences(self):
        titles = [product.title for product in self.get_item().products.all()]
        if titles:
            return [f"These learning products will no longer list it as learning they carry: {'; '.join(titles)}."]
        return []


class RecommendationRemoveView(RecommendationItem, ReviewConfirmPage):
    noun = "recommendation"
    service = staticmethod(services.remove_recommendation)

    def target_label(self):
        return f"recommendation {self.get_item().number}"

    def details(self):
        return [("Recommendation", self.get_item().text)]

    def consequences(self):
        return ["The other recommendations keep their numbers."]


class ActionRemoveView(ActionItem, ReviewConfirmPage):
    noun = "action"
    service = staticmethod(services.remove_action)

    def target_label(self):
        return f"this action for recommendation {self.get_item().recommendation.number}"

    def details(self):
        action = self.get_item()
        due = date_format(action.due_date, "j F Y")
        return [("Action", action.description), ("Owning agency", action.agency.name), ("Due", due)]

    def consequences(self):
        return [f"{self.get_item().agency.name} has recorded no progress on it, so none of the agency's work is lost."]


class LearningProductRemoveView(LearningProductItem, ReviewConfirmPage):
    noun = "learning product"
    service = staticmethod(services.remove_learning_product)

    def target_label(self):
        return f"the learning product “{self.get_item().title}”"

    def details(self):
        product = self.get_item()
        kind = f"{product.title} ({product.get_kind_display()})"
        issued = date_format(product.issued_on, "j F Y")
        return [("Learning product", kind), ("Issued", issued), ("What changed", product.what_changed)]

    def consequences(self):
        return ["The learning points it carries stay on the review."]


class DocumentRemoveView(DocumentItem, ReviewConfirmPage):
    noun = "document"
    service = staticmethod(services.withdraw_document)
    warning = (
        "The file is not destroyed. Review documents are kept under the board's retention rules, so it stays "
        "on file, listed as withdrawn for business managers, until its retention review. The audit log "
        "records who removed it and when."
    )

    def target_label(self):
        return f"the document “{self.get_item().original_name}”"

    def details(self):
        document = self.get_item()
        uploaded = date_format(timezone.localtime(document.uploaded_at), "j F Y")
        return [("Document", document.original_name), ("Kind", document.get_kind_display()), ("Uploaded", uploaded)]

    def consequences(self):
        return ["It disappears from the review page, and agency authors and members can no longer download it."]

"""Base views for the board's records pages: list with filters and CSV, detail, form, confirm.

Every view here is a BoardView (the permission layer): reading needs VIEW_BOARD, changing
MANAGE_BOARD. Objects are fetched through `get_object_for_user`, so another board's id is a 404.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from boards.services_records import RecordError, save_form
from lscb.permissions import BoardView, Capability, get_object_for_user


class RecordsMixin:
    """Breadcrumbs and board-scoped URL reversing for the records pages."""

    breadcrumb_parent = None  # (label, url_name) of the list page above this one

    def board_url(self, name, **kwargs):
        return reverse(f"boards:{name}", kwargs={"board_slug": self.board.slug, **kwargs})

    def get_breadcrumbs(self):
        crumbs = [("Dashboard", self.board_url("dashboard"))]
        if self.breadcrumb_parent:
            label, name = self.breadcrumb_parent
            crumbs.append((label, self.board_url(name)))
        return crumbs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        params = self.request.GET.copy()
        params.pop("page", None)
        context.setdefault("query", params.urlencode())  # filters, kept on pagination and CSV links
        return context


class RecordPage(RecordsMixin, BoardView, TemplateView):
    capability = Capability.VIEW_BOARD


class RecordFormView(RecordsMixin, BoardView, FormView):
    """Create or edit one record with a GOV.UK model form; saved and audited by the service."""

    capability = Capability.MANAGE_BOARD
    template_name = "boards/record_form.html"
    audit_action = ""  # e.g. "boards.agency.updated"
    heading = ""
    success_message = "Saved"
    object = None

    def setup_object(self):
        """Fetch the objects the form works on (self.object, a parent…); called once access is known."""

    def get(self, request, *args, **kwargs):
        self.setup_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["board"] = self.board
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_heading(self):
        return self.heading

    def get_cancel_url(self):
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.get_heading(), cancel_url=self.get_cancel_url(), object=self.object)
        return context

    def save(self, form):
        return save_form(self.access, form, self.audit_action)

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except RecordError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ConfirmView(RecordFormView):
    """A confirmation page before an action that ends, cancels or removes something."""

    template_name = "boards/confirm.html"
    warning = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["warning"] = self.warning
        return context

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs


def fetch(queryset, access, **lookup):
    """Shorthand: one object of this board visible to the user, else 404."""
    return get_object_for_user(queryset, access, **lookup)

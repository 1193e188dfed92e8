"""The one page kit: every guarded page about a board is one of these.

- BoardPage: a page about one board, with its title, the grey caption above it, and the only
  breadcrumb builder (Dashboard › the app's trail › this page).
- FormPage: parses the form, hands it to one service, turns the service's DomainError into an
  error on the form (nothing the person typed is lost), and redirects with a message.
- ConfirmPage: "Are you sure?" with what will be lost and what follows; the service does it, or
  refuses (a DomainError) and the page says why. Nothing is deleted without this page.
- Loads: a mixin that fetches the records a page is about in `load()`, after the permission
  layer's checks (put it behind the kit's page in the bases), so another board's id is a 404.
- ListPage: a list with its filter form (lscb/pages/_filters.html), the filtered CSV export link
  and, if `paginate_by` is set, its pages (lscb/pages/_pagination.html).

The permission layer (lscb.permissions.BoardView) runs first in every one. Templates:
lscb/templates/lscb/pages/.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from lscb.errors import DomainError
from lscb.forms import ConfirmForm
from lscb.permissions import BoardView


def board_url(board, name, **kwargs):
    """The URL of one of the board's pages: board_url(board, "boards:agency_list")."""
    return reverse(name, kwargs={"board_slug": board.slug, **kwargs})


class Loads(View):
    """Behind the kit's page in the bases: `load()` runs after the permission layer's checks."""

    def dispatch(self, request, *args, **kwargs):
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        """Set the records the page is about (self.object, a parent…), via get_object_for_user."""


class BoardPage(BoardView, TemplateView):
    """A page about one board. Set `title` (or `get_title()`), and `trail()` in the app's base."""

    title = ""
    caption = ""  # the grey line above the title (e.g. the sub-group's name)
    crumb = ""  # the last breadcrumb, when it is not the title ("Delete" on a confirmation)

    def get_title(self):
        return self.title

    def get_caption(self):
        return self.caption

    def trail(self):
        """[(label, url), ...] between Dashboard and this page."""
        return []

    def get_breadcrumbs(self):
        return [
            ("Dashboard", board_url(self.board, "boards:dashboard")),
            *self.trail(),
            (self.crumb or self.get_title(), None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.get_title(), caption=self.get_caption(), breadcrumbs=self.get_breadcrumbs())
        return context


class FormPage(BoardPage, FormView):
    """Add and edit pages. `service(access, *service_args(), form)` saves and returns the object;
    it raises DomainError when the board's rules refuse."""

    template_name = "lscb/pages/form.html"
    service = None  # staticmethod(services.save_x)
    success_message = "Saved"
    warning = ""  # what follows, in a warning box above the form (a form that ends or cancels something)
    cancel_label = "Cancel"

    def service_args(self):
        return ()

    def run(self, form):
        return self.service(self.access, *self.service_args(), form)

    def form_valid(self, form):
        try:
            self.object = self.run(form)
        except DomainError as error:
            return self.refused(form, error)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def refused(self, form, error):
        """The service said no: show why on the form, with everything that was typed."""
        # A field the form does not show (e.g. a date the service checked) goes above the form.
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return self.form_invalid(form)

    def get_success_message(self):
        return self.success_message.format(object=self.object)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def cancel_url(self):
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cancel_url=self.cancel_url(), cancel_label=self.cancel_label, warning=self.warning)
        return context


class ConfirmPage(BoardPage, FormView):
    """GET asks; POST calls `service(access, target())`. `refusal()` (why it cannot be done yet)
    shows instead of the button; a DomainError from the service goes back with its message."""

    template_name = "lscb/pages/confirm.html"
    form_class = ConfirmForm
    service = None  # staticmethod(services.delete_x)
    question = "Are you sure you want to remove {label}?"
    button = "Yes, remove it"
    cancel_label = "No, go back"
    warning = ""  # what goes with it, in the warning box
    success_message = "{label} removed"

    def target(self):
        raise NotImplementedError

    def target_label(self):
        return str(self.target())

    def get_title(self):
        return self.question.format(label=self.target_label())

    def details(self):
        """(key, value) rows of what will be lost."""
        return []

    def consequences(self):
        """Sentences on what follows."""
        return []

    def refusal(self):
        """Why it cannot be done yet ("" if it can)."""
        return ""

    def back_label(self):
        """The link back when it is refused."""
        return self.cancel_label

    def cancel_url(self):
        raise NotImplementedError

    def done_url(self):
        return self.cancel_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            details=self.details(),
            consequences=self.consequences(),
            refusal=self.refusal(),
            warning=self.warning,
            button=self.button,
            cancel_label=self.cancel_label,
            back_label=self.back_label(),
            cancel_url=self.cancel_url(),
        )
        return context

    def form_valid(self, form):
        label = self.target_label()
        refusal = self.refusal()
        if not refusal:
            try:
                self.service(self.access, self.target())
            except DomainError as error:
                refusal = error.message
        if refusal:
            messages.error(self.request, refusal)
            return redirect(self.cancel_url())
        messages.success(self.request, self.get_success_message(label))
        return redirect(self.done_url())

    def get_success_message(self, label):
        return self.success_message.format(label=label)


class ListPage(BoardPage):
    """A list with a filter form (GET) and, if `export_url_name` is set, the filtered CSV link.

    The template includes "lscb/pages/_filters.html". With `paginate_by`, `paginate(queryset)`
    gives the page of rows to show, and "lscb/pages/_pagination.html" links the pages, keeping
    the filters."""

    filter_form_class = None
    export_url_name = ""
    export_label = "Download as CSV"  # the CSV link's words, when it is not of the rows shown
    paginate_by = None

    def filter_form_kwargs(self):
        """What the filter form needs besides the query (e.g. the years to choose from)."""
        return {"board": self.board}

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None, **self.filter_form_kwargs())
        return self._filter_form

    def filtered(self, queryset):
        return self.get_filter_form().filter(queryset)

    def paginate(self, queryset):
        """The page of `queryset` the URL asks for (?page=N; a page that is not one gives the
        nearest that is) and keeps it for the pagination links."""
        self.page_obj = Paginator(queryset, self.paginate_by).get_page(self.request.GET.get("page"))
        return self.page_obj

    def query(self):
        """The filters of this URL, without the page number: kept on pagination links."""
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()

    def export_url(self):
        if not self.export_url_name:
            return ""
        query = self.query()
        url = board_url(self.board, self.export_url_name)
        return f"{url}?{query}" if query else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.get_filter_form() if self.filter_form_class else None,
            export_url=self.export_url(),
            export_label=self.export_label,
            query=self.query(),
            page_obj=getattr(self, "page_obj", None),
        )
        return context

"""The page kit (lscb.pages): breadcrumbs, a service's refusal on the form, confirmation pages,
lists with their filters, CSV link and pages."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.test import RequestFactory

from lscb.errors import DomainError
from lscb.forms import GovukForm
from lscb.pages import ConfirmPage, FormPage, ListPage
from lscb.permissions import Capability


class NameForm(GovukForm):
    name = forms.CharField(label="Name")


def refuse_the_name(access, form):
    raise DomainError("There is already a group with this name", field="name")


def refuse_everything(access, form):
    raise DomainError("The board's year is closed")


class Thing:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return "/things/1/"


def keep(access, form):
    return Thing(form.cleaned_data["name"])


class ThingsTrail:
    capability = Capability.VIEW_BOARD

    def trail(self):
        return [("Things", "/things/")]


class NamePage(ThingsTrail, FormPage):
    title = "Name the thing"
    caption = "Things"
    form_class = NameForm
    service = staticmethod(keep)
    success_message = "{object} saved"


class RemoveThingPage(ThingsTrail, ConfirmPage):
    removed = []
    service = staticmethod(lambda access, thing: RemoveThingPage.removed.append(thing))

    def target(self):
        return Thing("The old thing")

    def cancel_url(self):
        return "/things/1/"

    def done_url(self):
        return "/things/"


def _call(view_class, world, method="get", data=None, **attrs):
    request = getattr(RequestFactory(), method)("/boards/home-board/things/", data or {})
    request.user = world.user("member")  # a member with no second factor to verify
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    response = type("Page", (view_class,), attrs).as_view()(request, board_slug=world.board.slug)
    if isinstance(response, TemplateResponse):
        response.render()
    return request, response


@pytest.mark.django_db
def test_a_page_has_dashboard_its_trail_and_its_title_as_breadcrumbs(world):
    _request, response = _call(NamePage, world)
    assert response.context_data["breadcrumbs"] == [
        ("Dashboard", f"/boards/{world.board.slug}/"),
        ("Things", "/things/"),
        ("Name the thing", None),
    ]
    html = response.content.decode()
    assert "<title>Name the thing – Home Safeguarding Children Partnership</title>" in html
    assert '<span class="govuk-caption-l">Things</span>' in html


@pytest.mark.django_db
def test_a_form_page_hands_the_form_to_its_service_and_says_so(world):
    request, response = _call(NamePage, world, "post", {"name": "Neglect group"})
    assert response.status_code == 302 and response["Location"] == "/things/1/"
    assert [str(m) for m in get_messages(request)] == ["Neglect group saved"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("service", "where"),
    [(refuse_the_name, "name"), (refuse_everything, "__all__")],
)
def test_a_services_refusal_is_shown_on_the_form_and_keeps_what_was_typed(world, service, where):
    _request, response = _call(NamePage, world, "post", {"name": "Neglect group"}, service=staticmethod(service))
    assert response.status_code == 200
    form = response.context_data["form"]
    assert list(form.errors) == [where]
    html = response.content.decode()
    assert "<title>Error: Name the thing" in html and 'value="Neglect group"' in html
    assert "govuk-error-summary" in html


@pytest.mark.django_db
def test_a_confirmation_asks_with_what_follows_then_does_it(world):
    _request, page = _call(
        RemoveThingPage,
        world,
        details=lambda self: [("Name", "The old thing")],
        consequences=lambda self: ["Its history stays in the audit log."],
    )
    html = page.content.decode()
    assert "Are you sure you want to remove The old thing?" in html
    assert "What will be lost" in html and "Its history stays in the audit log." in html
    assert "Yes, remove it" in html and 'href="/things/1/">No, go back' in html
    request, done = _call(RemoveThingPage, world, "post")
    assert done.status_code == 302 and done["Location"] == "/things/"
    assert [str(m) for m in get_messages(request)] == ["The old thing removed"]
    assert [str(thing) for thing in RemoveThingPage.removed] == ["The old thing"]


@pytest.mark.django_db
def test_a_confirmation_that_is_refused_says_why_and_does_nothing(world):
    RemoveThingPage.removed.clear()
    attrs = {"refusal": lambda self: "It still has open actions."}
    _request, page = _call(RemoveThingPage, world, **attrs)
    html = page.content.decode()
    assert "It still has open actions." in html and "Yes, remove it" not in html
    request, done = _call(RemoveThingPage, world, "post", **attrs)
    assert done["Location"] == "/things/1/"
    assert [str(m) for m in get_messages(request)] == ["It still has open actions."]
    assert RemoveThingPage.removed == []


class ColourFilter(GovukForm):
    colour = forms.ChoiceField(label="Colour", required=False, choices=[("", "Any colour"), ("red", "Red")])

    def __init__(self, *args, board, shades, **kwargs):
        super().__init__(*args, **kwargs)
        self.shades = shades

    def filter(self, things):
        if self.is_valid() and self.cleaned_data["colour"]:
            return [thing for thing in things if thing.startswith(self.cleaned_data["colour"])]
        return things


class ThingListPage(ThingsTrail, ListPage):
    title = "Things"
    template_name = "lscb/pages/_filters.html"
    filter_form_class = ColourFilter
    export_url_name = "boards:agency_export"  # any of the board's URLs
    paginate_by = 2

    def filter_form_kwargs(self):
        return {**super().filter_form_kwargs(), "shades": ["light"]}

    def get_context_data(self, **kwargs):
        things = self.paginate(self.filtered(["red 1", "blue 1", "red 2", "red 3"]))
        return {**super().get_context_data(**kwargs), "things": things}


@pytest.mark.django_db
def test_a_list_filters_pages_and_keeps_its_filters_on_the_csv_and_page_links(world):
    _request, response = _call(ThingListPage, world, "get", {"colour": "red", "page": "2"})
    context = response.context_data
    assert context["filter_form"].shades == ["light"]  # filter_form_kwargs reach the form
    assert list(context["things"]) == ["red 3"] and context["page_obj"].paginator.count == 3
    assert context["query"] == "colour=red"
    assert context["export_url"] == f"/boards/{world.board.slug}/agencies/export.csv?colour=red"
    filters = response.content.decode()
    assert 'method="get"' in filters and '<option value="red" selected>Red</option>' in filters
    assert f'href="/boards/{world.board.slug}/agencies/export.csv?colour=red" download' in filters
    pages = render_to_string("lscb/pages/_pagination.html", context)
    assert 'href="?colour=red&amp;page=1" rel="prev"' in pages and "Page 2 of 2" in pages


@pytest.mark.django_db
def test_a_page_number_that_is_no_page_gives_the_nearest_page(world):
    _request, response = _call(ThingListPage, world, "get", {"page": "x\x00"})
    assert list(response.context_data["things"]) == ["red 1", "blue 1"]
    _request, response = _call(ThingListPage, world, "get", {"page": "99"})
    assert list(response.context_data["things"]) == ["red 2", "red 3"]


@pytest.mark.django_db
def test_a_form_that_ends_something_carries_its_warning_and_its_way_back(world):
    attrs = {"warning": "The record stays, marked ended.", "cancel_label": "No, go back"}
    _request, response = _call(NamePage, world, cancel_url=lambda self: "/things/1/", **attrs)
    html = response.content.decode()
    assert "govuk-warning-text" in html and "The record stays, marked ended." in html
    assert 'href="/things/1/">No, go back</a>' in html
    _request, plain = _call(NamePage, world, cancel_url=lambda self: "/things/1/")
    assert "govuk-warning-text" not in plain.content.decode() and ">Cancel</a>" in plain.content.decode()

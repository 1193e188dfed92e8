"""What an attacker (or a slip of the keyboard) sends gets a clear answer, never a 500
(issue 21: L5, L8, L10, I6). Each test failed before its fix."""

import io

import pytest
from django.urls import reverse
from docx import Document

from lscb.forms import whole_number_param
from lscb.sanitise import clean_html
from reports.rendering.demo import demo_snapshot
from reports.rendering.docx import render_docx
from reports.services.sections import save_section_text
from reports.tests.support_drafting import access_for, report_with_sections, url


def _audit_log(client, **params):
    return client.get(reverse("boards:audit_log", kwargs={"board_slug": "home-board"}), params)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-01"}, "From (date): Enter a real date"),
        ({"to": "9999999999-01-01"}, "To (date): Enter a real date"),
    ],
)
def test_an_audit_log_filter_that_is_no_filter_is_said_so_not_a_500(world, client_for, params, message):
    response = _audit_log(client_for("business_manager"), **params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem with the filters" in html and message in html
    assert "<title>Error: Audit log" in html


def test_a_nul_byte_in_an_audit_log_filter_is_removed_before_the_filter_reads_it(world, client_for):
    """lscb.middleware.StripNulFromQueryMiddleware: the filter sees "auth." and filters by it."""
    client = client_for("business_manager")
    response = _audit_log(client, action="auth.\x00", person="\x00")
    assert response.status_code == 200
    assert "There is a problem with the filters" not in response.content.decode()
    entries = response.context["entries"]
    assert len(entries) and all(entry.action.startswith("auth.") for entry in entries)


def test_the_audit_log_still_filters_by_what_is_valid(world, client_for):
    client = client_for("business_manager")
    everything = _audit_log(client).context["entries"]
    by_action = _audit_log(client, action="auth.", to="not a date").context["entries"]
    assert len(by_action) and all(entry.action.startswith("auth.") for entry in by_action)
    assert len(by_action) <= len(everything)


def test_a_signed_in_person_sent_to_the_sign_in_page_itself_goes_home(world, client_for):
    response = client_for("member").get(reverse("login"), {"next": reverse("login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_signed_in_person_is_still_sent_on_to_next(world, client_for):
    target = reverse("boards:dashboard", kwargs={"board_slug": "home-board"})
    response = client_for("member").get(reverse("login"), {"next": target})
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("value", "number"),
    [("", 7), (None, 7), ("3", 3), ("0", 0), ("9999999999999999999999999", None), ("²", None), ("-1", None)],
)
def test_a_whole_number_from_a_query_string_is_a_small_number_or_nothing(value, number):
    assert whole_number_param(value, default=7) == number


@pytest.fixture
def saved_section(world):
    _report, (section,) = report_with_sections(world)
    save_section_text(access_for(world, "agency_author"), section, html="<p>Ours.</p>", base_version=0)
    section.refresh_from_db()
    return section


@pytest.mark.parametrize("version", ["²", "9999999999999999999999999"])
def test_preview_as_pdf_with_a_version_that_is_no_number_takes_the_latest(world, client_for, saved_section, version):
    response = client_for("agency_author").post(url("section_pdf", saved_section), {"version": version})
    assert response.status_code == 302 and "/render-jobs/" in response["Location"]


@pytest.mark.parametrize("bad", ["9999999999999999999999999", "²", "x"])
def test_comparing_versions_that_do_not_exist_is_not_found(world, client_for, saved_section, bad):
    response = client_for("agency_author").get(url("section_diff", saved_section), {"from": bad})
    assert response.status_code == 404


def test_characters_xml_forbids_never_reach_a_saved_text():
    assert clean_html("<p>One\x01 two\x0b three\ufffe</p>") == "<p>One two three</p>"


def test_a_frozen_section_holding_a_control_character_still_exports_to_word():
    # Text frozen in a revision before the sanitiser dropped such characters.
    snapshot = demo_snapshot(1)
    snapshot["sections"][0]["html"] = "<p>Before\x01after</p>"
    snapshot["sections"][0]["title"] = "Foreword\x02"
    data = render_docx(snapshot)
    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)
    assert "Beforeafter" in text and "Foreword" in text


def _upload_values(client, world, text):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    url = reverse("boards:indicator_upload", kwargs={"board_slug": world.board.slug})
    return client.post(url, {"file": SimpleUploadedFile("values.csv", text.encode("utf-8"), content_type="text/csv")})


def test_a_scorecard_upload_with_a_nul_byte_or_an_oversized_number_lists_the_rows_and_saves_nothing(world, client_for):
    from boards.models import IndicatorValue  # noqa: PLC0415
    from boards.tests.factories import IndicatorFactory  # noqa: PLC0415

    IndicatorFactory(board=world.board, code="ehc-new", unit="number")
    text = (
        "reference,period_end,value,commentary\n"
        "ehc-new,2025-06-30,12,Fine\n"
        "ehc-new,2025-09-30,13,Bad\x00byte\n"  # row 3
        "ehc-new,2025-12-31,99999999999999999999999,\n"  # row 4
    )
    response = _upload_values(client_for("business_manager"), world, text)
    assert response.status_code == 200
    errors = dict(response.context["upload_errors"])
    assert errors[3] == "commentary holds a control character (such as NUL) that cannot be stored"
    assert errors[4].startswith("value: “99999999999999999999999”: Ensure that there are no more than 12 digits")
    assert IndicatorValue.objects.count() == 0


def test_two_people_adding_the_same_agencys_contribution_at_once_get_a_message_not_a_500(world):
    """Both forms were valid when checked (neither was saved yet), as with two requests at once."""
    from boards.forms.budget import ContributionForm  # noqa: PLC0415
    from boards.models import Contribution  # noqa: PLC0415
    from boards.services import RecordError, save_form  # noqa: PLC0415
    from boards.tests.factories import BudgetFactory  # noqa: PLC0415
    from lscb.permissions import BoardAccess  # noqa: PLC0415

    budget = BudgetFactory(board=world.board)
    data = {"agency": world.agency.pk, "cash": "1000", "in_kind": "0"}
    first, second = (ContributionForm(data, board=world.board, budget=budget) for _ in range(2))
    assert first.is_valid() and second.is_valid()
    access = BoardAccess.for_user(world.user("business_manager"), world.board)
    save_form(access, first, "boards.budget.contribution_added")
    with pytest.raises(RecordError, match="Someone saved the same record a moment ago"):
        save_form(access, second, "boards.budget.contribution_added")
    assert Contribution.objects.filter(budget=budget).count() == 1

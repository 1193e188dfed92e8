"""Every form answers hostile input without a server error (hypothesis; rows from the matrix).

LSCB_FUZZ_EXAMPLES sets the examples per form (5 here; `make security-report` uses more)."""

import pytest

from lscb import fuzz
from lscb.tests.test_permission_matrix import ROWS

FUZZ_ROWS = fuzz.fuzz_rows(ROWS)


def test_there_are_forms_to_fuzz():
    assert any(row.method == "post" for row in FUZZ_ROWS)


@pytest.mark.parametrize("row", FUZZ_ROWS, ids=[str(row) for row in FUZZ_ROWS])
def test_no_input_gives_a_server_error(row, world, client_for):
    persona, targets = fuzz.targets_for(row, world, client_for)
    stats = fuzz.FuzzStats()
    for url, names in targets:
        fuzz.fuzz_target(client_for, persona, url, names, stats, fuzz.example_count())
    fuzz.write_stats(stats)
    assert stats.server_errors == [], stats.server_errors[:5]


GET_ROWS = [row for row in FUZZ_ROWS if row.method == "get"]


def test_query_parameters_are_found_in_forms_views_and_filter_forms(world, client_for):
    from django.urls import reverse  # noqa: PLC0415

    client = client_for("business_manager")
    audit_log = reverse("boards:audit_log", kwargs={"board_slug": world.board.slug})
    assert {"action", "person", "from", "to", "page"} <= set(
        fuzz.query_parameters(audit_log, client.get(audit_log).content.decode())
    )
    actions = reverse("boards:action_list", kwargs={"board_slug": world.board.slug})
    assert {"agency", "rag", "attention"} <= set(
        fuzz.query_parameters(actions)
    )  # from ActionFilterForm, without the page


@pytest.mark.parametrize("row", GET_ROWS, ids=[str(row) for row in GET_ROWS])
def test_no_query_parameter_gives_a_server_error(row, world, client_for):
    from django.urls import reverse  # noqa: PLC0415

    persona = fuzz.persona_for(row)
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    client = client_for(persona)
    page = client.get(url)
    html = page.content.decode(errors="replace") if page.get("Content-Type", "").startswith("text/html") else ""
    stats = fuzz.FuzzStats()
    fuzz.fuzz_query(client, url, fuzz.query_parameters(url, html), stats, fuzz.example_count())
    fuzz.write_stats(stats)
    assert stats.server_errors == [], stats.server_errors[:5]


def test_a_nul_byte_in_a_query_parameter_never_reaches_the_database(world, client_for):
    from django.urls import reverse  # noqa: PLC0415

    client = client_for("member")
    inspections = reverse("boards:inspection_list", kwargs={"board_slug": world.board.slug})
    assert client.get(inspections, {"inspectorate": "ofsted\x00"}).status_code == 200
    assert client.get(f"{inspections}?inspectorate=%00&%00=1").status_code == 200


# The pages with a file field: named "upload", and those whose upload is one field among others.
UPLOADS_NOT_SO_NAMED = {"reviews:document_add", "assurance:answer_edit"}
UPLOAD_ROWS = [row for row in FUZZ_ROWS if "upload" in row.url_name or row.url_name in UPLOADS_NOT_SO_NAMED]


def test_every_upload_form_is_sent_every_hostile_file(world, client_for):
    assert {row.url_name for row in UPLOAD_ROWS} >= {
        "boards:indicator_upload",
        "boards:attendance_upload",
        "reviews:document_add",
        "reports:section_upload",
        "learning:attendance_upload",
        "assurance:answer_edit",
    }
    for row in UPLOAD_ROWS:
        persona, targets = fuzz.targets_for(row, world, client_for)
        stats = fuzz.FuzzStats()
        for url, names in targets:
            fuzz.fuzz_target(client_for, persona, url, names, stats, 1)
        assert fuzz.UPLOAD_FIELDS.get(targets[0][0]), row
        assert stats.examples >= len(fuzz.HOSTILE_FILES), row
        assert stats.server_errors == [], stats.server_errors[:5]


RACE_ROWS = [row for row in FUZZ_ROWS if row.method == "post" and row.data]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("row", RACE_ROWS, ids=[str(row) for row in RACE_ROWS])
def test_the_same_form_posted_twice_at_once_gives_no_server_error(row, world):
    from django.test import Client  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from lscb.testing import verify_session  # noqa: PLC0415

    user = world.user(fuzz.persona_for(row))
    url = reverse(row.url_name, kwargs=row.kwargs(world))

    def signed_in():
        client = Client()
        client.force_login(user)
        verify_session(client, user)
        return client

    data = row.data(world)  # once: making it may create rows, which two threads would duplicate
    stats = fuzz.race(signed_in, url, lambda: fuzz.copy_of(data), fuzz.FuzzStats())
    fuzz.write_stats(stats)
    assert stats.server_errors == [], stats.server_errors

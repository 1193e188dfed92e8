"""The old URL names kept for one release (lscb/renames.py): same address, same page; an old
address redirects members of the board to the new one, keeping the query and a posted form."""

import pytest
from django.urls import reverse

from boards import urls as boards_urls
from reports import urls as reports_urls
from reviews import urls as reviews_urls
from subgroups import urls as subgroups_urls

pytestmark = pytest.mark.django_db

MODULES = {"boards": boards_urls, "subgroups": subgroups_urls, "reviews": reviews_urls, "reports": reports_urls}
ALL_RENAMED = [(app, old, new) for app, module in MODULES.items() for old, new in module.RENAMED.items()]


@pytest.mark.parametrize(("app", "old", "new"), ALL_RENAMED, ids=[f"{a}:{o}" for a, o, _ in ALL_RENAMED])
def test_every_new_name_uses_one_verb_of_add_edit_remove_and_the_old_name_still_reverses(app, old, new):
    new_name = new[0] if isinstance(new, tuple) else new
    assert new_name.split("_")[-1] in {"add", "edit", "remove"}
    assert old.split("_")[-1] not in {"add", "edit", "remove"}
    kwargs = {"board_slug": "home-board"}
    # The same URL arguments reverse both names (an old address differs only in its last part).
    pattern = next(p for p in MODULES[app].urlpatterns if p.name == new_name)
    kwargs.update(dict.fromkeys(pattern.pattern.converters, 1))
    new_url, old_url = reverse(f"{app}:{new_name}", kwargs=kwargs), reverse(f"{app}:{old}", kwargs=kwargs)
    assert (new_url == old_url) is not isinstance(new, tuple)


def test_an_old_address_redirects_a_member_keeping_the_query(world, client_for):
    old = reverse("reports:report_create", kwargs={"board_slug": world.board.slug})
    response = client_for("business_manager").get(old + "?year=2026")
    assert response.status_code == 301
    assert response["Location"] == reverse("reports:report_add", kwargs={"board_slug": world.board.slug}) + "?year=2026"


def test_a_form_posted_to_an_old_address_is_sent_on_with_its_method(world, client_for):
    old = reverse("reports:report_create", kwargs={"board_slug": world.board.slug})
    response = client_for("business_manager").post(old, {"financial_year": "2026"})
    assert response.status_code == 308
    assert response["Location"] == reverse("reports:report_add", kwargs={"board_slug": world.board.slug})


def test_an_old_address_tells_an_outsider_nothing(world, client_for):
    old = reverse("reports:report_create", kwargs={"board_slug": world.board.slug})
    assert client_for("other_board_member").get(old).status_code == 404
    assert client_for("anonymous").get(old)["Location"].startswith(reverse("login"))

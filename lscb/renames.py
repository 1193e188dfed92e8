"""URL names with one verb per act: add, edit, remove (REDESIGN §4.3).

The old names are kept for one release. Each app's urls.py ends with
`urlpatterns += old_names(app_name, urlpatterns, RENAMED)`, RENAMED being {old: new} or, where the
address changed too, {old: (new, old route)}:
- the address is the same: the old name names the same page (it is listed after the new one, so
  the new pattern answers);
- the address changed (…/change/ → …/edit/): the old address redirects to the new one, keeping the
  query (301 for GET and HEAD, 308 for a form posted to it, so it is posted again). Only members
  of the board are redirected: anyone else meets the permission layer first (sign in, or 404).

Delete the old names (and these patterns) in the release after the rename.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse

from lscb.permissions import Capability, board_view

PERMANENT_REDIRECT_KEEPING_METHOD = 308


def moved_to(new_name):
    """A view that sends the old address to `new_name` with the same URL arguments."""

    @board_view(Capability.VIEW_BOARD)
    def moved(request, access, **kwargs):
        url = reverse(new_name, kwargs={"board_slug": access.board.slug, **kwargs})
        if query := request.META.get("QUERY_STRING", ""):
            url = f"{url}?{query}"
        response = HttpResponsePermanentRedirect(url)
        if request.method not in ("GET", "HEAD"):
            response.status_code = PERMANENT_REDIRECT_KEEPING_METHOD
        return response

    return moved


def old_names(app_name, urlpatterns, renamed):
    """The patterns that keep the old names of `renamed` working for one release."""
    by_name = {pattern.name: pattern for pattern in urlpatterns if getattr(pattern, "name", None)}
    patterns = []
    for old, new in renamed.items():
        new, old_route = new if isinstance(new, tuple) else (new, None)
        target = by_name[new]
        if old_route is None:
            patterns.append(path(str(target.pattern), target.callback, name=old))
        else:
            patterns.append(path(old_route, moved_to(f"{app_name}:{new}"), name=old))
    return patterns

"""Navigation for the header: the current board and the links the user's roles open."""

from django.urls import reverse


def navigation(request):
    access = getattr(request, "board_access", None)
    if access is None:
        return {"nav_items": [], "current_board": None}
    slug = access.board.slug
    items = [("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": slug}))]
    items.extend(_extra_items(access, slug))
    if access.can_view_audit_log:
        items.append(("Audit log", reverse("boards:audit_log", kwargs={"board_slug": slug})))
    current = request.path
    nav_items = [
        {"label": label, "url": url, "active": current == url or (url != items[0][1] and current.startswith(url))}
        for label, url in items
    ]
    return {"nav_items": nav_items, "current_board": access.board, "access": access}


def _extra_items(access, slug):
    """Links contributed by apps, each shown only to roles that can use it."""
    from lscb.navigation import registered_items

    for item in registered_items():
        if access.can(item.capability):
            yield item.label, reverse(item.url_name, kwargs={"board_slug": slug})

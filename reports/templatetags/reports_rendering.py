"""Template tags for the files made from a report revision (used by reports/_render_panel.html)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel_rows(context, revision):
    """[{kind, job}] of the revision's files for the person viewing the page, or [] if they may
    not make or download them (e.g. a member looking at a draft). One query."""
    from reports.services.rendering import may_render  # noqa: PLC0415
    from reports.views.rendering import latest_jobs  # noqa: PLC0415

    access = context.get("access")
    if access is None or revision is None or not may_render(access, revision):
        return []
    return latest_jobs(revision)

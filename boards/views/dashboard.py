from django.template.loader import render_to_string
from django.utils import timezone

from lscb.dashboard import panels_for
from lscb.pages import BoardPage
from lscb.permissions import Capability


class DashboardView(BoardPage):
    """What is waiting for me on this board, by role."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/dashboard.html"
    title = "Dashboard"

    def get_breadcrumbs(self):
        return []  # the trail starts here

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shared = {"board": self.board, "access": self.access, "today": timezone.localdate()}
        panels = panels_for(self.access)
        for panel in panels:
            panel.html = render_to_string(panel.template, {**shared, **panel.context, "panel": panel}, self.request)
        context["panels"] = panels
        return context

from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView

from lscb.dashboard import panels_for
from lscb.permissions import BoardView, Capability


class DashboardView(BoardView, TemplateView):
    """What is waiting for me on this board, by role."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shared = {"board": self.board, "access": self.access, "today": timezone.localdate()}
        panels = panels_for(self.access)
        for panel in panels:
            panel.html = render_to_string(panel.template, {**shared, **panel.context, "panel": panel}, self.request)
        context["panels"] = panels
        return context

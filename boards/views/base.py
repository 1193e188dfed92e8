"""What the board's records pages share on top of the page kit (lscb.pages).

- `Loads`: the page's records, fetched after the permission layer's checks (it sits behind the
  kit's page in the bases, as reviews' ReviewLoader does), through `get_object_for_user`, so
  another board's id is a 404.
- `RecordFormPage`: add or change one record with a board model form; boards.services.save_form
  saves and audits it as `audit_action`.
"""

from django.views import View

from boards import services
from lscb.pages import FormPage
from lscb.permissions import Capability


class Loads(View):
    def dispatch(self, request, *args, **kwargs):
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        """Set the records the page is about (self.object, a parent…)."""


class RecordFormPage(FormPage, Loads):
    capability = Capability.MANAGE_BOARD
    audit_action = ""  # e.g. "boards.agency.updated"
    object = None

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "board": self.board}
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def run(self, form):
        return services.save_form(self.access, form, self.audit_action)

    def cancel_url(self):
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}

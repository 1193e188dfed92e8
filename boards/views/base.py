"""What the board's records pages share on top of the page kit (lscb.pages).

- `RecordFormPage`: add or change one record with a board model form; boards.services.save_form
  saves and audits it as `audit_action`.
"""

from boards import services
from lscb.history import change_log
from lscb.pages import FormPage, Loads
from lscb.permissions import Capability


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


class SavedFormPage(FormPage, Loads):
    """Add or change one record of the plan, scorecard, inspections or yearly figures, with the
    record's change history under the form. boards.services.save_record saves and audits it as
    `audit_action`.created / .updated; `new_fields()` are set on a new record (its board, its parent)."""

    capability = Capability.MANAGE_BOARD
    audit_action = ""  # e.g. "boards.priority"
    object = None
    show_history = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def new_fields(self):
        return {}

    def save(self, form):
        return services.save_record(self.access, form, self.audit_action, **self.new_fields())

    def run(self, form):
        self.added = form.instance.pk is None
        return self.save(form)

    def get_success_message(self):
        return f"{'Added' if self.added else 'Saved'}: {self.object}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editing = self.object is not None and self.object.pk and self.show_history
        context.update(object=self.object, history=change_log(self.object.history.all()) if editing else None)
        return context

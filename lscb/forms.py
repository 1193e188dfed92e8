"""The one base form: every form in lscb renders with the GOV.UK helper."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms


class GovukFormMixin:
    submit_label = "Save"
    # False when the page's template writes the <form> itself (to add hidden fields of its own).
    form_tag = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The GOV.UK pattern: the server validates and the error summary reports every problem;
        # the browser's own validation (its pop-up bubbles, one at a time) is switched off.
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_tag = self.form_tag
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.add_input(Submit("submit", self.submit_label))
        for field in self.fields.values():
            name_required_field(field)


REQUIRED_DEFAULT = forms.Field.default_error_messages["required"]


def name_required_field(field):
    """An error summary names the field ("Enter the number of reviews completed"), never Django's
    "This field is required." twice; a form's own message for a field is kept."""
    if field.error_messages.get("required") != REQUIRED_DEFAULT or not field.label:
        return
    label = str(field.label).rstrip(" ?:")
    # Lower-case the first word unless it is an acronym or a name ("CDOP", "LADO", "Ofsted").
    first, _, rest = label.partition(" ")
    if not (first.isupper() or first[:1].isupper() and not first[1:].islower()):
        label = f"{first[:1].lower()}{first[1:]} {rest}".strip()
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        message = f"Select the {label}" if not isinstance(field, forms.BooleanField) else f"Tick {label}"
    elif isinstance(field, forms.IntegerField | forms.DecimalField) and not label.startswith(("number", "amount")):
        message = f"Enter the number of {label}" if isinstance(field, forms.IntegerField) else f"Enter the {label}"
    elif isinstance(field, forms.FileField):
        message = f"Choose the {label}"
    else:
        message = f"Enter the {label}"
    field.error_messages = {**field.error_messages, "required": message}


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class AuditLogFilterForm(forms.Form):
    """The audit log's filters (GET). A value that is no filter (a NUL byte, a date that is not
    one) is said so on the page and ignored, never sent to the database."""

    LOOKUPS = {
        "action": "action__startswith",
        "person": "actor_label__icontains",
        "from": "at__date__gte",
        "to": "at__date__lte",
    }

    action = forms.CharField(label="Action starts with", required=False, max_length=100)
    person = forms.CharField(label="Person", required=False, max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the date fields are added here.
        for name, label in (("from", "From (date)"), ("to", "To (date)")):
            self.fields[name] = forms.DateField(
                label=label, required=False, error_messages={"invalid": "Enter a real date"}
            )

    def filter(self, entries):
        """`entries` narrowed by every valid, non-empty filter."""
        self.is_valid()
        valid = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
        return entries.filter(**{self.LOOKUPS[name]: value for name, value in valid.items()})


def whole_number_param(value, default=None, maximum=1_000_000):
    """A whole number from a query string or a hidden field (a version, a page), or `default` when
    there is none; None for anything else, a huge number too (which SQLite cannot even compare)."""
    if value is None or value == "":
        return default
    value = str(value).strip()
    if not value.isascii() or not value.isdigit() or int(value) > maximum:
        return None
    return int(value)


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in: the page says what will happen, the button does it.
    The page kit's template (lscb/pages/confirm.html) writes the button beside "No, go back"."""


class DateInput(forms.DateInput):
    """A native date input: accessible, and it parses ISO dates without JavaScript."""

    input_type = "date"

    def __init__(self, attrs=None):
        # crispy-forms-gds renders type="date" as the bare widget: give it the GOV.UK input style.
        attrs = {"class": "govuk-input govuk-input--width-10", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RichTextarea(forms.Textarea):
    """The rich-text box: a textarea that works on its own (the plain-text convention,
    lscb/plain_text.py), which static/js/rich_text.js turns into the editor. The note under it
    says which of the two the person is using; the script rewrites it when the editor starts."""

    template_name = "lscb/widgets/rich_text.html"

    def __init__(self, attrs=None):
        # crispy-forms-gds styles only a widget it knows by class name: give the GOV.UK class here.
        super().__init__(attrs={"class": "govuk-textarea", "data-rich-text": "true", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["mode_id"] = f"{widget_id}_mode"
        # The mode note is part of the box's description, after the field's own hint.
        described = context["widget"]["attrs"].get("aria-describedby", "")
        context["widget"]["attrs"]["aria-describedby"] = f"{described} {widget_id}_mode".strip()
        return context


class RichTextField(forms.CharField):
    """Rich text: the editor's HTML, or plain text in the convention lscb/plain_text.py documents
    (typed without JavaScript); sanitised with nh3 on clean, so only safe HTML is ever stored.
    Every rich-text field in lscb uses this class: the XSS test finds them by it."""

    def __init__(self, *args, rows=12, **kwargs):
        kwargs.setdefault("widget", RichTextarea(attrs={"rows": rows}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        from lscb.plain_text import rich_text_to_html  # noqa: PLC0415
        from lscb.sanitise import clean_html  # noqa: PLC0415

        return clean_html(rich_text_to_html(super().clean(value) or ""))

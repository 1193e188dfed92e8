"""Pieces shared by the records forms: money, whole numbers, dates in order, board-scoped forms."""

from decimal import Decimal

from django import forms

from lscb.forms import GovukForm, GovukModelForm


def _escaped(label):
    """Django %-formats field error messages with their params: a literal % must be doubled."""
    return label.replace("%", "%%")


class MoneyField(forms.DecimalField):
    """A DecimalField that also accepts "£1,250.50" as people type money."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("£").strip()
        return super().to_python(value)


def money_field(label, required=True, help_text=""):
    """Pounds and pence, never negative; a text input (crispy-forms-gds leaves number inputs unstyled)."""
    name = _escaped(label)
    return MoneyField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={
            "min_value": f"{name} must be £0 or more",
            "invalid": f"{name} must be an amount of money, like 1250 or 1250.50",
            "required": f"Enter the {name.lower()}",
            "max_digits": f"{name} is too large",
            "max_decimal_places": f"{name} must have no more than 2 decimal places (pence)",
            "max_whole_digits": f"{name} is too large",
        },
    )


def whole_number_field(label, min_value=None, max_value=None, required=True, help_text=""):
    name = _escaped(label)
    messages = {"invalid": f"{name} must be a whole number", "required": f"Enter the {name.lower()}"}
    if min_value is not None and max_value is not None:
        messages["min_value"] = messages["max_value"] = f"{name} must be between {min_value} and {max_value}"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4", "spellcheck": "false"}),
        error_messages=messages,
    )


def check_dates_in_order(form, start_field, end_field, message=None):
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end < start:
        form.add_error(end_field, message or "The end date must be the same as or after the start date")


class BoardFormMixin:
    """A form for one board's records: takes `board`, limits choices to the board, sets it on save."""

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)


class BoardModelForm(BoardFormMixin, GovukModelForm):
    board_field = "board"  # the model's link to the board, set on new records

    def save(self, commit=True):
        if self.board_field and not getattr(self.instance, f"{self.board_field}_id", None):
            setattr(self.instance, self.board_field, self.board)
        return super().save(commit=commit)


class BoardForm(BoardFormMixin, GovukForm):
    pass


def unique_name_in(queryset, name, instance, field="name"):
    """True if no other row in `queryset` has this name (ignoring case and surrounding spaces)."""
    clash = queryset.filter(**{f"{field}__iexact": name.strip()})
    if instance is not None and instance.pk:
        clash = clash.exclude(pk=instance.pk)
    return not clash.exists()

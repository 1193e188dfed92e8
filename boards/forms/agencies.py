"""Agencies: the board's partner organisations."""

from django import forms

from boards.choices import AgencySector
from boards.forms.common import BoardForm, BoardModelForm, check_dates_in_order, unique_name_in
from boards.models import Agency
from lscb.forms import DateInput

STATUTORY_CHOICES = [("True", "Statutory partner"), ("False", "Relevant agency")]


class AgencyForm(BoardModelForm):
    is_statutory_partner = forms.TypedChoiceField(
        label="Statutory partner or relevant agency",
        choices=STATUTORY_CHOICES,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose statutory partner or relevant agency"},
    )

    class Meta:
        model = Agency
        fields = ["name", "sector", "is_statutory_partner", "active_from", "active_to"]
        labels = {
            "name": "Agency name",
            "active_from": "Partner from (optional)",
            "active_to": "Partner until (optional)",
        }
        help_texts = {"active_to": "Set this when the agency stops being a partner; its records are kept."}
        widgets = {"active_from": DateInput(), "active_to": DateInput()}
        error_messages = {
            "name": {"required": "Enter the agency's name"},
            "sector": {"required": "Choose the agency's sector"},
            "active_from": {"invalid": "Enter a real date"},
            "active_to": {"invalid": "Enter a real date"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", "Choose a sector")] + list(AgencySector.choices)
        if self.instance.pk:
            self.initial["is_statutory_partner"] = str(self.instance.is_statutory_partner)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not unique_name_in(Agency.objects.filter(board=self.board), name, self.instance):
            raise forms.ValidationError("The board already has an agency with this name")
        return name

    def clean(self):
        cleaned = super().clean()
        check_dates_in_order(
            self, "active_from", "active_to", "“Partner until” must be the same as or after “Partner from”"
        )
        return cleaned


class AgencyFilterForm(BoardForm):
    """Filters on the agency list (GET)."""

    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "All sectors")] + list(AgencySector.choices)
    )
    statutory = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[
            ("", "Statutory partners and relevant agencies"),
            ("yes", "Statutory partners"),
            ("no", "Relevant agencies"),
        ],
    )
    active = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Active and former"), ("yes", "Active today"), ("no", "Not active today")],
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["sector"]:
            queryset = queryset.filter(sector=data["sector"])
        if data["statutory"]:
            queryset = queryset.filter(is_statutory_partner=data["statutory"] == "yes")
        if data["active"] == "yes":
            queryset = queryset.active()
        elif data["active"] == "no":
            queryset = queryset.inactive()
        return queryset

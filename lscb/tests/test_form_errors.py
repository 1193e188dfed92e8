"""Error summaries name the field (issue 16): never "This field is required." for every field."""

from django import forms

from lscb.forms import GovukForm


class _Form(GovukForm):
    reviews_completed = forms.IntegerField(label="Reviews completed")
    title = forms.CharField(label="Title")
    agency = forms.ChoiceField(label="Owning agency", choices=[("1", "Police")])
    cdop = forms.CharField(label="CDOP commentary")
    own = forms.CharField(label="Own", error_messages={"required": "Say what changed"})


def test_each_required_field_has_its_own_message_naming_it():
    errors = _Form(data={}).errors
    assert errors["reviews_completed"] == ["Enter the number of reviews completed"]
    assert errors["title"] == ["Enter the title"]
    assert errors["agency"] == ["Select the owning agency"]
    assert errors["cdop"] == ["Enter the CDOP commentary"]
    assert errors["own"] == ["Say what changed"]  # a form's own message is kept
    assert all("This field is required." not in e for e in errors.values())

"""People and their memberships of the board (role, agency, term, deputy)."""

from django import forms
from django.db import transaction

from boards.choices import Role
from boards.forms.common import BoardForm, BoardModelForm, check_dates_in_order
from boards.forms.settings import people_on_board
from boards.models import Agency, Membership, Person
from lscb.forms import DateInput

MEMBERSHIP_ERRORS = {
    "role": {"required": "Choose the role"},
    "start_date": {"required": "Enter the date the term started", "invalid": "Enter a real date"},
    "end_date": {"invalid": "Enter a real date"},
}


class MembershipForm(BoardModelForm):
    """A membership of this board; on a new one, either an existing person or a new person."""

    existing_person = forms.ModelChoiceField(
        label="Person already on the board",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Someone new (enter their details below)",
        help_text="Choose someone who already has a role on this board, or leave this and enter a new person.",
    )
    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)

    class Meta:
        model = Membership
        fields = ["role", "agency", "start_date", "end_date", "deputy"]
        labels = {
            "agency": "Agency (needed for agency authors)",
            "start_date": "Term starts",
            "end_date": "Term ends (optional)",
            "deputy": "Deputy (optional)",
        }
        help_texts = {"deputy": "Who attends in this member's place. Add the deputy to the board first."}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = MEMBERSHIP_ERRORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_on_board(self.board).order_by("full_name")
        self.fields["agency"].queryset = Agency.objects.filter(board=self.board)
        self.fields["agency"].empty_label = "No agency"
        self.fields["deputy"].queryset = people
        self.fields["deputy"].empty_label = "No deputy"
        self.fields["role"].choices = [("", "Choose a role")] + list(Role.choices)
        if self.instance.pk:  # the person of an existing membership does not change
            for name in ("existing_person", "full_name", "email", "job_title"):
                del self.fields[name]
        else:
            self.fields["existing_person"].queryset = people
            self.order_fields(["existing_person", "full_name", "email", "job_title"])

    @property
    def person(self):
        return self.instance.person if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        check_dates_in_order(self, "start_date", "end_date")
        if not self.instance.pk:
            existing, name = cleaned.get("existing_person"), (cleaned.get("full_name") or "").strip()
            if existing and name:
                self.add_error("full_name", "Either choose a person already on the board or enter a new name, not both")
            elif not existing and not name:
                self.add_error("full_name", "Enter the person's full name, or choose someone already on the board")
        person = self.instance.person if self.instance.pk else cleaned.get("existing_person")
        if cleaned.get("role") in Role.needing_agency() and not cleaned.get("agency"):
            self.add_error("agency", "Choose the agency this author writes for")
        deputy = cleaned.get("deputy")
        if deputy and person and deputy.pk == person.pk:
            self.add_error("deputy", "A member cannot be their own deputy")
        return cleaned

    def save(self, commit=True):
        with transaction.atomic():
            if not self.instance.pk:
                person = self.cleaned_data.get("existing_person")
                if person is None:
                    person = Person.objects.create(
                        full_name=self.cleaned_data["full_name"].strip(),
                        email=self.cleaned_data.get("email", ""),
                        job_title=self.cleaned_data.get("job_title", ""),
                    )
                self.instance.person = person
            return super().save(commit=commit)


class PersonForm(BoardModelForm):
    board_field = None

    class Meta:
        model = Person
        fields = ["full_name", "email", "job_title"]
        labels = {"full_name": "Full name", "email": "Email address (optional)", "job_title": "Job title (optional)"}
        error_messages = {
            "full_name": {"required": "Enter the person's full name"},
            "email": {"invalid": "Enter an email address like name@example.org"},
        }


class EndMembershipForm(BoardForm):
    submit_label = "End membership"
    end_date = forms.DateField(
        label="Last day of the term",
        widget=DateInput(),
        error_messages={"required": "Enter the last day of the term", "invalid": "Enter a real date"},
    )


class MembershipFilterForm(BoardForm):
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles")] + list(Role.choices))
    agency = forms.ModelChoiceField(
        label="Agency", required=False, queryset=Agency.objects.none(), empty_label="All agencies"
    )
    current = forms.ChoiceField(
        label="Term",
        required=False,
        choices=[("yes", "Current members"), ("no", "Past members"), ("all", "Current and past")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=self.board)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.active()
        data = self.cleaned_data
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["agency"]:
            queryset = queryset.filter(agency=data["agency"])
        current = data["current"] or "yes"
        if current == "yes":
            queryset = queryset.active()
        elif current == "no":
            queryset = queryset.exclude(pk__in=queryset.active().values("pk"))
        return queryset

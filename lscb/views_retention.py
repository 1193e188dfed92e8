"""The board's retention page: periods per record class, legal holds, records due for review."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from lscb import audit, retention
from lscb.forms import GovukForm
from lscb.models import RetentionPolicy
from lscb.permissions import Capability, board_view


class RetentionPolicyForm(GovukForm):
    submit_label = "Save retention period"
    years = forms.CharField(
        label="Years to keep before review",
        help_text="Counted from the record's date. Between 1 and 100.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    legal_hold = forms.BooleanField(
        label="Legal hold: keep every record and do not list any for review", required=False
    )
    legal_hold_reason = forms.CharField(
        label="Reason for the legal hold",
        required=False,
        max_length=300,
        help_text="For example an inquiry or a claim.",
    )

    def clean_years(self):
        value = self.cleaned_data["years"].strip()
        if not value.isdigit() or not 1 <= int(value) <= 100:
            raise forms.ValidationError("Enter a whole number of years between 1 and 100")
        return int(value)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_hold") and not cleaned.get("legal_hold_reason", "").strip():
            self.add_error("legal_hold_reason", "Enter the reason for the legal hold")
        return cleaned


@board_view(Capability.MANAGE_BOARD)
def retention_list(request, access):
    lines = retention.review_list(access.board)
    return render(request, "lscb/retention.html", {"board": access.board, "access": access, "lines": lines})


@board_view(Capability.MANAGE_BOARD)
def retention_edit(request, access, record_class):
    try:
        rc = next(rc for rc in retention.record_classes() if rc.key == record_class)
    except StopIteration as exc:
        raise Http404("No such record class") from exc
    policy = RetentionPolicy.objects.filter(board=access.board, record_class=rc.key).first()
    initial = (
        {"years": policy.years, "legal_hold": policy.legal_hold, "legal_hold_reason": policy.legal_hold_reason}
        if policy
        else {"years": rc.default_years}
    )
    form = RetentionPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            policy, _ = RetentionPolicy.objects.update_or_create(
                board=access.board,
                record_class=rc.key,
                defaults={
                    "years": data["years"],
                    "legal_hold": data["legal_hold"],
                    "legal_hold_reason": data["legal_hold_reason"] if data["legal_hold"] else "",
                    "updated_by": request.user,
                },
            )
            audit.record(
                "lscb.retention.policy_set",
                actor=request.user,
                board=access.board,
                target=policy,
                record_class=rc.key,
                years=data["years"],
                legal_hold=data["legal_hold"],
            )
        messages.success(request, f"Retention period for {rc.label.lower()} saved.")
        return redirect("retention", board_slug=access.board.slug)
    return render(
        request,
        "lscb/retention_edit.html",
        {"board": access.board, "access": access, "form": form, "record_class": rc},
    )

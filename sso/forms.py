import re

from django import forms

from lscb.forms import GovukForm

# A host name: labels of letters, digits and hyphens, with at least one dot ("police.uk").
DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
MAX_DOMAINS = 50


class SignOnSettingsForm(GovukForm):
    submit_label = "Save single sign-on settings"

    allowed_domains = forms.CharField(
        label="E-mail domains whose organisation accounts may sign in",
        help_text="One per line, for example example-council.gov.uk or nhs.net. People sign in with their "
        "organisation account only if their e-mail address here ends with one of these. Leave empty to "
        "turn single sign-on off for this board.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
    )
    accept_identity_provider_mfa = forms.BooleanField(
        label="Accept the organisation's two-factor sign-in instead of a code from our authenticator app",
        help_text="Only if your partners' sign-in asks for a second factor (Microsoft Entra ID multi-factor "
        "authentication). Business managers and chairs who sign in without it still enter a code.",
        required=False,
    )

    def clean_allowed_domains(self):
        domains = []
        for line in self.cleaned_data["allowed_domains"].splitlines():
            domain = line.strip().lower().lstrip("@").rstrip(".")
            if not domain:
                continue
            if not DOMAIN.match(domain):
                raise forms.ValidationError(
                    f"“{line.strip()[:60]}” is not an e-mail domain. Enter domains like example-council.gov.uk, one per line."
                )
            if domain not in domains:
                domains.append(domain)
        if len(domains) > MAX_DOMAINS:
            raise forms.ValidationError(f"Enter at most {MAX_DOMAINS} domains.")
        return domains

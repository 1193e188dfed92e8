"""A board's rules for single sign-on: which organisations' accounts it accepts, and whether it
takes their two-factor sign-in instead of ours."""

from django.db import models
from simple_history.models import HistoricalRecords

from boards.models import Board


def email_domain(email: str) -> str:
    """'Jo@Police.UK' -> 'police.uk' ('' for something without an @)."""
    local, at, domain = email.strip().rpartition("@")
    return domain.lower().rstrip(".") if at and local else ""


class BoardSignOnSettings(models.Model):
    """How people of one board may sign in with their organisation's account (Microsoft Entra ID):
    the e-mail domains of the partner agencies it accepts (a council's, the NHS's, the police's),
    and whether the organisation's own multi-factor sign-in stands in for our authenticator-app code.
    A board without a row accepts no single sign-on."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="sign_on_settings")
    # One domain per line, lower case, without "@": "example-council.gov.uk".
    allowed_domains = models.TextField("E-mail domains", blank=True)
    accept_identity_provider_mfa = models.BooleanField(
        "Accept the organisation's two-factor sign-in instead of an authenticator-app code", default=False
    )
    # Who changed what, when: the row history (shown under the settings form).
    history = HistoricalRecords()

    class Meta:
        verbose_name = "board single sign-on settings"
        verbose_name_plural = "board single sign-on settings"

    def __str__(self):
        return f"Single sign-on for {self.board}"

    @property
    def domains(self) -> list[str]:
        return [line.strip().lower() for line in self.allowed_domains.splitlines() if line.strip()]

    def allows(self, email: str) -> bool:
        domain = email_domain(email)
        return bool(domain) and domain in self.domains

"""E-mails to members of a board. Each e-mail is a subject / text / HTML template triplet
(<prefix>_subject.txt, <prefix>_body.txt, <prefix>_body.html; STYLE.md); links are absolute
(SITE_URL). The backend is the console one unless configured."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def site_url(path: str) -> str:
    """An absolute link for e-mails (SITE_URL, if the project sets it, else a local default)."""
    base = getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def membership_emails(memberships) -> list[str]:
    """The people's addresses (their own, else their sign-in account's), each once, in order.
    Select `person__user` with the memberships."""
    found = []
    for membership in memberships:
        email = membership.person.email or (membership.person.user.email if membership.person.user_id else "")
        if email and email not in found:
            found.append(email)
    return found


def send(prefix: str, context: dict, recipients: list[str]) -> bool:
    """Send one e-mail built from the templates `<prefix>_{subject.txt,body.txt,body.html}`."""
    if not recipients:
        return False
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    text = render_to_string(f"{prefix}_body.txt", context)
    html = render_to_string(f"{prefix}_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()
    return True

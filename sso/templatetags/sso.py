from urllib.parse import urlencode

from django import template
from django.urls import reverse

from sso import config

register = template.Library()


@register.inclusion_tag("sso/_sign_in_button.html")
def sso_sign_in_button(next_url=""):
    """The "Sign in with your organisation account" button, when this deployment has single sign-on."""
    url = reverse("sso:start")
    return {"sso_enabled": config.enabled(), "start_url": f"{url}?{urlencode({'next': next_url})}" if next_url else url}

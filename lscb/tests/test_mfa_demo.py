"""The demo's manager and chair can sign in: a DEMO-ONLY authenticator and `demo_totp`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from boards.tests.factories import person_with_login
from lscb import demo


@pytest.fixture
def demo_manager(db):
    user = person_with_login("manager", "Priya Shah", password="demo-pass-2026").user
    demo.load(None)
    demo.load(None)  # idempotent, as load_demo's loaders must be
    return user


def test_demo_manager_gets_one_demo_device_with_the_published_secret(demo_manager):
    device = TOTPDevice.objects.get(user=demo_manager)
    assert device.confirmed
    assert device.key == demo.hex_key(demo.DEMO_TOTP_SECRETS["manager"])


def test_demo_totp_refuses_without_debug(demo_manager, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_totp", "manager", stdout=io.StringIO())


def test_demo_totp_prints_a_code_that_signs_the_manager_in(demo_manager, settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_totp", "manager", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    client.post(reverse("login"), {"username": "manager", "password": "demo-pass-2026"})
    assert client.post(reverse("mfa_verify"), {"code": code})["Location"] == reverse("home")


def test_load_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())

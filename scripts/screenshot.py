"""Sign in to a running lscb and take full-page screenshots, to look at pages by eye.

usage: python scripts/screenshot.py BASE_URL USERNAME PASSWORD OUT_DIR PATH [PATH ...]

Managers and chairs sign in with a code: on a demo database (DEBUG) this script asks
`manage.py demo_totp USERNAME` for it, as a person would read their authenticator app.
"""

import os
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(base, username, password, out_dir, *paths):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{base}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        if "/accounts/two-factor/" in page.url:
            code = subprocess.run(  # noqa: S603 (our own manage.py, a fixed argument list)
                [sys.executable, "manage.py", "demo_totp", username],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "DJANGO_DEBUG": "true"},
            ).stdout.split()[-1]
            page.get_by_label("Code").fill(code)
            page.get_by_role("button", name="Continue").click()
        for path in paths:
            page.goto(base + path)
            name = (username + path).strip("/").replace("/", "_") or "home"
            page.screenshot(path=out / f"{name}.png", full_page=True)
            print(out / f"{name}.png", page.title())
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Copy GOV.UK Frontend from node_modules into static/vendor/govuk.

Why a script: the precompiled CSS points at /assets/…, and we must not use the GDS
Transport font (this is not a GOV.UK service). We drop the @font-face rules so the
stack falls back to Arial, and rewrite asset URLs to be relative to the CSS file.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "static" / "vendor" / "govuk"


def main() -> int:
    if not SOURCE.exists():
        print("node_modules/govuk-frontend is missing: run `npm ci` first", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "assets").mkdir(parents=True)
    shutil.copytree(SOURCE / "assets" / "images", TARGET / "assets" / "images")
    css = (SOURCE / "govuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("url(/assets/", "url(assets/")
    # The source map comment would point at a file whose content no longer matches.
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    (TARGET / "govuk-frontend.min.css").write_text(css, encoding="utf-8")
    for name in ("govuk-frontend.min.js", "govuk-frontend.min.js.map"):
        shutil.copy2(SOURCE / name, TARGET / name)
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    print(f"GOV.UK Frontend copied to {TARGET.relative_to(ROOT)}; axe-core present: {axe.exists()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

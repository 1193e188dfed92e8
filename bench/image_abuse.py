"""Benchmark: what a picture that lies about itself costs a render (issue 21, M1).

    DATABASE_URL=sqlite:////tmp/lscb-bench.sqlite3 .venv/bin/python bench/image_abuse.py [--levels 3,4]

The attack: an SVG of nested <use> elements (each level draws the one below ten times) sent as
data:image/png. For each depth it prints the payload's size, whether the sanitiser keeps it, and
the wall time of rendering a short PDF (the HWB summary) whose text still holds it, as text frozen
before the check would, so the renderer's fetcher is what stands in the way.
"""

import argparse
import base64
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def nested_use_svg(levels, copies=10):
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}" x="{i}"/>' for i in range(copies))
        defs.append(f'<g id="l{level}">{uses}</g>')
    body = f"<defs>{''.join(defs)}</defs><use href='#l{levels}'/>"
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{body}</svg>'.encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="3,4", help="depths to try (each level is ten times the work)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    import django  # noqa: PLC0415

    django.setup()
    from lscb.sanitise import clean_html  # noqa: PLC0415
    from reports.rendering.demo import demo_snapshot  # noqa: PLC0415
    from reports.rendering.pdf import render_summary_pdf, warm_up  # noqa: PLC0415

    warm_up()
    for levels in (int(value) for value in args.levels.split(",")):
        url = "data:image/png;base64," + base64.b64encode(nested_use_svg(levels)).decode()
        html = f'<p>Summary</p><img src="{url}" alt="chart">'
        kept = url in clean_html(html)
        snapshot = demo_snapshot(1)
        snapshot["executive_summary"] = {"html": html}
        started = time.monotonic()
        render_summary_pdf(snapshot)
        print(
            f"levels={levels} payload={len(url)} B kept_by_sanitiser={kept} render={time.monotonic() - started:.2f} s"
        )


if __name__ == "__main__":
    main()

"""Benchmark: render demo annual reports of about 12, 40, 120 and 400 pages to tagged PDF.

    DATABASE_URL=sqlite:////tmp/lscb-bench.sqlite3 .venv/bin/python bench/render_report.py [--sizes 12,40,120,400]

Each size runs in a fresh process that first imports WeasyPrint and renders a tiny document
(as a warm Celery worker would have done), then renders the report once and prints pages,
wall seconds, CPU seconds (user + system, the forked part-renderers included) and peak RSS
(the process's own and its largest child's). Target: a 120-page
tagged report in at most 8 s wall on a 2-core machine.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# demo_snapshot(scale) gives about this many pages (calibrated on DejaVu Sans, A4).
SCALES = {12: 0.7, 40: 3.8, 120: 12.8, 400: 43}


def one(pages_wanted, out, parallel=None):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    import django  # noqa: PLC0415

    django.setup()
    import pypdf  # noqa: PLC0415

    from reports.rendering.demo import demo_snapshot  # noqa: PLC0415
    from reports.rendering.pdf import render_pdf, warm_up  # noqa: PLC0415

    warm_up()
    snapshot = demo_snapshot(SCALES.get(pages_wanted, pages_wanted / 9.4))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    data = render_pdf(snapshot, parallel=parallel)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # The parallel renderer forks: count the children's CPU too, and their peak RSS.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    import io  # noqa: PLC0415

    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    if out:
        Path(out).write_bytes(data)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak_mb = after.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "target": pages_wanted,
                "pages": pages,
                "wall_s": wall,
                "cpu_s": cpu,
                "peak_rss_mb": peak_mb,
                "child_peak_rss_mb": child_peak_mb,
                "bytes": len(data),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", default="12,40,120,400")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help="with --one: write the PDF here")
    parser.add_argument("--keep", default="", help="folder to keep each size's PDF in")
    parser.add_argument(
        "--parallel", choices=["auto", "on", "off"], default="auto", help="two processes + stitch (auto: long reports)"
    )
    args = parser.parse_args()
    if args.one:
        one(args.one, args.out, {"auto": None, "on": True, "off": False}[args.parallel])
        return
    print(f"cores: {os.cpu_count()}  load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'target':>6} {'pages':>6} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'child MB':>9} {'s/page':>7} {'size KB':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = str(Path(args.keep) / f"report-{size}.pdf") if args.keep else ""
        result = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--out", out, "--parallel", args.parallel],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{row['target']:>6} {row['pages']:>6} {row['wall_s']:>8.2f} {row['cpu_s']:>8.2f} {row['peak_rss_mb']:>12.0f}"
            f" {row['child_peak_rss_mb']:>9.0f}"
            f" {row['wall_s'] / row['pages']:>7.3f} {row['bytes'] / 1024:>8.0f}"
        )
    print(f"cores: {os.cpu_count()}  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

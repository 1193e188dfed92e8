"""How a long report is shared between the two render processes (reports.rendering.parallel)."""

import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reports.rendering import parallel
from reports.rendering.demo import demo_snapshot
from reports.rendering.pdf import chapters

ROOT = Path(__file__).resolve().parents[2]


def section(number, html):
    return {"key": f"s{number}", "title": f"Chapter {number}", "html": html, "anchor": f"section-s{number}"}


def loads(head, middle, tail, sections):
    child = sum(parallel.layout_cost(s) for s in middle) + parallel.DOCUMENT_COST
    parent = (
        sum(parallel.layout_cost(s) for s in head + tail)
        + parallel.DOCUMENT_COST * (bool(head) + bool(tail))
        + parallel.DOCUMENT_COST
        + parallel.CONTENTS_COST_PER_CHAPTER * len(sections)
    )
    return child, parent


def test_a_big_chapter_near_the_start_goes_to_the_child_with_the_parent_taking_both_ends():
    # The bench report's shape: one long scorecard (tables and charts) early, many short
    # agency chapters after it. A single cut would leave one process with most of the work.
    sections = [section(1, "<p>x</p>" * 300), section(2, "<table>" + "<tr><td>1</td></tr>" * 2000 + "</table>")]
    sections += [section(n, "<p>" + "word " * 400 + "</p>") for n in range(3, 60)]
    head, middle, tail = parallel._split(sections)
    assert head and middle and tail
    assert sections[1] in middle
    child, parent = loads(head, middle, tail, sections)
    assert abs(child - parent) <= max(parallel.layout_cost(s) for s in sections)


def test_the_demo_report_is_stitched_from_three_parts():
    # So that the stitched-equals-one-process tests in test_pdf_rendering cover head, middle
    # and tail parts, not just two halves.
    head, middle, tail = parallel._split(chapters(demo_snapshot(1.5)))
    assert head and middle and tail


@given(st.lists(st.integers(min_value=0, max_value=200_000), min_size=2, max_size=40))
def test_every_chapter_is_rendered_once_and_in_order(sizes):
    sections = [section(n, "a" * size) for n, size in enumerate(sizes)]
    head, middle, tail = parallel._split(sections)
    assert head + middle + tail == sections
    assert middle, "the child always has chapters to lay out"
    assert head or tail, "the parent always has chapters to lay out"


def test_a_part_renderer_dies_with_the_process_that_forked_it(tmp_path):
    # As when a Celery worker is killed mid-render: its forked part-renderer must not live on.
    script = (
        "import sys, time\n"
        "from reports.rendering import parallel\n"
        "pid, _fd = parallel._fork(time.sleep, 60)\n"
        "print(pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.kill()
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child), "the part renderer outlived the worker"
    finally:
        parent.kill()


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False

"""Security figures for lscb, in one command (`make security-report`).

Prints: permission-matrix cases and leaks (a persona reaching what the matrix says it must not),
routes outside the permission layer and routes without matrix rows, XSS payloads tried and
executed (every rich-text field + .docx import, in Chromium), fuzzing examples and server
errors (every form, hypothesis), `check --deploy` warnings in production settings, and bandit
findings (medium/high, not reviewed with `# nosec`); and issue 21's figures: query parameters
fuzzed, duplicate submissions raced, lockout checks, and what a picture costs within the caps
(largest accepted, worst check and render time, one over refused). Zero is the goal for every figure except
the counts of cases, payloads and examples.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL as `make test` sets them; runs the matrix, fuzzing
and XSS tests as three pytest processes at once, on test databases of their own. LSCB_FUZZ_EXAMPLES (default 15) sets examples per form.
Extra arguments go to pytest (e.g. --no-migrations).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: N817  # nosec B405
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
BANDIT = str(BASE_DIR / ".venv" / "bin" / "bandit")
EXPECTED = re.compile(r"(\w+) (GET|POST) (\S+).*?: expected (\d+), got (\d+)")
LOW_PRIVILEGE = {"anonymous", "unverified_manager"}


# Lockout, re-authentication and audit-flood checks (issue 21, L1, L2, L11): run with the matrix.
LOCKOUT_TESTS = ["lscb/tests/test_lockout.py", "lscb/tests/test_audit_abuse.py"]

PARTS = {
    # part: (test files, database name suffix) — run at once, each on its own test database.
    "matrix": (["lscb/tests/test_permission_matrix.py", *LOCKOUT_TESTS], ""),
    "fuzz": (["lscb/tests/test_fuzz.py"], "_fuzz"),
    "xss": (["lscb/tests/test_xss.py"], "_xss"),
}


def run_tests(extra_args):
    """Run the three parts in parallel (separate processes and test databases)."""
    work = Path(tempfile.mkdtemp(prefix="lscb-security-"))
    database_url = os.environ.get("DATABASE_URL", "")
    processes = {}
    for part, (files, suffix) in PARTS.items():
        env = {
            **os.environ,
            "DATABASE_URL": database_url + suffix if database_url.startswith("postgres") else database_url,
            "LSCB_FUZZ_EXAMPLES": os.environ.get("LSCB_FUZZ_EXAMPLES", "15"),
            "LSCB_FUZZ_STATS": str(work / "fuzz.jsonl"),
            "LSCB_XSS_STATS": str(work / "xss.json"),
        }
        # xunit1: the matrix records how many personas each row checked (record_property).
        command = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1"]
        command.append(f"--junitxml={work / part}.xml")
        processes[part] = subprocess.Popen(  # noqa: S603
            [*command, *files, *extra_args],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    outputs = {part: process.communicate()[0] for part, process in processes.items()}
    for part in PARTS:
        if not (work / f"{part}.xml").exists():
            print(outputs[part][-3000:])
            raise SystemExit(f"pytest did not run the {part} part")
    return work, work / "matrix.xml", outputs


def matrix_figures(junit):
    cases = leaks = other_failures = unguarded = without_rows = errors = 0
    leak_lines, failure_lines = [], []
    # Our own pytest junit file, written a moment ago: trusted input.
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314  # nosec B314
        name = case.get("name", "")
        failure = case.find("failure")
        error = case.find("error")
        if name.startswith("test_permission_matrix["):
            # One test per matrix row, looping over its personas (lscb/tests/test_permission_matrix.py).
            cases += int(_property(case, "personas", 1))
            if error is not None:
                errors += 1
                failure_lines.append(f"{name}: error {error.get('message', '')[:150]}")
            if failure is not None:
                text = failure.get("message", "") + (failure.text or "")
                # Each wrong persona once (the traceback repeats the message).
                matches = list({match.group(0): match for match in EXPECTED.finditer(text)}.values())
                for match in matches:
                    if _is_leak(match.group(1), int(match.group(4)), int(match.group(5))):
                        leaks += 1
                        leak_lines.append(match.group(0))
                    else:
                        other_failures += 1
                        failure_lines.append(match.group(0)[:150])
                if not matches:
                    other_failures += 1
                    failure_lines.append(f"{name}: {failure.get('message', '')[:150]}")
        elif name.startswith("test_every_view_is_guarded") and (failure is not None or error is not None):
            unguarded += 1
            failure_lines.append(name)
        elif name.startswith("test_every_url_has_rows") and (failure is not None or error is not None):
            without_rows += 1
            failure_lines.append(name)
    return {
        "cases": cases,
        "leaks": leaks,
        "other_failures": other_failures,
        "errors": errors,
        "unguarded": unguarded,
        "without_rows": without_rows,
        "leak_lines": leak_lines,
        "failure_lines": failure_lines,
    }


def _property(case, name, default):
    for prop in case.iter("property"):
        if prop.get("name") == name:
            return prop.get("value")
    return default


def _is_leak(persona, expected, got):
    """More access than the matrix allows: a 2xx where it expects a refusal (or, for anonymous
    and unverified sessions, where it expects the sign-in / two-factor redirect)."""
    if got >= 300:
        return False
    return expected >= 400 or (persona in LOW_PRIVILEGE and expected == 302)


def fuzz_figures(work):
    path = work / "fuzz.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    errors = [e for line in lines for e in line["errors"]]
    return {
        "pages": len(lines),
        "forms": sum(line["forms"] for line in lines),
        "examples": sum(line["examples"] for line in lines),
        "server_errors": len(errors),
        "error_lines": errors[:10],
    }


def fuzz_abuse_figures(work):
    """The fuzz cases added for issue 21: query parameters of every GET page, hostile uploads,
    the same submission posted twice at once."""
    path = work / "fuzz.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    return {
        "query_pages": sum(line.get("query_pages", 0) for line in lines),
        "query_parameters": sum(line.get("query_parameters", 0) for line in lines),
        "queries": sum(line.get("queries", 0) for line in lines),
        "races": sum(line.get("races", 0) for line in lines),
    }


def lockout_figures(junit):
    """Each lockout / re-authentication / audit-flood check (LOCKOUT_TESTS): passed or not."""
    checks, failed = 0, []
    for case in ET.parse(junit).getroot().iter("testcase"):  # noqa: S314  # nosec B314
        if not any(case.get("classname", "").endswith(Path(f).stem) for f in LOCKOUT_TESTS):
            continue
        checks += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(case.get("name", ""))
    return {"checks": checks, "failed": failed}


def picture_figures():
    """What a picture costs within lscb/images.py's caps: the largest accepted by bytes (noise,
    just under MAX_IMAGE_BYTES) and by pixels (MAX_IMAGE_PIXELS), each checked by the sanitiser
    and rendered into a PDF; one byte or pixel over is refused; and the nested-<use> SVG sent as
    data:image/png (bench/image_abuse.py) is dropped before the renderer."""
    import base64  # noqa: PLC0415
    import io  # noqa: PLC0415
    import time  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    import django  # noqa: PLC0415

    django.setup()
    from PIL import Image  # noqa: PLC0415

    from bench.image_abuse import nested_use_svg  # noqa: PLC0415
    from lscb import images  # noqa: PLC0415
    from lscb.sanitise import clean_html  # noqa: PLC0415
    from reports.rendering.demo import demo_snapshot  # noqa: PLC0415
    from reports.rendering.pdf import render_summary_pdf, warm_up  # noqa: PLC0415

    def png(width, height, noise):
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)) if noise else None
        image = image or Image.new("RGB", (width, height), (0, 94, 165))
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=1)
        return out.getvalue()

    side = 1
    while len(png(side * 2, side * 2, True)) < images.MAX_IMAGE_BYTES:
        side *= 2
    low, high = side, side * 2  # largest square of noise under the byte cap, by bisection
    while high - low > 8:
        middle = (low + high) // 2
        low, high = (middle, high) if len(png(middle, middle, True)) < images.MAX_IMAGE_BYTES else (low, middle)
    wide = int(images.MAX_IMAGE_PIXELS**0.5)
    cases = {
        "largest by bytes": png(low, low, True),
        "largest by pixels": png(wide, images.MAX_IMAGE_PIXELS // wide, False),
        "one pixel over": png(wide, images.MAX_IMAGE_PIXELS // wide + 1, False),
        "nested <use> SVG (5 levels) as PNG": nested_use_svg(5),
    }
    import logging  # noqa: PLC0415

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    warm_up()
    rows = []
    for name, data in cases.items():
        url = "data:image/png;base64," + base64.b64encode(data).decode()
        html = f'<p>Summary</p><img src="{url}" alt="chart">'
        started = time.monotonic()
        cleaned = clean_html(html)
        check_seconds = time.monotonic() - started
        kept = "data:image" in cleaned  # the sanitiser drops the src of a picture it refuses
        snapshot = demo_snapshot(1)
        snapshot["executive_summary"] = {"html": cleaned}
        started = time.monotonic()
        render_summary_pdf(snapshot)
        rows.append(
            {
                "case": name,
                "bytes": len(data),
                "pixels": _pixels(data),
                "kept": kept,
                "check_s": round(check_seconds, 2),
                "render_s": round(time.monotonic() - started, 2),
            }
        )
    over_bytes = png(low + 64, low + 64, True)
    try:
        images.checked_image(over_bytes)
        over_refused = False
    except images.ImageRefused:
        over_refused = True
    return {"rows": rows, "over_bytes": len(over_bytes), "over_bytes_refused": over_refused}


def _pixels(data):
    import io  # noqa: PLC0415

    from PIL import Image  # noqa: PLC0415

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.width * image.height
    except Exception:  # not a raster picture (the SVG)
        return 0


def print_abuse_figures(fuzz_abuse, lockout, pictures):
    """Issue 21's figures: new fuzz cases, lockout checks, picture resource abuse."""
    print(
        f"Fuzzing query parameters: pages {fuzz_abuse['query_pages']}, parameters "
        f"{fuzz_abuse['query_parameters']}, requests {fuzz_abuse['queries']}"
    )
    print(f"Fuzzing duplicates posted at once ...... {fuzz_abuse['races']} forms")
    print(f"Lockout / re-auth / audit-flood checks . {lockout['checks']}   failed: {len(lockout['failed'])}")
    for name in lockout["failed"]:
        print(f"  {name}")
    print("Pictures (lscb/images.py caps):")
    for row in pictures["rows"]:
        print(
            f"  {row['case']:<36} {row['bytes']:>9} B {row['pixels']:>9} px  kept={row['kept']!s:<5} "
            f"check {row['check_s']:.2f} s  render {row['render_s']:.2f} s"
        )
    print(f"  {pictures['over_bytes']} B of noise (over the byte cap) refused: {pictures['over_bytes_refused']}")


def xss_figures(work):
    path = work / "xss.json"
    return json.loads(path.read_text()) if path.exists() else None


def check_deploy():
    """`manage.py check --deploy --fail-level WARNING` with production settings and env vars."""
    import secrets  # noqa: PLC0415

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        LSCB_PRODUCTION="true",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="lscb.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    issues = re.findall(r"\(([a-z_]+\.[WE]\d+)\)", output)
    return result.returncode, issues, output


def bandit():
    result = subprocess.run(  # noqa: S603
        [
            BANDIT,
            "-r",
            "lscb",
            "boards",
            "subgroups",
            "reviews",
            "reports",
            "bench",
            "-x",
            "*/tests/*,*/migrations/*",
            "-q",
            "-f",
            "json",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(result.stdout or "{}")
    findings = data.get("results", [])
    serious = [f for f in findings if f["issue_severity"] in ("MEDIUM", "HIGH")]
    low = [f for f in findings if f["issue_severity"] == "LOW"]
    return serious, low


def docx_figures():
    """Issue 21, M2: the largest Word draft accepted within the caps and its conversion time (in
    the capped child a worker uses), and the 100,000-paragraph attack file and how fast it is
    refused. Returns 1 if the attack file was not refused, else 0; prints its own lines."""
    import time  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from lscb.sandbox import run_limited  # noqa: PLC0415
    from reports import limits  # noqa: PLC0415
    from reports.docx_import import DocxError, check_docx, convert_docx  # noqa: PLC0415
    from reports.tests.support_docx import paragraphs_docx  # noqa: PLC0415

    # As many paragraphs as a section may hold, with as much text as it may hold.
    text = "Safeguarding " * (limits.SECTION_MAX_CHARACTERS // limits.SECTION_MAX_PARAGRAPHS // 13)
    largest = paragraphs_docx(limits.SECTION_MAX_PARAGRAPHS, text=text.strip())
    started = time.perf_counter()
    check_docx(SimpleUploadedFile("largest.docx", largest))
    run_limited(
        convert_docx,
        largest,
        memory_bytes=limits.docx_convert_memory_bytes(),
        timeout=limits.DOCX_CONVERT_TIME_LIMIT,
    )
    accepted = time.perf_counter() - started
    attack = paragraphs_docx(100_000)
    started = time.perf_counter()
    try:
        check_docx(SimpleUploadedFile("attack.docx", attack))
        refused = False
    except DocxError:
        refused = True
    refusal = time.perf_counter() - started
    print(
        f"Largest .docx within the caps ......... {limits.SECTION_MAX_PARAGRAPHS:,} paragraphs, "
        f"{limits.SECTION_MAX_PARAGRAPHS * len(text.strip()):,} characters ({len(largest) / 1024:.1f} KB): "
        f"checked + converted in {accepted:.2f} s"
    )
    print(
        f"100,000-paragraph .docx ({len(attack) / 1024:.1f} KB) ... "
        f"{'refused' if refused else 'ACCEPTED'} in {refusal * 1000:.0f} ms (was 18.5 s in a web worker)"
    )
    return 0 if refused else 1


def main(argv):
    work, junit, outputs = run_tests(argv)
    matrix = matrix_figures(junit)
    fuzz = fuzz_figures(work)
    xss = xss_figures(work)
    code, deploy_issues, deploy_output = check_deploy()
    serious, low = bandit()
    fuzz_abuse, lockout, pictures = fuzz_abuse_figures(work), lockout_figures(junit), picture_figures()

    print("lscb security report")
    print("=" * 60)
    print(f"Permission matrix cases run ............ {matrix['cases']}")
    print(f"  leaks (more access than allowed) ..... {matrix['leaks']}")
    print(f"  other failures / errors .............. {matrix['other_failures']} / {matrix['errors']}")
    print(f"Routes outside the permission layer .... {matrix['unguarded']}")
    print(f"Routes without matrix rows ............. {matrix['without_rows']}")
    if xss:
        print(
            f"XSS payloads tried ..................... {xss['payloads']} "
            f"(× {len(xss['fields'])} rich-text fields + .docx import; {xss['outputs']} distinct outputs in Chromium)"
        )
        print(f"  executed ............................. {xss['executed']}")
        print(f"  dangerous markup left ................ {xss['dangerous']}")
    else:
        print("XSS ..................................... NOT RUN (see pytest output)")
    print(f"Fuzzing: pages {fuzz['pages']}, forms {fuzz['forms']}, examples {fuzz['examples']}")
    print(f"  5xx / exceptions ..................... {fuzz['server_errors']}")
    print_abuse_figures(fuzz_abuse, lockout, pictures)
    print(f"check --deploy (production settings) ... {len(deploy_issues)} warnings/errors (exit {code})")
    print(f"bandit medium/high (not # nosec) ....... {len(serious)}   (low: {len(low)})")
    for finding in serious:
        print(f"  {finding['filename']}:{finding['line_number']} {finding['test_id']} {finding['issue_text'][:70]}")
    docx_accepted = docx_figures()
    for title, lines in (
        ("Leaks", matrix["leak_lines"]),
        ("Other test failures", matrix["failure_lines"][:20]),
        ("Fuzz errors", fuzz["error_lines"]),
        ("XSS hits", (xss or {}).get("hits", [])),
        ("check --deploy", deploy_issues),
    ):
        if lines:
            print(f"\n{title}:")
            for line in lines:
                print(f"  {line}")
    print()
    for part, output in outputs.items():
        tail = output.strip().splitlines()[-1:] if output else []
        print(f"pytest ({part}): {' '.join(tail)}")
    zero = (
        matrix["leaks"],
        matrix["unguarded"],
        (xss or {"executed": 1})["executed"],
        fuzz["server_errors"],
        len(deploy_issues),
        len(serious),
        docx_accepted,
        len(lockout["failed"]),
        not lockout["checks"],
        sum(row["kept"] for row in pictures["rows"] if row["case"].startswith(("one pixel", "nested"))),
        not pictures["over_bytes_refused"],
    )
    return 0 if not any(zero) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

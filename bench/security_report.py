"""Security figures for lscb, in one command (`make security-report`).

Prints: permission-matrix cases and leaks (a persona reaching what the matrix says it must not),
routes outside the permission layer and routes without matrix rows, XSS payloads tried and
executed (every rich-text field + .docx import, in Chromium), fuzzing examples and server
errors (every form, hypothesis), `check --deploy` warnings in production settings, and bandit
findings (medium/high, not reviewed with `# nosec`). Zero is the goal for every figure except
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


PARTS = {
    # part: (test files, database name suffix) — run at once, each on its own test database.
    "matrix": (["lscb/tests/test_permission_matrix.py"], ""),
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
    )
    return 0 if not any(zero) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Private PostgreSQL clusters and Redis servers for reliability tests and the security report.

Never touches the shared services on 5432/6379: each helper starts its own on a free port in a
temporary directory and stops it afterwards. PostgreSQL refuses to run as root, so when we are
root the cluster runs as the `postgres` system user (runuser).
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise FileNotFoundError(f"PostgreSQL's {name} is not installed")
    return found[-1]


class PrivatePostgres:
    """initdb + pg_ctl on a free port; trust auth for the `postgres` role on 127.0.0.1."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="lscb-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args, check=True):
        return subprocess.run([*self._as_user, *args], capture_output=True, text=True, check=check, timeout=120)  # noqa: S603

    def init(self):
        self._run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        return self

    def stop(self, mode="fast"):
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, dbname="lscb"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def createdb(self, name="lscb"):
        subprocess.run(  # noqa: S603
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],  # noqa: S607
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


class AppServer:
    """gunicorn serving lscb (one worker, persistent DB connections) as a separate process."""

    def __init__(self, env):
        self.port = free_port()
        self.env = {**os.environ, **env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
                "lscb.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--timeout",
                "60",
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def get(self, path, timeout=10):
        """(status, body) — a refused connection or timeout is (0, reason)."""
        try:
            url = f"http://127.0.0.1:{self.port}{path}"  # always http to our own test server
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310  # nosec B310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            return 0, str(exc)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def migrate(database_url):
    """`manage.py migrate` into a private database (quietly); raises with the output on failure."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(  # noqa: S603
        [str(BASE_DIR / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-4000:])


def load_demo(database_url):
    """`manage.py load_demo` into a private database (the demo boards: realistic row counts)."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": ""}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(  # noqa: S603
        [str(BASE_DIR / ".venv" / "bin" / "python"), "manage.py", "load_demo"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-4000:])

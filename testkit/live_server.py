"""The one live-server helper: Kenri on a free port of 127.0.0.1, for browser tests,
benchmarks and tests of the production server.

    with serving(lambda base: create_app(...)) as base: ...     # in-process, threaded
    with kenri_serve("--threads", "8") as base: ...             # `kenri serve` (waitress)

Both wait until /healthz answers and stop the server afterwards.
"""

import contextlib
import logging
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, timeout: float = 20, alive: Callable[[], bool] = lambda: True) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            raise RuntimeError("the server exited before answering /healthz")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer from {base}/healthz in {timeout} s") from None
            time.sleep(0.1)


@contextlib.contextmanager
def serving(make_app: Callable[[str], object]) -> Iterator[str]:
    """Serve the app that make_app(base_url) builds, in this process, on its own threads."""
    from werkzeug.serving import make_server

    quiet = logging.getLogger("werkzeug")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # no line per request in failure reports
    holder: dict = {}
    server = make_server(
        "127.0.0.1", 0, lambda environ, respond: holder["app"](environ, respond), threaded=True
    )
    base = f"http://127.0.0.1:{server.server_port}"
    holder["app"] = make_app(base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        wait_until_up(base)
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        quiet.setLevel(level)


@contextlib.contextmanager
def kenri_serve(
    *args: str, database: Path | None = None, output=subprocess.DEVNULL, env: dict | None = None
) -> Iterator[str]:
    """Run `kenri serve` (waitress, the production server) with these extra arguments; a
    fresh SQLite file unless `database` is given; its output goes to `output`."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "webapp",
                "serve",
                "--port",
                str(port),
                "--db",
                str(database or Path(folder) / "kenri.db"),
                *args,
            ],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT if output is not subprocess.DEVNULL else subprocess.DEVNULL,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, alive=lambda: process.poll() is None)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

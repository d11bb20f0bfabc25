"""Start `kenri serve` (waitress, a fresh SQLite file) on a free loopback port, for benchmarks
and for tests that need the real production server."""

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def kenri_server(threads: int = 4, database: Path | None = None, log: Path | None = None):
    """Yield the base URL of a running `kenri serve`; stop it afterwards. With `log`, the
    server's output (its log) is written to that file."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        output = log.open("w") if log else subprocess.DEVNULL
        process = subprocess.Popen(
            [sys.executable, "-m", "webapp", "serve", "--port", str(port), "--threads",
             str(threads), "--db", str(database or Path(folder) / "bench.db")],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 20
            while True:
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=1):
                        break
                except (urllib.error.URLError, ConnectionError):
                    if time.time() > deadline:
                        raise RuntimeError("kenri serve did not start") from None
                    time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
            if log:
                output.close()

"""Server budget (issue 3): a full answer step (POST, redirect, GET of the next question, with
its SQLite write) at no less than half the throughput of a Flask hello-world served the same way
(waitress, same threads), side by side in one run with wrk on 127.0.0.1.

Run: `.venv/bin/python benchmarks/bench_throughput.py [--seconds 10]`. Needs wrk.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit.live_server import free_port, kenri_serve  # noqa: E402

HERE = Path(__file__).resolve().parent
THREADS = 4


def wrk(url: str, seconds: int, script: Path | None = None, arg: str | None = None) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if arg:
        command += ["--", arg]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"\n\s+50%\s+(\S+)", out).group(1),
        "p99": re.search(r"\n\s+99%\s+(\S+)", out).group(1),
        "bad": int(errors.group(1)) if errors else 0,
    }


def sessions_file(base: str, count: int) -> Path:
    """Start `count` interviews and note each session's cookie, CSRF token and first question
    (read from the page, so the script follows the knowledge)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    lines = []
    for _ in range(count):
        jar = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(jar)
        with opener.open(urllib.request.Request(base + "/start", data=b"")) as response:
            html = response.read().decode()
        cookie = next(c.value for c in jar.cookiejar if c.name == "kenri")
        token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        question = re.search(r'name="question" value="([^"]+)"', html).group(1)
        lines.append(f"{cookie} {token} {question}")
    path = Path(tempfile.mkstemp(suffix=".txt")[1])
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    seconds = parser.parse_args().seconds
    port = free_port()
    hello = subprocess.Popen(
        [sys.executable, str(HERE / "hello_app.py"), str(port), str(THREADS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.5)
        baseline = wrk(f"http://127.0.0.1:{port}/", seconds)
    finally:
        hello.terminate()
        hello.wait()
    with kenri_serve("--threads", str(THREADS)) as base:
        pool = sessions_file(base, 500)
        kenri = wrk(base + "/", seconds, HERE / "answer_step.lua", str(pool))
        pool.unlink()
    steps = kenri["rps"] / 2
    ratio = steps / baseline["rps"]
    print(
        f"Throughput on 127.0.0.1 (waitress, {THREADS} threads; wrk -t2 -c16 -d{seconds}s; "
        "server and wrk share the machine)"
    )
    print(
        f"  hello-world              {baseline['rps']:>8.0f} req/s   p50 {baseline['p50']:>8} "
        f"p99 {baseline['p99']:>8}"
    )
    print(
        f"  Kenri answer step        {steps:>8.0f} steps/s ({kenri['rps']:.0f} req/s)   "
        f"p50 {kenri['p50']:>8} p99 {kenri['p99']:>8}   bad responses {kenri['bad']}"
    )
    print(
        f"  ratio                    {ratio:>8.2f}   budget >= 0.50   "
        f"{'ok' if ratio >= 0.5 else 'UNDER BUDGET'}"
    )
    return 0 if ratio >= 0.5 and kenri["bad"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

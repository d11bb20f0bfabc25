"""Logs stay readable under load (issue 7, row 9): a burst of 64 connections against
`kenri serve` for a few seconds, then count the server's log lines.

Budget: at most 20 log lines for the whole burst, and none of them a traceback. Before the
queue-warning summary, a similar burst wrote one "Task queue depth" line per waiting request
(18,000 of 22,000 lines in the run that found it).

Run: `.venv/bin/python benchmarks/bench_logs.py [--seconds 5] [--threads 8]`. Needs wrk.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit.live_server import kenri_serve  # noqa: E402

BUDGET_LINES = 20


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    log = Path(tempfile.mkstemp(suffix=".log")[1])
    with (
        log.open("w") as output,
        kenri_serve("--threads", str(args.threads), output=output) as base,
    ):
        out = subprocess.run(
            ["wrk", "-t2", "-c64", f"-d{args.seconds}s", base + "/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    lines = log.read_text().splitlines()
    log.unlink()
    requests = next(line for line in out.splitlines() if "requests in" in line).split()[0]
    queue = [line for line in lines if "queue" in line]
    tracebacks = [line for line in lines if "Traceback" in line]
    print(
        f"Burst: wrk -t2 -c64 -d{args.seconds}s on /, kenri serve --threads {args.threads}: "
        f"{requests} requests"
    )
    print(f"  server log lines   {len(lines):>6}   budget <= {BUDGET_LINES}")
    print(f"  queue warnings     {len(queue):>6}   (summarised: one line per 10 s)")
    print(f"  tracebacks         {len(tracebacks):>6}")
    for line in lines[-5:]:
        print(f"    | {line[:150]}")
    ok = len(lines) <= BUDGET_LINES and not tracebacks
    print("  ok" if ok else "  OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

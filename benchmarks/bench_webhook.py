"""Webhook latency: how fast LINE and Messenger get their 200 (budget: p99 <= 100 ms).

The real app under waitress on 127.0.0.1, a fresh SQLite file, the local LINE and Meta
stand-ins (tests/chat/standins.py) as the platforms, and — until the interview adapter is
merged — the TEST-DOUBLE conversation of tests/chat/doubles.py (echo and menus), not the
interview. Signed webhooks are sent from a few client threads with keep-alive connections;
the workers answer through the stand-ins meanwhile, so their load is part of the measurement.
Every event must reach its stand-in exactly once. Exits 1 over budget.

    .venv/bin/python benchmarks/bench_webhook.py [--events 3000] [--clients 4] [--rate 100]

The budget applies at the offered rate (default 100 webhooks a second, far above what Kenri
expects); --rate 0 sends as fast as the app answers, to see its capacity and latency under
saturation. Latency is counted from each webhook's scheduled time.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import waitress  # noqa: E402
from chat.doubles import echo_factory  # noqa: E402
from chat.standins import LineStandin, MetaStandin  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.channels.config import ChatConfig, LineConfig, MessengerConfig  # noqa: E402
from webapp.channels.signatures import hub_signature, line_signature  # noqa: E402
from webapp.config import Settings  # noqa: E402

BUDGET_P99_MS = 100.0
SECRET, TOKEN, APP_SECRET, PAGE_TOKEN = "bench-line", "bench-token", "bench-app", "bench-page"


def line_body(line: LineStandin, user: str, n: int) -> tuple[str, bytes, dict]:
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": 1767225600000 + n,
        "source": {"type": "user", "userId": user},
        "webhookEventId": f"BENCH{n:08d}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": line.issue_reply_token(user),
        "message": {"type": "text", "id": str(n), "text": f"給料は12万円です {n}"},
    }
    body = json.dumps({"destination": "Ubench", "events": [event]}).encode()
    return "/channels/line/webhook", body, {"X-Line-Signature": line_signature(SECRET, body)}


def messenger_body(psid: str, n: int) -> tuple[str, bytes, dict]:
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE",
                    "time": n,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "PAGE"},
                            "timestamp": n,
                            "message": {"mid": f"m_bench_{n}", "text": f"Tiếng Việt {n}"},
                        }
                    ],
                }
            ],
        }
    ).encode()
    return (
        "/channels/messenger/webhook",
        body,
        {"X-Hub-Signature-256": hub_signature(APP_SECRET, body)},
    )


def client(
    port: int, requests: list, latencies: list, lock: threading.Lock, interval: float, begin: float
) -> None:
    """Send `requests` one after another; with an interval, each at its scheduled time, and
    its latency counted from that time (so a slow answer also delays the ones behind it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    mine = []
    for n, (path, body, headers) in enumerate(requests):
        start = time.perf_counter()
        if interval:
            scheduled = begin + n * interval
            if scheduled > start:
                time.sleep(scheduled - start)
            start = scheduled
        connection.request("POST", path, body, {**headers, "Content-Type": "application/json"})
        answer = connection.getresponse()
        answer.read()
        mine.append((time.perf_counter() - start) * 1000)
        if answer.status != 200:
            raise SystemExit(f"webhook answered {answer.status}")
    connection.close()
    with lock:
        latencies += mine


def serve(port: int, line_url: str, meta_url: str, database: str) -> None:
    """The app process: Kenri under waitress with the test-double conversation."""
    config = ChatConfig(
        line=LineConfig(SECRET, TOKEN, line_url),
        messenger=MessengerConfig(APP_SECRET, PAGE_TOKEN, "v", meta_url),
    )
    app = create_app(
        Settings(
            database=Path(database),
            extra={"chat_config": config, "chat_conversation": echo_factory([])},
        )
    )
    waitress.serve(app, host="127.0.0.1", port=port, threads=8, ident="kenri", _quiet=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--rate",
        type=float,
        default=100.0,
        help="webhooks per second offered (0: as fast as the app answers)",
    )
    parser.add_argument(
        "--serve", nargs=4, metavar=("PORT", "LINE", "META", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), *args.serve[1:])
        return 0
    with (
        LineStandin(TOKEN) as line,
        MetaStandin(PAGE_TOKEN, APP_SECRET) as meta,
        tempfile.TemporaryDirectory() as folder,
    ):
        port = free_port()
        # The app runs in its own process, as in production: the stand-ins and the clients
        # (the platforms' side) do not share its interpreter.
        app = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                str(port),
                line.url,
                meta.url,
                str(Path(folder) / "bench.db"),
            ],
            cwd=ROOT,
        )
        try:
            wait_until_up(port)
            users = ["U" + secrets.token_hex(16) for _ in range(50)]
            psids = [f"{n:016d}" for n in range(50)]
            work = [
                line_body(line, users[n % 50], n) if n % 2 else messenger_body(psids[n % 50], n)
                for n in range(args.events)
            ]
            plans = [work[i :: args.clients] for i in range(args.clients)]
            latencies: list[float] = []
            lock = threading.Lock()
            interval = args.clients / args.rate if args.rate else 0.0
            started = time.perf_counter()
            threads = [
                threading.Thread(
                    target=client,
                    args=(
                        port,
                        plan,
                        latencies,
                        lock,
                        interval,
                        started + i * interval / args.clients,
                    ),
                )
                for i, plan in enumerate(plans)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            deadline = time.monotonic() + 120
            while True:
                delivered = sum(len(line.delivered(u)) for u in users) + sum(
                    len(meta.delivered(p)) for p in psids
                )
                if delivered >= args.events or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            drained = time.perf_counter() - started
        finally:
            app.terminate()
            app.wait(timeout=10)
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    print(
        "Conversation: the TEST DOUBLE of tests/chat/doubles.py (echo), not the interview "
        "(the interview adapter is not merged yet)."
    )
    offered = f"offered at {args.rate:.0f}/s" if args.rate else "as fast as answered"
    print(
        f"{len(latencies)} signed webhooks (LINE and Messenger alternating, 50 people each) "
        f"{offered} by {args.clients} clients: {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s); "
        f"Kenri under waitress (8 threads) in its own process; platform stand-ins on 127.0.0.1"
    )
    print(
        f"webhook latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, "
        f"max {max(latencies):.1f} ms (budget p99 <= {BUDGET_P99_MS:.0f} ms)"
    )
    print(
        f"answers delivered to the stand-ins: {delivered} of {args.events}, all within "
        f"{drained:.1f} s of the first webhook"
    )
    ok = p99 <= BUDGET_P99_MS and delivered == args.events
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    busy = " - other work was running; measure again on a quiet machine" if load > 2 * cores else ""
    print(f"machine load average (1 min) at the end: {load:.1f} on {cores} cores{busy}")
    print("OK" if ok else "OVER BUDGET OR LOST ANSWERS")
    return 0 if ok else 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the app did not start") from None
            time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())

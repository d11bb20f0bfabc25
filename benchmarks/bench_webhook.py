"""Webhook latency: how fast LINE and Messenger get their 200 (budget: p99 <= 100 ms).

The real app under waitress on 127.0.0.1, a fresh SQLite file, the local LINE and Meta
stand-ins (tests/chat/standins.py) as the platforms, and the real conversation: the interview
through the interview core. Each of 100 people (50 on LINE, 50 on Messenger) does whole
interviews by typing, in order: Get Started / follow, "English", every answer of a trainee
with problems (option numbers, "Tokyo", amounts, a month), "result", "delete my data", and
again. Signed webhooks are sent from a few client threads with keep-alive connections (each
person always through the same one, so their messages arrive in order); the workers run the
interview and answer through the stand-ins meanwhile, so their load is part of the
measurement. Every event must be answered exactly once. Exits 1 over budget.

    .venv/bin/python benchmarks/bench_webhook.py [--events 3000] [--clients 4] [--rate 100]
    .venv/bin/python benchmarks/bench_webhook.py --echo     # the platform half alone, with
                                                            # the test-double conversation

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

from testkit.answer_sets import PROBLEMS, asked_in_order, shipped_knowledge  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.channels.config import ChatConfig, LineConfig, MessengerConfig  # noqa: E402
from webapp.channels.interview_chat.questions import choices_of  # noqa: E402
from webapp.channels.signatures import hub_signature, line_signature  # noqa: E402
from webapp.config import Settings  # noqa: E402

BUDGET_P99_MS = 100.0
SETTLED = ("sent", "failed", "dropped")  # an event's outcome once its turn is over
SECRET, TOKEN, APP_SECRET, PAGE_TOKEN = "bench-line", "bench-token", "bench-app", "bench-page"


def interview_script() -> list[str | None]:
    """What one person types through a whole interview (None: follow / Get Started)."""
    kb = shipped_knowledge()
    typed: list[str | None] = [None, "English"]
    for question_id, value in asked_in_order(PROBLEMS):
        question = kb.questions[question_id]
        if isinstance(value, list | tuple):  # several options: the chat takes one
            value = value[0]
        if question.kind == "prefecture":
            typed.append(question.options[[o.id for o in question.options].index(value)].label)
        elif isinstance(value, int | float):
            typed.append(str(value))
        elif question.kind == "month":
            typed.append(time.strftime("%Y-%m"))  # "It is my pay now": this month
        else:
            ids = [c if isinstance(c, str) else c.id for c in choices_of(question)]
            typed.append(str(ids.index(value) + 1))
    return [*typed, "result", "delete"]


def line_body(line: LineStandin, user: str, n: int, text: str | None) -> tuple[str, bytes, dict]:
    event = {
        "type": "follow" if text is None else "message",
        "mode": "active",
        "timestamp": 1767225600000 + n,
        "source": {"type": "user", "userId": user},
        "webhookEventId": f"BENCH{n:08d}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": line.issue_reply_token(user),
    }
    if text is not None:
        event["message"] = {"type": "text", "id": str(n), "text": text}
    body = json.dumps({"destination": "Ubench", "events": [event]}).encode()
    return "/channels/line/webhook", body, {"X-Line-Signature": line_signature(SECRET, body)}


def messenger_body(psid: str, n: int, text: str | None) -> tuple[str, bytes, dict]:
    if text is None:
        item = {
            "postback": {"mid": f"m_bench_{n}", "title": "Get Started", "payload": "GET_STARTED"}
        }
    else:
        item = {"message": {"mid": f"m_bench_{n}", "text": text}}
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
                            **item,
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
    port: int,
    requests: list,
    latencies: list,
    busy: list,
    lock: threading.Lock,
    interval: float,
    begin: float,
) -> None:
    """Send `requests` one after another; with an interval, each at its scheduled time, and
    its latency counted from that time (so a slow answer also delays the ones behind it).
    A 503 (the workers' queues are full: Kenri asks the platform to retry) is retried after
    50 ms, as the platforms retry, and counted; anything else but 200 stops the run."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    mine, retried = [], 0
    for n, (path, body, headers) in enumerate(requests):
        start = time.perf_counter()
        if interval:
            scheduled = begin + n * interval
            if scheduled > start:
                time.sleep(scheduled - start)
            start = scheduled
        while True:
            connection.request("POST", path, body, {**headers, "Content-Type": "application/json"})
            answer = connection.getresponse()
            answer.read()
            if answer.status != 503:
                break
            retried += 1
            time.sleep(0.05)
        mine.append((time.perf_counter() - start) * 1000)
        if answer.status != 200:
            raise SystemExit(f"webhook answered {answer.status}")
    connection.close()
    with lock:
        latencies += mine
        busy.append(retried)


def serve(port: int, line_url: str, meta_url: str, database: str, echo: str) -> None:
    """The app process: Kenri under waitress with the interview (or the test double)."""
    config = ChatConfig(
        line=LineConfig(SECRET, TOKEN, line_url),
        messenger=MessengerConfig(APP_SECRET, PAGE_TOKEN, "v", meta_url),
        public_url="https://kenri.example",
    )
    extra: dict = {"chat_config": config}
    if echo == "echo":
        extra["chat_conversation"] = echo_factory([])
    app = create_app(Settings(database=Path(database), extra=extra))
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
        "--echo",
        action="store_true",
        help="the test-double conversation instead of the interview (the platform half alone)",
    )
    parser.add_argument(
        "--serve", nargs=5, metavar=("PORT", "LINE", "META", "DB", "KIND"), help=argparse.SUPPRESS
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
                "echo" if args.echo else "interview",
            ],
            cwd=ROOT,
        )
        try:
            wait_until_up(port)
            users = ["U" + secrets.token_hex(16) for _ in range(50)]
            psids = [f"{n:016d}" for n in range(50)]
            script = interview_script()
            # Person p's k-th message is event k * 100 + p: in order per person, people
            # interleaved; each person always goes through client p % clients.
            plans: list[list] = [[] for _ in range(args.clients)]
            for n in range(args.events):
                person, step = n % 100, n // 100
                text = script[step % len(script)]
                if person < 50:
                    work = line_body(line, users[person], n, text)
                else:
                    work = messenger_body(psids[person - 50], n, text)
                plans[person % args.clients].append(work)
            latencies: list[float] = []
            busy: list[int] = []
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
                        busy,
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
            deadline = time.monotonic() + 300
            while True:
                outcomes = event_outcomes(Path(folder) / "bench.db")
                delivered = outcomes.get("sent", 0)
                settled = sum(count for status, count in outcomes.items() if status in SETTLED)
                if settled >= args.events or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            drained = time.perf_counter() - started
        finally:
            app.terminate()
            app.wait(timeout=10)
    if len(busy) < args.clients:
        raise SystemExit("a client stopped early (see above)")
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    if args.echo:
        print("Conversation: the TEST DOUBLE of tests/chat/doubles.py (echo), not the interview.")
    else:
        print(
            f"Conversation: the interview; 100 people typing whole interviews "
            f"({len(script)} messages each: start, answers, result, delete my data)."
        )
    offered = f"offered at {args.rate:.0f}/s" if args.rate else "as fast as answered"
    print(
        f"{len(latencies)} signed webhooks (LINE and Messenger, 50 people each) "
        f"{offered} by {args.clients} clients: {elapsed:.1f} s ({len(latencies) / elapsed:.0f}/s); "
        f"Kenri under waitress (8 threads) in its own process; platform stand-ins on 127.0.0.1"
    )
    print(
        f"webhook latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, "
        f"max {max(latencies):.1f} ms (budget p99 <= {BUDGET_P99_MS:.0f} ms); "
        f"503 busy answers retried: {sum(busy)}"
    )
    print(
        f"events answered (sent to the stand-ins): {delivered} of {args.events}, all within "
        f"{drained:.1f} s of the first webhook; interviews completed: {outcomes['interviews']}"
    )
    ok = p99 <= BUDGET_P99_MS and delivered == args.events
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    noisy = (
        " - other work was running; measure again on a quiet machine" if load > 2 * cores else ""
    )
    print(f"machine load average (1 min) at the end: {load:.1f} on {cores} cores{noisy}")
    print("OK" if ok else "OVER BUDGET OR LOST ANSWERS")
    return 0 if ok else 1


def event_outcomes(database: Path) -> dict[str, int]:
    """How many webhook events ended how (sent, failed, dropped, queued...), from the app's
    own record of them (webapp/store/chat.py)."""
    import sqlite3

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute("SELECT status, count(*) FROM chat_events GROUP BY status")
        outcomes = dict(rows.fetchall())
        # Completed interviews (the anonymous tally survives "delete my data").
        outcomes["interviews"] = connection.execute("SELECT count(*) FROM result_tally").fetchone()[
            0
        ]
        return outcomes
    except sqlite3.Error:
        return {}
    finally:
        connection.close()


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

"""Engine budgets (issue 2): knowledge load + validation < 300 ms; evaluating a complete
answer set < 200 µs. Run: `.venv/bin/python benchmarks/bench_engine.py`. Exits 1 over budget.

Kept out of the test pass: timings belong in a benchmark, not in tests.
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit import answer_sets  # noqa: E402
from webapp.config import Settings  # noqa: E402
from webapp.engine import evaluate, next_question, normalise_answers  # noqa: E402
from webapp.knowledge.load import load_knowledge  # noqa: E402

LOAD_BUDGET_MS = 300.0
EVALUATE_BUDGET_US = 200.0
ON = dt.date(2026, 6, 1)

ALL_CLEAR, MANY_PROBLEMS = answer_sets.ALL_CLEAR, answer_sets.MANY_PROBLEMS


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def evaluate_often(kb, answers: dict, times: int) -> None:
    """Each result is dropped, as a server drops it after the response: keeping hundreds
    alive (a list of results) would time the garbage collector's scans of them instead."""
    for _ in range(times):
        evaluate(kb, answers, ON)


def main() -> int:
    root = Settings().knowledge_dir
    load_ms = statistics.median(timed(lambda: load_knowledge(root), 15)) * 1000
    kb = load_knowledge(root)
    rows = [
        (
            "knowledge load + validation",
            f"{load_ms:.1f} ms",
            f"< {LOAD_BUDGET_MS:.0f} ms",
            load_ms < LOAD_BUDGET_MS,
        )
    ]
    for name, raw in (
        (f"evaluate: all clear ({len(ALL_CLEAR)} answers)", ALL_CLEAR),
        (f"evaluate: many problems ({len(MANY_PROBLEMS)} answers)", MANY_PROBLEMS),
    ):
        answers = normalise_answers(kb, raw)
        assert evaluate(kb, answers, ON).next_question is None, f"{name}: answer set incomplete"
        batch = 500
        per_call = [
            t / batch * 1e6
            for t in timed(
                lambda answers=answers, batch=batch: evaluate_often(kb, answers, batch), 15
            )
        ]
        us = statistics.median(per_call)
        rows.append(
            (name, f"{us:.1f} µs", f"< {EVALUATE_BUDGET_US:.0f} µs", us < EVALUATE_BUDGET_US)
        )
    answers = normalise_answers(kb, MANY_PROBLEMS)
    us = statistics.median(
        t / 500 * 1e6
        for t in timed(lambda: [next_question(kb, answers, ON) for _ in range(500)], 15)
    )
    rows.append(("next_question (complete set)", f"{us:.1f} µs", "-", True))
    findings = len(evaluate(kb, answers, ON).findings)
    print(
        f"Kenri engine benchmark (knowledge {kb.version}, {len(kb.rules)} rules, "
        f"{len(kb.questions)} questions; many-problems set gives {findings} findings)"
    )
    for name, value, budget, ok in rows:
        print(f"  {name:<44} {value:>10}  budget {budget:<9} {'ok' if ok else 'OVER BUDGET'}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

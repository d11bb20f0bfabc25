"""The benchmarks are not part of the test run, so nothing else notices when a change to the
store or the knowledge breaks one (bench_erase once called a store function by its old
signature). The cheap ones run here at a tiny size: they must finish without a traceback;
their budgets are judged only when they are run for real."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [["bench_erase.py", "--sessions", "3"], ["bench_engine.py"]],
    ids=["erase", "engine"],
)
def test_a_benchmark_runs_to_its_verdict(command):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / command[0]), *command[1:]],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: over budget on this machine
    assert "budget" in done.stdout

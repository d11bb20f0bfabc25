"""The `kenri` command: check, help for every command, refusing bad knowledge, a real server."""

import functools
import json
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest
import waitress

import webapp.cli
from testkit.live_server import kenri_serve
from webapp import create_app
from webapp.cli import main
from webapp.config import Settings
from webapp.knowledge import KnowledgeInvalid

ROOT = Path(__file__).resolve().parent.parent
VALID_TREE = Path(__file__).parent / "fixtures" / "knowledge" / "valid"
ERROR_LINE = re.compile(r"^(?P<path>[^\s:]+\.yaml):(?P<line>\d+): (?P<message>.+)$", re.MULTILINE)


def broken_tree(tmp_path: Path, relative: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of the valid fixture tree with one file broken; returns it and the broken line."""
    root = tmp_path / "knowledge"
    shutil.copytree(VALID_TREE, root)
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {relative}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return root, line


BREAKAGES = [
    pytest.param(
        "questions/basics.yaml",
        "go: basics-owed",
        "go: basics-nowhere",
        ["basics-nowhere"],
        id="go-to-unknown-question",
    ),
    pytest.param(
        "rules/basics.yaml",
        "cites: [lsa-24, icrmw-25]",
        "cites: [lsa-999, icrmw-25]",
        ["lsa-999"],
        id="cites-unknown-provision",
    ),
    pytest.param(
        "rules/basics.yaml",
        "severity: serious",
        "severity: terrible",
        ["terrible"],
        id="unknown-severity",
    ),
]


def command_paths(group: click.Group, prefix=()) -> list[tuple[str, ...]]:
    """Every command and subcommand of a click group, as ('i18n', 'status')-style paths."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


COMMANDS = [pytest.param(path, id=" ".join(path)) for path in command_paths(main)]


# --- kenri check ----------------------------------------------------------------------------


def test_check_passes_on_the_shipped_knowledge(runner, kb):
    result = runner.invoke(main, ["check"])

    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output
    assert kb.version in result.output
    assert not ERROR_LINE.search(result.output)


def test_check_passes_on_the_valid_fixture_tree(runner):
    result = runner.invoke(main, ["check", "--knowledge", str(VALID_TREE)])

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("relative", "old", "new", "words"), BREAKAGES)
def test_check_fails_with_path_line_message(runner, tmp_path, relative, old, new, words):
    # Given a knowledge tree with one broken file
    root, line = broken_tree(tmp_path, relative, old, new)

    # When it is checked
    result = runner.invoke(main, ["check", "--knowledge", str(root)])

    # Then the check fails and names the file, the line and what is wrong
    assert result.exit_code == 1, result.output
    errors = [m for m in ERROR_LINE.finditer(result.output) if m["path"].endswith(relative)]
    assert errors, result.output
    at_line = [m for m in errors if int(m["line"]) == line]
    assert at_line, f"no error at {relative}:{line} in:\n{result.output}"
    assert all(word in at_line[0]["message"] for word in words), at_line[0]["message"]
    assert "No problems found" not in result.output


def test_check_on_a_missing_folder_fails(runner, tmp_path):
    result = runner.invoke(main, ["check", "--knowledge", str(tmp_path / "nowhere")])

    assert result.exit_code != 0
    assert "No problems found" not in result.output


# --- help and README for every command ------------------------------------------------------


def test_main_help_lists_every_command(runner):
    result = runner.invoke(main, ["--help"])

    assert result.exit_code == 0
    for name in main.commands:
        assert name in result.output


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_has_help(runner, path):
    result = runner.invoke(main, [*path, "--help"])

    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = main
    for name in path:
        command = command.commands[name]
    assert command.help, f"kenri {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", COMMANDS)
def test_every_command_is_in_the_readme(path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"kenri {' '.join(path)}" in readme


@pytest.mark.parametrize("path", COMMANDS)
def test_every_option_is_in_the_readme(path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = main
    for name in path:
        command = command.commands[name]

    for param in command.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--") and option != "--help":
                assert option in readme, f"kenri {' '.join(path)} {option}"


# --- refusing to start on invalid knowledge ---------------------------------------------------


@pytest.mark.parametrize(("relative", "old", "new", "words"), BREAKAGES)
def test_create_app_refuses_invalid_knowledge(tmp_path, relative, old, new, words):
    root, line = broken_tree(tmp_path, relative, old, new)

    with pytest.raises(KnowledgeInvalid) as raised:
        create_app(Settings(testing=True, knowledge_dir=root, database=tmp_path / "kenri.db"))

    messages = [str(e) for e in raised.value.errors]
    assert any(f"{relative}:{line}:" in m and all(w in m for w in words) for m in messages), (
        messages
    )


def test_serve_refuses_to_start_on_invalid_knowledge(runner, tmp_path, monkeypatch):
    # Given a broken knowledge tree where `kenri serve` looks for its knowledge
    relative, old, new, words = BREAKAGES[0].values
    root, line = broken_tree(tmp_path, relative, old, new)
    monkeypatch.setattr(webapp.cli, "Settings", functools.partial(Settings, knowledge_dir=root))
    monkeypatch.setattr(waitress, "serve", lambda *a, **k: pytest.fail("the server started"))

    # When an operator runs `kenri serve`
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "kenri.db")])

    # Then it does not start, and says where the knowledge is broken
    assert result.exit_code == 1, result.output
    assert f"{relative}:{line}:" in result.output
    assert "kenri check" in result.output


# --- a real HTTP server ---------------------------------------------------------------------

# Distinctive answer values that must never reach the server's output.
SECRET_ANSWERS = {
    "passport-held-by-other": "yes",
    "passport-which": "passport",
    "passport-who": "employer",
    "passport-asked-back": "afraid",
    "passport-consent": "free",
    "passport-threat": "no",
    "wages-pay-ok": "yes",
    "wages-prefecture": "kochi",
    "wages-hourly-rate": 987.65,
    "wages-work-month": "2024-07",
}
SECRET_VALUES = ["afraid", "kochi", "987.65", "2024-07"]


def http(method: str, url: str, body: dict | None = None, timeout: float = 5):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"} if data else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_real_server_serves_health_and_evaluate_and_logs_no_answers(tmp_path, kb):
    log_path = tmp_path / "server.log"

    with (
        log_path.open("wb") as log,
        kenri_serve(output=log, env={**os.environ, "PYTHONUNBUFFERED": "1"}) as base,
    ):
        # Given the production server started as an operator would start it
        health = http("GET", f"{base}/healthz")[2]
        # When a trainee's answers, then a bad answer, are sent over real HTTP
        status, headers, result = http(
            "POST", f"{base}/api/v1/evaluate", {"answers": SECRET_ANSWERS, "on": "2025-11-20"}
        )
        bad_status, bad_headers, bad = http(
            "POST",
            f"{base}/api/v1/evaluate",
            {"answers": {"passport-who": "my-boss-tanaka"}, "on": "2025-11-20"},
        )

    # Then it answered as the API promises
    assert health["status"] == "ok"
    assert status == 200
    assert headers["X-Knowledge-Version"] == kb.version
    assert "document-kept-by-company-or-kumiai" in {f["id"] for f in result["findings"]}
    assert result["minimum_wage"]["prefecture"] == "kochi"
    assert bad_status == 422
    assert bad_headers["Content-Type"].startswith("application/problem+json")
    # and its output, which was captured, holds none of the answers
    output = log_path.read_text(encoding="utf-8", errors="replace")
    assert f"{base}/" in output, "the server's output was not captured"
    for value in [*SECRET_VALUES, "my-boss-tanaka"]:
        assert value not in output, f"answer {value!r} appears in the server output"


# --- kenri explain and kenri reports -------------------------------------------------------------


def test_explain_reads_a_rule_back_in_plain_english(runner, kb):
    result = runner.invoke(main, ["explain", "document-kept-with-threats"])

    assert result.exit_code == 0, result.output
    # the conditions, with the question texts and the chosen options' labels
    assert "ALL of these hold:" in result.output and "ANY of these hold:" in result.output
    assert kb.questions["passport-threat"].text in result.output
    assert '(passport-threat) is "Yes"' in result.output
    # every cited provision with its tier, binding law first
    cited = [
        line
        for line in result.output.splitlines()
        if line.startswith("  - ") and ": " in line and "[" in line
    ]
    assert [line.split(":")[0].strip("- ") for line in cited] == list(
        next(r for r in kb.rules if r.id == "document-kept-with-threats").cites
    )
    assert "TITP Act Art. 48(1) [Japanese law]" in result.output
    assert "[international standard Japan has not joined]" in result.output


def test_explain_covers_every_rule_and_every_kind_of_condition(runner, kb):
    from webapp.knowledge.explain import explain

    for rule in kb.rules:
        text = explain(kb, rule.id)
        assert "Object" not in text and "<" not in text.split("\n")[4], rule.id
    assert "minimum wage" in explain(kb, "below-minimum-wage")
    assert "ILO forced-labour indicators" in explain(kb, "forced-labour-signs")


def test_explain_names_the_rules_when_the_id_is_unknown(runner):
    result = runner.invoke(main, ["explain", "no-such-rule"])

    assert result.exit_code == 1
    assert "No rule 'no-such-rule'" in result.output and "below-minimum-wage" in result.output


def test_reports_lists_what_trainees_reported(runner, tmp_path):
    from webapp.clock import utc_now
    from webapp.store.db import connect, prepare_database
    from webapp.store.reports import record_report

    path = tmp_path / "k.db"
    prepare_database(path)
    db = connect(path)
    record_report(db, "vi", "/q/3", "The word for overtime is wrong", utc_now())
    record_report(db, "km", "/", "Hard to read", utc_now())
    db.close()

    everything = runner.invoke(main, ["reports", "--db", str(path)])
    only_vi = runner.invoke(main, ["reports", "--db", str(path), "--locale", "vi"])

    assert everything.exit_code == 0 and "2 report(s)." in everything.output
    assert (
        "The word for overtime is wrong" in everything.output
        and "Hard to read" in everything.output
    )
    assert "1 report(s)." in only_vi.output and "Hard to read" not in only_vi.output

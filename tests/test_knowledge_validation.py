"""`kenri check` finds each kind of knowledge error and names its file and line.

Each broken fixture (tests/fixtures/knowledge/broken/<kind>/) overlays the tiny valid tree with
one changed file; the expected message is what a legal editor needs to fix it.
"""

import shutil

import pytest
from conftest import FIXTURES

from webapp.cli import main
from webapp.knowledge import KnowledgeInvalid, load_knowledge
from webapp.knowledge.load import read_knowledge

VALID = FIXTURES / "knowledge" / "valid"
BROKEN = FIXTURES / "knowledge" / "broken"

EXPECTED = {
    # libyaml notices the unclosed bracket of line 15 on line 16, and says where it began
    "yaml-syntax": ("questions/basics.yaml", 16, "flow sequence on line 15"),
    "duplicate-key": ("questions/basics.yaml", 3, "duplicate key 'text' (first on line 2)"),
    "unknown-key": ("rules/basics.yaml", 3, "unknown key 'colour' in a rule"),
    "missing-key": ("questions/basics.yaml", 10, "a question is missing required key 'text'"),
    "bad-id": ("questions/basics.yaml", 4, "bad id 'Yes_Please'"),
    "unknown-question": ("questions/basics.yaml", 7, "'go' names unknown question 'basics-owing'"),
    "unknown-option": ("rules/basics.yaml", 3, "'never' is not an option of 'basics-paid'"),
    "unknown-provision": ("rules/basics.yaml", 4, "cites unknown provision 'lsa-25'"),
    "unknown-referral": ("rules/basics.yaml", 8, "names unknown referral 'ofice'"),
    "unreachable": ("questions/basics.yaml", 9, "question 'basics-owed' can never be reached"),
    "dead-end": ("questions/basics.yaml", 17, "dead end"),
    "cycle": ("questions/basics.yaml", 17, "cycle: going to 'basics-paid'"),
    "date-order": ("provisions/lsa.yaml", 21, "in_force_until 1901-03-31 is before in_force_from"),
    "bad-date": ("provisions/lsa.yaml", 13, "'checked_on' must be a date written YYYY-MM-DD"),
    "nothing-in-force": ("rules/basics.yaml", 13, "cites nothing that is still in force"),
    "bad-severity": ("rules/basics.yaml", 11, "'severity' must be one of urgent, serious, concern"),
    "tier-order": ("rules/basics.yaml", 4, "must cite Japanese law first"),
    "duplicate-id": ("rules/basics.yaml", 10, "duplicate rule id 'wages-unpaid'"),
    "case-unknown-id": ("cases/basics.yaml", 5, "case expects unknown finding 'wages-unpayed'"),
    "case-unknown-answer": ("cases/basics.yaml", 7, "'perhaps' is not an option of 'basics-paid'"),
    "provision-id-mismatch": ("provisions/lsa.yaml", 6, "provision id 'lsa-42' should be 'lsa-24'"),
    "referral-without-source": ("referrals/referrals.yaml", 1, "missing required key 'source_url'"),
    "unknown-placeholder": ("rules/basics.yaml", 5, "unknown placeholder %(boss)s in 'title'"),
    "wage-rate-outside-revision": (
        "minimum-wages.yaml",
        13,
        "must start between 2025-10-01 and 2026-03-31",
    ),
    "successor-not-esd": ("referrals/referrals.yaml", 1, "can only have an ESD successor"),
    "bad-opening-hours": ("referrals/referrals.yaml", 6, "ends before it starts"),
    "multi-one-option": ("questions/basics.yaml", 1, "a multi question needs at least two options"),
}


def broken_tree(tmp_path, kind):
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    shutil.copytree(BROKEN / kind, root, dirs_exist_ok=True)
    return root


def test_every_broken_fixture_has_an_expectation():
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


def test_the_valid_fixture_has_no_problems():
    assert read_knowledge(VALID)[1] == []


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in EXPECTED])
def test_check_reports_the_error_with_path_and_line(tmp_path, runner, kind):
    # Given a knowledge tree with one kind of mistake
    root = broken_tree(tmp_path, kind)
    path, line, words = EXPECTED[kind]
    # When an editor runs `kenri check` on it
    result = runner.invoke(main, ["check", "--knowledge", str(root)])
    # Then it exits 1 and names the file, the line and the problem, with no traceback
    assert result.exit_code == 1
    lines = result.output.splitlines()
    prefix = f"knowledge/{path}:{line}: "
    assert any(entry.startswith(prefix) and words in entry for entry in lines), result.output
    assert "Traceback" not in result.output


def test_check_reports_every_problem_not_just_the_first(tmp_path, runner):
    root = broken_tree(tmp_path, "unknown-referral")
    shutil.copytree(BROKEN / "bad-date", root, dirs_exist_ok=True)
    result = runner.invoke(main, ["check", "--knowledge", str(root)])
    assert "names unknown referral 'ofice'" in result.output
    assert "'checked_on' must be a date written YYYY-MM-DD" in result.output


def test_loading_invalid_knowledge_raises_with_all_errors(tmp_path):
    root = broken_tree(tmp_path, "cycle")
    with pytest.raises(KnowledgeInvalid) as caught:
        load_knowledge(root)
    assert [e.line for e in caught.value.errors] == [17]


def test_a_missing_tree_is_reported_not_crashed(tmp_path, runner):
    result = runner.invoke(main, ["check", "--knowledge", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "meta.yaml:1: missing" in result.output


def test_yes_and_no_stay_option_ids_not_booleans(small_kb):
    # BaseLoader keeps "no" as the string "no" (safe_load would turn an unquoted No into False)
    assert [o.id for o in small_kb.questions["basics-paid"].options] == ["yes", "no"]

"""The pure engine: walking the interview, evaluating answers, dates, regimes, wages."""

import datetime as dt
import subprocess
import sys

import pytest

from webapp.engine import (
    InvalidAnswer,
    UnknownOption,
    UnknownQuestion,
    evaluate,
    next_question,
    normalise_answers,
    provisions_in_force,
)
from webapp.knowledge.conditions import uses_fact

DAY = dt.date(2025, 6, 1)


def ids(evaluation):
    return [f.id for f in evaluation.findings]


def test_engine_imports_nothing_from_flask():
    code = "import sys, webapp.engine; sys.exit('flask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_next_question_follows_the_branches(small_kb):
    assert next_question(small_kb, {}, DAY).id == "basics-paid"
    assert next_question(small_kb, {"basics-paid": "no"}, DAY).id == "basics-owed"
    assert next_question(small_kb, {"basics-paid": "yes"}, DAY) is None


def test_answers_off_the_path_are_dropped_once_the_interview_is_complete(small_kb):
    # Given a trainee who said "no", gave an amount, then changed the first answer to "yes"
    answers = normalise_answers(small_kb, {"basics-paid": "yes", "basics-owed": "200000"})
    # Then the left-over amount no longer fires a rule
    result = evaluate(small_kb, answers, DAY)
    assert ids(result) == [] and result.next_question is None
    assert result.answers == {"basics-paid": "yes"}


def test_a_partial_answer_set_keeps_every_answer(small_kb):
    answers = normalise_answers(small_kb, {"basics-owed": "200000"})
    result = evaluate(small_kb, answers, DAY)
    assert ids(result) == ["large-debt"]
    assert result.next_question == "basics-paid"


def test_findings_come_urgent_first_with_a_trace_of_answers(small_kb):
    answers = normalise_answers(small_kb, {"basics-paid": "no", "basics-owed": "150000"})
    result = evaluate(small_kb, answers, DAY)
    assert [(f.id, f.severity) for f in result.findings] == [
        ("large-debt", "urgent"),
        ("wages-unpaid", "serious"),
    ]
    assert result.findings[0].trace == (("basics-owed", 150000.0),)


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("1,200", 1200.0, id="comma-thousands"),
        pytest.param(" 99 ", 99.0, id="spaces"),
        pytest.param(5, 5.0, id="integer"),
        pytest.param("not-sure", "not-sure", id="standard-option"),
    ],
)
def test_number_answers_are_normalised(small_kb, raw, expected):
    assert normalise_answers(small_kb, {"basics-owed": raw}) == {"basics-owed": expected}


@pytest.mark.parametrize(
    "answers, error",
    [
        pytest.param({"basics-owed": "-1"}, InvalidAnswer, id="below-min"),
        pytest.param({"basics-owed": "1e9"}, InvalidAnswer, id="above-max"),
        pytest.param({"basics-owed": True}, InvalidAnswer, id="boolean"),
        pytest.param({"basics-owed": "nan"}, InvalidAnswer, id="nan"),
        pytest.param({"basics-paid": "maybe"}, UnknownOption, id="unknown-option"),
        pytest.param({"basics-paid": ["yes"]}, UnknownOption, id="list"),
        pytest.param({"nope": "yes"}, UnknownQuestion, id="unknown-question"),
    ],
)
def test_bad_answers_are_refused_with_the_allowed_ids(small_kb, answers, error):
    with pytest.raises(error) as caught:
        normalise_answers(small_kb, answers)
    if error is UnknownOption:
        assert caught.value.allowed == ("yes", "no", "not-sure", "rather-not-say")


def test_expired_provisions_are_not_cited(small_kb):
    assert [p.id for p in provisions_in_force(small_kb, ["lsa-99", "lsa-24"], DAY, "titp")] == [
        "lsa-24"
    ]
    assert [
        p.id for p in provisions_in_force(small_kb, ["lsa-99"], dt.date(2000, 1, 1), "titp")
    ] == ["lsa-99"]


# --- the shipped knowledge ---------------------------------------------------------------

KEPT = {
    "passport-held-by-other": "yes",
    "passport-which": "passport",
    "passport-who": "employer",
    "passport-asked-back": "not-asked",
    "passport-consent": "free",
    "passport-threat": "no",
}


@pytest.mark.parametrize(
    "status, on, cited, not_cited",
    [
        pytest.param(
            None, dt.date(2027, 3, 31), "titp-act-48-1", "esd-act-passport", id="before-reform"
        ),
        pytest.param(
            "titp",
            dt.date(2027, 4, 1),
            "titp-act-48-1",
            "esd-act-passport",
            id="continuing-trainee",
        ),
        pytest.param(
            "esd", dt.date(2027, 4, 1), "esd-act-passport", "titp-act-48-1", id="esd-worker"
        ),
    ],
)
def test_the_regime_decides_which_act_is_cited(kb, status, on, cited, not_cited):
    answers = dict(KEPT, **({"status-residence": status} if status else {}))
    finding = evaluate(kb, normalise_answers(kb, answers), on).findings[0]
    provision_ids = [p.id for p in finding.provisions]
    assert cited in provision_ids and not_cited not in provision_ids
    assert provision_ids[-1] == "icrmw-21"  # the international standard always comes last


def test_other_residence_status_gets_neither_act(kb):
    answers = dict(KEPT, **{"status-residence": "other"})
    finding = evaluate(kb, normalise_answers(kb, answers), dt.date(2027, 5, 1)).findings[0]
    assert not [p.id for p in finding.provisions if p.instrument.regime]


def test_every_rule_cites_something_for_every_regime(kb):
    on = dt.date(2027, 4, 1)
    for rule in kb.rules:
        if not rule.cites:  # an immediate-needs finding cites no law at all
            assert rule.severity == "urgent" and rule.crime_when is None, rule.id
            continue
        # a rule that needs the ESD regime is never evaluated for a TITP trainee or another status
        regimes = (
            ("esd", "unknown")
            if uses_fact(rule.when, "regime-esd")
            else ("titp", "esd", "other", "unknown")
        )
        for regime in regimes:
            assert provisions_in_force(kb, rule.cites, on, regime), (rule.id, regime)


def test_monthly_pay_is_divided_by_normal_hours(kb):
    answers = normalise_answers(
        kb,
        {
            "wages-prefecture": "kochi",
            "wages-hourly-rate": "monthly",
            "wages-monthly-pay": "160000",
            "wages-monthly-hours": "160",
        },
    )
    check = evaluate(kb, answers, dt.date(2025, 12, 1)).wage_check
    assert (check.hourly_rate, check.minimum, check.below) == (1000.0, 1023, True)
    check = evaluate(kb, answers, dt.date(2025, 11, 30)).wage_check
    assert (check.minimum, check.below) == (952, False)


def test_the_work_month_decides_which_minimum_applies(kb):
    base = {"wages-prefecture": "tokyo", "wages-hourly-rate": "1200"}
    for month, minimum in (("2025-09", 1163), ("2025-10", 1226), ("current", 1226)):
        answers = normalise_answers(kb, dict(base, **{"wages-work-month": month}))
        check = evaluate(kb, answers, dt.date(2026, 1, 15)).wage_check
        assert check.minimum == minimum, month


def test_a_work_month_in_the_future_is_judged_on_the_evaluation_date(kb):
    answers = normalise_answers(
        kb,
        {"wages-prefecture": "akita", "wages-hourly-rate": "1000", "wages-work-month": "2026-03"},
    )
    check = evaluate(kb, answers, dt.date(2026, 3, 10)).wage_check
    assert check.work_date == dt.date(2026, 3, 10) and check.minimum == 951


def test_three_indicators_raise_indicator_findings_to_urgent(kb):
    answers = dict(
        KEPT,
        **{
            "wages-pay-ok": "no",
            "wages-paid-in-full": "not-paid",
            "movement-restricted": "yes",
            "movement-permission": "yes",
        },
    )
    result = evaluate(kb, normalise_answers(kb, answers), DAY)
    found = {f.id: f for f in result.findings}
    assert result.indicators == (3, 7, 8)
    assert "forced-labour-signs" in found
    assert found["wages-unpaid"].severity == "urgent" and found["wages-unpaid"].raised_by_indicators
    assert found["document-kept-by-company-or-kumiai"].severity == "urgent"


def test_two_indicators_leave_severities_alone(kb):
    answers = dict(KEPT, **{"wages-pay-ok": "no", "wages-paid-in-full": "not-paid"})
    result = evaluate(kb, normalise_answers(kb, answers), DAY)
    found = {f.id: f for f in result.findings}
    assert "forced-labour-signs" not in found
    assert found["wages-unpaid"].severity == "serious"

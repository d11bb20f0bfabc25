"""FY2026 minimum wages, their verification shown honestly, and a table that runs out."""

import datetime as dt

import pytest

from webapp.cli import main
from webapp.knowledge.freshness import wage_table_warnings

TOKYO = {"passport-held-by-other": "no", "wages-pay-ok": "yes", "wages-prefecture": "tokyo"}


def evaluate(client, pay, on, **more):
    answers = dict(TOKYO, **{"wages-hourly-rate": pay}, **more)
    if on >= "2027-04-01":
        answers["status-residence"] = "titp"
    response = client.post("/api/v1/evaluate", json={"answers": answers, "on": on})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def test_tokyo_pay_of_1250_today_is_below_the_fy2026_minimum_with_the_figures(client):
    result = evaluate(client, 1250, "2026-12-01", **{"wages-work-month": "current"})
    wage = result["minimum_wage"]
    assert (wage["minimum"], wage["minimum_in_force_from"], wage["revision"]) == (
        1280,
        "2026-10-01",
        "fy2026",
    )
    finding = next(f for f in result["findings"] if f["id"] == "below-minimum-wage")
    assert "¥1,280" in finding["explanation"] and "¥1,250" in finding["explanation"]
    assert "Tokyo" in finding["explanation"] and "%(" not in finding["explanation"]
    assert result["warnings"] == []


def test_the_figure_carries_its_verification_and_sources(client):
    wage = evaluate(client, 1300, "2026-12-01")["minimum_wage"]
    assert wage["verification"] == "secondary" and wage["checked_on"] == "2026-12-01"
    assert len(wage["sources"]) == 2 and wage["source_url"].startswith("https://github.com/")
    assert wage["notice_url"].startswith("https://jsite.mhlw.go.jp/tokyo-roudoukyoku/")
    assert "secondary sources" in wage["verification_note"]
    assert "not yet checked on the official page" in wage["verification_note"]


def test_on_the_last_day_of_the_table_there_is_no_warning(client):
    result = evaluate(client, 1300, "2027-09-30")
    assert result["warnings"] == [] and result["minimum_wage"]["table_outdated"] is False
    assert result["findings"] == []


def test_after_the_table_runs_out_the_result_warns_and_is_never_a_silent_all_clear(client):
    result = evaluate(client, 1300, "2027-10-01")
    (warning,) = result["warnings"]
    assert warning["code"] == "minimum-wage-table-outdated"
    assert (
        warning["last_known_minimum"],
        warning["last_known_revision"],
        warning["next_revision_due"],
    ) == (1280, "fy2026", "2027-10-01")
    assert "probably risen" in warning["message"]
    assert result["minimum_wage"]["table_outdated"] is True
    (finding,) = result["findings"]
    assert finding["id"] == "minimum-wage-may-have-risen" and finding["severity"] == "concern"
    assert "¥1,280" in finding["explanation"] and "probably risen" in finding["explanation"]


def test_the_warning_is_in_the_requested_language(client):
    answers = dict(TOKYO, **{"wages-hourly-rate": 1300, "status-residence": "titp"})
    result = client.post(
        "/api/v1/evaluate", json={"answers": answers, "on": "2027-11-01", "locale": "ja"}
    ).json
    assert result["warnings"][0]["code"] == "minimum-wage-table-outdated"
    assert "東京都" in result["warnings"][0]["message"]


@pytest.mark.parametrize(
    "today, warned",
    [
        pytest.param(dt.date(2027, 6, 30), False, id="more-than-three-months-before"),
        pytest.param(dt.date(2027, 7, 1), True, id="three-months-before"),
        pytest.param(dt.date(2028, 1, 1), True, id="after"),
    ],
)
def test_check_warns_when_the_table_is_about_to_run_out(kb, today, warned):
    warnings = wage_table_warnings(kb, today)
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].startswith("knowledge/minimum-wages.yaml:")
        assert "2027-10-01" in warnings[0] and "47 prefecture(s)" in warnings[0]


def test_kenri_check_prints_the_warning_and_still_exits_0(runner, monkeypatch):
    import webapp.engine
    from webapp.config import Settings

    monkeypatch.setattr(webapp.engine, "today_in_japan", lambda: dt.date(2027, 8, 1))
    result = runner.invoke(main, ["check", "--knowledge", str(Settings().knowledge_dir)])
    assert result.exit_code == 0, result.output
    assert "warning: knowledge/minimum-wages.yaml:" in result.output
    assert "runs out on 2027-10-01" in result.output


def test_the_result_page_shows_the_figure_and_how_far_it_can_be_trusted(client):
    from test_trainee_form import csrf_of

    response = client.post("/start")
    csrf = csrf_of(client.get(response.headers["Location"]))
    steps = [
        ("movement-locked-in", "no"),
        ("violence-hit", "no"),
        ("violence-threatened", "no"),
        ("violence-forced-work", "no"),
        ("passport-held-by-other", "no"),
        ("wages-pay-ok", "yes"),
        ("wages-prefecture", "tokyo"),
        ("wages-hourly-rate", "2000"),
        ("wages-overtime", "no"),
        ("money-taken", "no"),
        ("movement-restricted", "no"),
        ("union-problem", "no"),
        ("reporting-reported", "no"),
        ("recruitment-fees", "no"),
    ]
    for number, (question, value) in enumerate(steps, 1):
        field = "value" if question == "wages-hourly-rate" else "answer"
        data = {"csrf": csrf, "question": question, field: value}
        assert client.post(f"/q/{number}", data=data).status_code == 303
    html = client.get("/result").get_data(as_text=True)
    assert "The minimum wage we compared" in html
    assert "Basic pay given: about ¥2,000 an hour" in html
    assert "not yet checked on the official page" in html

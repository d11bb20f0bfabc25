"""Helpers' opening hours (issue 10): "open now, until …" or "opens at …", in Japan time, with
Japan's national holidays and the new-year break."""

import datetime as dt

import pytest

from webapp.knowledge.opening_hours import (
    JAPAN,
    HoursInvalid,
    Schedule,
    open_state,
    parse_break,
    parse_span,
)


def japan(*parts):
    return dt.datetime(*parts, tzinfo=JAPAN)


@pytest.fixture
def hotline(kb):
    return kb.referrals["labour-conditions-hotline"].schedule


@pytest.fixture
def immigration(kb):
    return kb.referrals["isa-information-centre"].schedule


def test_the_shipped_hours_are_read_where_the_data_has_them(kb):
    with_hours = {r.id for r in kb.referrals.values() if r.schedule}
    assert with_hours == {"labour-conditions-hotline", "isa-information-centre"}


@pytest.mark.parametrize(
    ("moment", "open_now", "when"),
    [
        (japan(2026, 12, 2, 10, 0), False, japan(2026, 12, 2, 17, 0)),  # Wednesday morning
        (japan(2026, 12, 2, 16, 59), False, japan(2026, 12, 2, 17, 0)),
        (japan(2026, 12, 2, 17, 0), True, japan(2026, 12, 2, 22, 0)),  # opens on the minute
        (japan(2026, 12, 2, 21, 59), True, japan(2026, 12, 2, 22, 0)),
        (japan(2026, 12, 2, 22, 0), False, japan(2026, 12, 3, 17, 0)),  # closes on the minute
        (japan(2026, 12, 4, 23, 0), False, japan(2026, 12, 5, 9, 0)),  # Friday night: Saturday
        (japan(2026, 12, 6, 12, 0), True, japan(2026, 12, 6, 21, 0)),  # Sunday
        (japan(2026, 11, 23, 10, 0), True, japan(2026, 11, 23, 21, 0)),  # a Monday holiday
        (japan(2026, 12, 28, 23, 0), False, japan(2027, 1, 4, 17, 0)),  # the new-year break
        (japan(2027, 1, 1, 12, 0), False, japan(2027, 1, 4, 17, 0)),
    ],
)
def test_the_labour_hotline(hotline, moment, open_now, when):
    state = open_state(hotline, moment)
    assert state.open_now is open_now
    assert (state.until if open_now else state.opens) == when


def test_the_moment_may_come_in_utc(hotline):
    state = open_state(hotline, dt.datetime(2026, 12, 2, 8, 30, tzinfo=dt.UTC))  # 17:30 in Japan
    assert state.open_now and state.until == japan(2026, 12, 2, 22, 0)


def test_weekday_hours_are_closed_on_a_national_holiday(immigration):
    state = open_state(immigration, japan(2026, 11, 23, 10, 0))  # Labour Thanksgiving, Monday
    assert not state.open_now and state.opens == japan(2026, 11, 24, 8, 30)
    friday_evening = open_state(immigration, japan(2026, 12, 4, 18, 0))
    assert friday_evening.opens == japan(2026, 12, 7, 8, 30)  # over the weekend


def test_a_line_closed_for_longer_than_a_week_has_no_next_opening():
    span = parse_span("mon-sun 09:00-17:00")
    state = open_state(Schedule((span,), (parse_break("08-01..08-31"),)), japan(2027, 8, 2, 10))
    assert not state.open_now and state.opens is None


def test_a_span_may_run_to_midnight():
    state = open_state(Schedule((parse_span("sat 18:00-24:00"),)), japan(2026, 12, 5, 23, 30))
    assert state.open_now and state.until == japan(2026, 12, 6, 0, 0)


@pytest.mark.parametrize(
    "text",
    [
        "mon-fri 17:00-09:00",
        "fri-mon 09:00-10:00",
        "weekdays 09:00-17:00",
        "mon 09:00-25:00",
        "mon 09:60-10:00",
        "mon-fri 9:00-17:00",
        "",
    ],
)
def test_a_span_that_cannot_be_read_is_refused(text):
    with pytest.raises(HoursInvalid):
        parse_span(text)


@pytest.mark.parametrize("text", ["13-01..01-03", "02-30..03-01", "12-29 to 01-03"])
def test_a_break_that_cannot_be_read_is_refused(text):
    with pytest.raises(HoursInvalid):
        parse_break(text)


# --- on the result page -------------------------------------------------------------------


def result_at(client, monkeypatch, moment, lang="en"):
    from test_trainee_safety import finish

    from testkit.answer_sets import PROBLEMS

    monkeypatch.setattr("webapp.views.trainee.result.utc_now", lambda: moment)
    client.post("/start", data={"lang": lang})
    return finish(client, PROBLEMS)


def card(page, name):
    start = page.index(f"<strong>{name}")
    return page[start : page.index("</li>", start)]


def test_the_result_says_whether_each_helper_with_known_hours_is_open(client, monkeypatch):
    page = result_at(client, monkeypatch, japan(2026, 12, 2, 10, 0))  # Wednesday morning

    hotline = card(page, "Labour Conditions Consultation Hotline")
    assert "Opens today at 17:00" in hotline
    assert "Open now, until 17:15" in card(page, "Immigration Services Agency Information")
    assert "Open now" not in card(page, "Organization for Technical Intern Training")  # no hours


def test_the_hours_are_written_in_the_trainees_language(client, monkeypatch, locales):
    from flask_babel import force_locale, gettext

    page = result_at(client, monkeypatch, japan(2026, 12, 4, 23, 0), lang="vi")  # Friday night

    with client.application.test_request_context(), force_locale("vi"):
        expected = gettext(
            "Opens tomorrow at %(time)s", time="9:00"
        )  # CLDR: Vietnamese writes 9:00
    assert expected.startswith("Mở")  # translated
    assert expected in page


def test_the_next_step_prefers_a_contact_that_is_open_now():
    from webapp.views.trainee.result import next_step

    def helper(hid, open_now):
        return {"id": hid, "languages": ["vi"], "phone_languages": [], "open_now": open_now}

    finding = {"actions": ["Ask"], "title": "T", "referrals": [{"id": "a"}, {"id": "b"}]}
    data = {"findings": [finding]}
    closed, open_ = {"open": False, "text": ""}, {"open": True, "text": ""}

    def first(*helpers):
        return next_step(data, [], list(helpers), "vi")["contact"]["id"]

    assert first(helper("a", closed), helper("b", open_)) == "b"
    assert first(helper("a", closed), helper("b", None)) == "b"  # hours unknown: maybe open
    assert first(helper("a", None), helper("b", open_)) == "a"  # otherwise the order stays
    assert first(helper("a", closed), helper("b", closed)) == "a"


def test_the_next_step_says_open_now_instead_of_the_hours(client, monkeypatch):
    from flask_babel import force_locale, gettext

    page = result_at(client, monkeypatch, japan(2026, 12, 2, 10, 0), lang="mn")
    start = page.index('class="next-step"')
    next_step = page[start : page.index("</section>", start)]

    with client.application.test_request_context(), force_locale("mn"):
        open_until = gettext("Open now, until %(time)s", time="17:15")
        hours_label = gettext("Opening hours:")
    assert open_until in next_step  # the immigration line speaks Mongolian and is open
    assert hours_label not in next_step


def test_the_api_says_when_each_helper_opens(client, monkeypatch):
    from testkit.answer_sets import PROBLEMS

    monkeypatch.setattr("webapp.views.api.evaluate.utc_now", lambda: japan(2026, 12, 2, 10, 0))
    body = client.post("/api/v1/evaluate", json={"answers": PROBLEMS, "locale": "en"}).get_json()

    helpers = {r["id"]: r for f in body["findings"] for r in f["referrals"]}
    assert helpers["labour-conditions-hotline"]["open_now"] == {
        "open": False,
        "text": "Opens today at 17:00",
        "until": None,
        "opens": "2026-12-02T17:00:00+09:00",
    }
    assert helpers["isa-information-centre"]["open_now"]["until"] == "2026-12-02T17:15:00+09:00"
    assert helpers["otit"]["open_now"] is None  # its hours are not known

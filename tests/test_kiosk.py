"""The kiosk without a browser (issue 12): pages, erasing, counts and the take-home link."""

import dataclasses
import datetime as dt
import re

import pytest

from testkit import answer_sets
from testkit.form_posts import form_steps
from webapp import create_app
from webapp.clock import utc_now
from webapp.connections import close_thread_connection
from webapp.kiosk_config import KioskConfig
from webapp.store.db import connect
from webapp.store.retention import purge_expired
from webapp.take_home import seal

CONFIG = KioskConfig(location="Community hall", organisation="example-ngo", printing=True)
PAGES = ("/kiosk/welcome", "/kiosk/q/1", "/kiosk/check", "/kiosk/result", "/kiosk/summary")


@pytest.fixture
def kiosk_app(settings, kb, locales):
    app = create_app(
        dataclasses.replace(settings, kiosk=True, kiosk_config=CONFIG), kb=kb, locales=locales
    )
    yield app
    close_thread_connection(settings.database)


@pytest.fixture
def kiosk(kiosk_app):
    """The kiosk's browser, at a local-network address (its cookies belong to that host)."""
    client = kiosk_app.test_client()
    for method in ("get", "post"):
        plain = getattr(client, method)
        setattr(client, method, lambda *a, _plain=plain, **k: _plain(*a, **{"base_url": LAN, **k}))
    return client


def csrf_of(response):
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


LAN = "http://192.168.1.5:8000"  # the kiosk's browser on the local network, not loopback


def begin(client, lang="vi", base=LAN):
    response = client.post("/kiosk/start", data={"lang": lang}, base_url=base)
    assert response.status_code == 303 and response.headers["Location"] == "/kiosk/welcome"
    return csrf_of(client.get("/kiosk/q/1", base_url=base))


def finish_interview(client, answers=answer_sets.PROBLEMS, lang="vi", base=LAN):
    """A visitor who chose `lang`, answered every question and saw the result."""
    csrf = begin(client, lang, base)
    for number, _question, fields in form_steps(answers):
        posted = client.post(f"/kiosk/q/{number}", data={"csrf": csrf, **fields}, base_url=base)
        assert posted.status_code == 303, (number, posted.status_code)
    checked = client.post("/kiosk/check", data={"csrf": csrf}, base_url=base)
    assert checked.headers["Location"] == "/kiosk/result"
    assert client.get("/kiosk/result", base_url=base).status_code == 200
    return csrf


def rows(database, table):
    db = connect(database)
    try:
        return list(db[table].rows)
    finally:
        db.close()


def links(html):
    return re.findall(r'(?:href|action)="([^"]+)"', html)


def test_without_kiosk_mode_there_is_no_kiosk(client):
    assert client.get("/kiosk/").status_code == 404
    assert client.get("/t/abc").status_code == 404


def test_the_start_screen_is_a_grid_of_every_language_in_its_own_script(kiosk, locales):
    page = kiosk.get("/kiosk/")
    html = page.get_data(as_text=True)

    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<title>Kenri</title>" in html and "Community hall" in html
    buttons = re.findall(r'<button type="submit" name="lang" value="([^"]+)" lang="([^"]+)">', html)
    assert [code for code, _ in buttons] == list(locales)
    for code, tag in buttons:
        assert tag == locales[code].bcp47 and locales[code].native_name in html
    assert 'action="/kiosk/start"' in html and "?lang=" not in html
    assert 'http-equiv="refresh"' not in html  # nobody to erase yet
    assert rows(kiosk.application.extensions["kenri"].settings.database, "sessions") == []


def test_every_kiosk_page_is_neutral_self_erasing_and_has_finish_and_erase(kiosk):
    finish_interview(kiosk)
    for path in (*PAGES, "/kiosk/take-home", "/kiosk/language?next=/kiosk/result"):
        page = kiosk.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 200, path
        assert page.headers["Cache-Control"] == "no-store", path
        assert "<title>Kenri</title>" in html, path  # history and tab titles say nothing
        refresh = re.search(r'http-equiv="refresh" content="(\d+);url=([^"]+)"', html)
        shown = path.split("?")[0]
        assert refresh and refresh.groups() == ("150", f"/kiosk/still-there?next={shown}"), path
        assert 'class="finish" href="/kiosk/finish"' in html, path
        outside = [
            link
            for link in links(html)
            if not link.startswith(("/kiosk", "/assets/", "tel:", "https://", "#", "data:,"))
        ]
        assert outside == [], path
        assert 'lang="vi"' in html, path


def test_choosing_a_language_starts_a_kiosk_interview_and_counts_one_visit(kiosk, settings):
    begin(kiosk, "my")
    begin(kiosk, "my")  # the next visitor (or the same one, again)
    begin(kiosk, "km")

    sessions = rows(settings.database, "sessions")
    assert [(s["kind"], s["locale"]) for s in sessions] == [("kiosk", "km")]  # Start ended the rest
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).date().isoformat()
    visits = {(r["day"], r["locale"]): r["visits"] for r in rows(settings.database, "kiosk_visits")}
    assert visits == {(today, "my"): 2, (today, "km"): 1}


def test_the_welcome_page_is_in_the_chosen_language_and_leads_to_question_1(kiosk):
    begin(kiosk, "vi")
    html = kiosk.get("/kiosk/welcome").get_data(as_text=True)
    assert '<html lang="vi"' in html and 'href="/kiosk/q/1"' in html


def test_the_language_is_changed_by_a_post_and_remembered(kiosk, settings):
    begin(kiosk, "vi")
    picker = kiosk.get("/kiosk/language?next=/kiosk/q/1").get_data(as_text=True)
    assert "?lang=" not in picker and 'name="next" value="/kiosk/q/1"' in picker

    moved = kiosk.post("/kiosk/language", data={"lang": "th", "next": "/kiosk/q/1"})
    elsewhere = kiosk.post("/kiosk/language", data={"lang": "th", "next": "https://evil.example/"})

    assert moved.status_code == 303 and moved.headers["Location"] == "/kiosk/q/1"
    assert elsewhere.headers["Location"] == "/kiosk/"
    assert '<html lang="th"' in kiosk.get("/kiosk/q/1").get_data(as_text=True)
    assert rows(settings.database, "sessions")[0]["locale"] == "th"


def test_are_you_still_there_then_the_wipe_erase_everything(kiosk, settings):
    csrf = finish_interview(kiosk)
    still = kiosk.get("/kiosk/still-there?next=/kiosk/result")
    html = still.get_data(as_text=True)
    assert 'content="30;url=/kiosk/wipe"' in html and 'href="/kiosk/result"' in html
    assert 'data-countdown="30"' in html
    # "I am still here" never leads to an erasing route
    again = kiosk.get("/kiosk/still-there?next=/kiosk/wipe").get_data(as_text=True)
    assert 'href="/kiosk/welcome"' in again

    wiped = kiosk.get("/kiosk/wipe")

    assert wiped.status_code == 303 and wiped.headers["Location"] == "/kiosk/"
    assert wiped.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "kenri_kiosk=;" in wiped.headers["Set-Cookie"]
    assert rows(settings.database, "sessions") == []
    assert rows(settings.database, "answers") == [] and rows(settings.database, "results") == []
    assert len(rows(settings.database, "result_tally")) == 1  # anonymous: month and findings
    # a stale tab after the wipe: every page leads to the untouched start screen
    for path in (*PAGES, "/kiosk/take-home", "/kiosk/still-there"):
        response = kiosk.get(path)
        assert response.status_code == 303 and response.headers["Location"] == "/kiosk/", path
    # a form posted to the wiped interview: a clear page, nothing stored, nothing shown
    posted = kiosk.post(
        "/kiosk/q/1", data={"csrf": csrf, "question": "passport-held-by-other", "answer": "no"}
    )
    assert posted.status_code == 410
    assert "erased" in posted.get_data(as_text=True)
    assert rows(settings.database, "answers") == []


def test_a_wipe_while_a_stale_cookie_posts_again_is_never_a_500(kiosk, settings):
    csrf = begin(kiosk)
    stale = kiosk.get_cookie("kenri_kiosk", domain="192.168.1.5", path="/kiosk").value
    kiosk.get("/kiosk/wipe")
    kiosk.set_cookie(
        "kenri_kiosk", stale, domain="192.168.1.5", path="/kiosk"
    )  # a second tab still holding it
    for path in ("/kiosk/q/1", "/kiosk/check", "/kiosk/delete", "/kiosk/start"):
        response = kiosk.post(path, data={"csrf": csrf, "question": "passport-held-by-other"})
        assert response.status_code < 500, path
    assert [s["id"] for s in rows(settings.database, "sessions")] != [stale]


def test_finish_and_erase_says_so_in_the_visitors_language(kiosk, settings):
    finish_interview(kiosk, lang="th")
    page = kiosk.get("/kiosk/finish")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="th"' in html
    assert page.headers["Clear-Site-Data"] and "kenri_kiosk=;" in page.headers["Set-Cookie"]
    assert 'url=/kiosk/"' in html  # back to the start screen by itself
    assert rows(settings.database, "sessions") == [] and rows(settings.database, "answers") == []


def test_the_server_erases_an_abandoned_kiosk_interview_after_its_own_idle_limit(
    kiosk_app, kiosk, settings
):
    begin(kiosk)
    kiosk.post("/start")  # a phone interview made at the same moment
    later = utc_now() + CONFIG.server_idle + dt.timedelta(seconds=1)
    kiosk_limits = kiosk_app.extensions["kenri"].settings.kiosk_limits
    db = connect(settings.database)
    try:
        assert purge_expired(db, kiosk_limits, later, kind="kiosk") == 1
    finally:
        db.close()
    assert [s["kind"] for s in rows(settings.database, "sessions")] == ["form"]
    assert kiosk_limits.idle == dt.timedelta(minutes=4)


def test_the_summary_offers_printing_only_where_configured(kiosk):
    finish_interview(kiosk)
    html = kiosk.get("/kiosk/summary").get_data(as_text=True)
    assert '<button type="button" class="kiosk-action" data-print hidden>' in html


@pytest.mark.parametrize("loopback", ["http://127.0.0.1:8000", "http://localhost", "http://[::1]"])
def test_no_qr_code_where_a_phone_could_not_open_it(kiosk, loopback):
    # the kiosk's browser on this machine's loopback, and no take_home_url: a phone could not
    # open the link, so none is offered
    finish_interview(kiosk, base=loopback)
    result = kiosk.get("/kiosk/result", base_url=loopback)
    assert result.status_code == 200
    assert "/kiosk/take-home" not in result.get_data(as_text=True)
    page = kiosk.get("/kiosk/take-home", base_url=loopback)
    assert page.headers["Location"] == "/kiosk/result"


def test_the_result_offers_the_qr_code_where_a_phone_can_reach_it(kiosk):
    finish_interview(kiosk)
    assert "/kiosk/take-home" in kiosk.get("/kiosk/result").get_data(as_text=True)
    qr = kiosk.get("/kiosk/take-home")
    html = qr.get_data(as_text=True)
    assert qr.status_code == 200 and re.search(r'<svg role="img" aria-label="[^"]+"', html)
    assert "192.168" not in html and "/t/" not in html  # the link is only in the code


def test_the_qr_code_is_not_offered_before_the_end(kiosk):
    begin(kiosk)
    response = kiosk.get("/kiosk/take-home")
    assert response.status_code == 303 and response.headers["Location"] == "/kiosk/q/1"


# --- the result taken home, on the phone --------------------------------------------------------


def token_for(app, kb, answers, locale="vi", expires_in=dt.timedelta(days=7), on=None):
    with app.app_context():
        from webapp.views.kiosk.qr import take_home_key

        key = take_home_key()
    normalised = dict(answer_sets.asked_in_order(answers))
    from webapp.knowledge.answers import normalise_answers

    on = on or dt.date.today()
    return seal(kb, key, normalise_answers(kb, normalised), on, locale, utc_now() + expires_in)


def test_the_link_shows_the_result_and_the_summary_beside_japanese(kiosk_app, kiosk, kb, settings):
    token = token_for(kiosk_app, kb, answer_sets.PROBLEMS, "vi")

    page = kiosk.get(f"/t/{token}")
    html = page.get_data(as_text=True)

    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<title>Kenri</title>" in html and '<html lang="vi"' in html
    assert 'lang="ja"' in html and "technical intern" not in html.lower()
    assert 'href="/exit"' in html  # the phone form's quick exit
    assert html.count('class="listen" data-listen hidden') >= 3
    assert rows(settings.database, "sessions") == []  # stateless: nothing stored
    english = kiosk.get(f"/t/{token}?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in english and "Your result" in english


def test_an_expired_link_says_so_and_shows_nothing(kiosk_app, kiosk, kb):
    token = token_for(kiosk_app, kb, answer_sets.PROBLEMS, expires_in=dt.timedelta(seconds=-1))
    page = kiosk.get(f"/t/{token}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 410 and "This link has expired" in html
    assert "passport" not in html.lower()


def other_last(token):
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("change", [other_last, lambda t: t[:20], lambda t: "x" * 500])
def test_a_changed_or_broken_link_gets_a_clear_page(kiosk_app, kiosk, kb, change):
    token = token_for(kiosk_app, kb, answer_sets.PROBLEMS)
    page = kiosk.get(f"/t/{change(token)}?lang=en")
    assert page.status_code == 404 and "This link does not work" in page.get_data(as_text=True)


def test_a_link_from_an_earlier_knowledge_version_asks_to_check_again(kiosk_app, kiosk, kb):
    older = dataclasses.replace(kb, meta=dataclasses.replace(kb.meta, version="2020.01.01"))
    token = token_for(kiosk_app, older, answer_sets.PROBLEMS)
    page = kiosk.get(f"/t/{token}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 409 and "Kenri has been updated" in html and 'href="/"' in html


@pytest.mark.parametrize(
    "method, path",
    [("get", "/kiosk/no-such-page"), ("post", "/kiosk/"), ("get", "/kiosk/start"),
     ("post", "/kiosk/wipe"), ("get", "/t/"), ("get", "/t/%00"), ("post", "/kiosk/language")],
)  # fmt: skip
def test_kiosk_errors_are_clear_kiosk_pages_never_a_500(kiosk, method, path):
    begin(kiosk)
    response = getattr(kiosk, method)(path)
    assert response.status_code in (303, 404, 405), (path, response.status_code)
    html = response.get_data(as_text=True)
    if path.startswith("/kiosk") and response.status_code != 303:
        assert 'class="finish"' in html and "/kiosk/still-there?next=" in html  # still erases


def test_kiosk_visits_prints_the_anonymous_counts(kiosk, runner, settings):
    from webapp.cli import main

    begin(kiosk, "ne")
    begin(kiosk, "ne")
    begin(kiosk, "mn")

    result = runner.invoke(main, ["kiosk-visits", "--db", str(settings.database)])

    assert result.exit_code == 0, result.output
    assert re.search(r"\d{4}-\d\d-\d\d  mn +1\n", result.output)
    assert re.search(r"\d{4}-\d\d-\d\d  ne +2\n", result.output)
    assert "3 visit(s) in the last 31 day(s)." in result.output


def test_the_kiosks_organisation_is_offered_first(kiosk, settings):
    # The kiosk runs for "example-ngo"; another organisation sorts before it alphabetically.
    from desk_support import make_org

    from webapp.store.db import connect

    db = connect(settings.database)
    make_org(db, "a-org", languages=("vi",), name_en="A first alphabetically")
    make_org(db, "example-ngo", languages=("vi",), name_en="Z the kiosk's own")
    db.close()
    finish_interview(kiosk)
    result = kiosk.get("/kiosk/result").get_data(as_text=True)
    assert 'href="/kiosk/share"' in result
    offered = re.findall(
        r'name="org" value="([^"]+)"', kiosk.get("/kiosk/share").get_data(as_text=True)
    )
    assert offered == ["example-ngo", "a-org"]


def test_a_translation_report_from_the_taken_home_page_never_keeps_the_link(kiosk_app, kiosk, kb):
    token = token_for(kiosk_app, kb, answer_sets.PROBLEMS)
    html = kiosk.get(f"/t/{token}").get_data(as_text=True)
    assert 'report-translation?page=/"' in html and f"page=/t/{token}" not in html

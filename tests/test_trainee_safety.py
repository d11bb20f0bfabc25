"""Safety on every trainee page (issue 10): the danger strip, the safety page, and a result that
needs a fresh tap after the phone was left alone."""

import datetime as dt
import re

import pytest

from testkit.answer_sets import PROBLEMS
from testkit.form_posts import form_steps
from webapp.store.db import connect


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


@pytest.fixture
def finished(client):
    client.post("/start", data={"lang": "vi"})
    for number, _question, fields in form_steps(PROBLEMS):
        page = client.get(f"/q/{number}").get_data(as_text=True)
        client.post(f"/q/{number}", data={**hidden_fields(page), **fields})
    return client


def leave_for(settings, minutes):
    db = connect(settings.database)
    stamp = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)).isoformat()
    with db.conn:
        db.execute("UPDATE sessions SET last_seen_at = ?", [stamp])
    db.close()


@pytest.mark.parametrize("path", ["/", "/q/1", "/language", "/safety", "/check"])
def test_every_trainee_page_has_the_110_strip_and_quick_exit_first(finished, path):
    html = finished.get(path, follow_redirects=True).get_data(as_text=True)
    body = html[html.index("<body>") :]
    links = re.findall(r'<a [^>]*href="([^"]+)"', body)

    assert links[0] == "/exit"
    assert "tel:110" in links[:4]


@pytest.mark.parametrize("lang", ["vi", "my", "km", "ja", "ne"])
def test_the_safety_page_says_what_quick_exit_cannot_do_in_every_language(client, lang):
    page = client.get(f"/safety?lang={lang}")
    text = page.get_data(as_text=True)

    assert page.status_code == 200 and "<title>Kenri</title>" in text
    assert 'href="tel:110"' in text and f'lang="{lang}' in text


@pytest.mark.parametrize(
    ("path", "content"), [("/result", 'class="finding'), ("/summary", 'class="summary')]
)
def test_after_being_away_the_result_needs_a_fresh_tap(finished, settings, path, content):
    assert content in finished.get(path).get_data(as_text=True)
    leave_for(settings, 10)
    held = finished.get(path).get_data(as_text=True)

    assert content not in held and "Art. 48" not in held  # no finding, no citation
    assert f'action="{path}"' in held
    forged = finished.post(path, data={"csrf": "forged"})
    assert forged.status_code == 400
    shown = finished.post(path, data=hidden_fields(held))
    assert shown.status_code == 200 and content in shown.get_data(as_text=True)


def test_a_short_absence_does_not_hide_the_result(finished, settings):
    leave_for(settings, 2)
    assert 'class="finding' in finished.get("/result").get_data(as_text=True)


# --- danger first (issue 10) ---------------------------------------------------------------


def answer_page(client, url, value):
    html = client.get(url).get_data(as_text=True)
    return client.post(url, data={**hidden_fields(html), "answer": value})


def test_the_first_question_is_about_danger_and_a_yes_shows_what_to_do_at_once(client):
    client.post("/start", data={"lang": "vi"})
    first = client.get("/q/1").get_data(as_text=True)
    assert hidden_fields(first)["question"] == "movement-locked-in"

    response = answer_page(client, "/q/1", "yes")
    assert response.headers["Location"] == "/now"
    page = client.get("/now").get_data(as_text=True)
    assert 'href="tel:110"' in page
    assert "助けてください。" in page and "閉じ込められています。" in page
    assert 'href="/q/2"' in page  # then the questions go on
    assert "<title>Kenri</title>" in page


def test_rather_not_say_to_a_danger_question_also_shows_what_to_do(client):
    client.post("/start")
    answer_page(client, "/q/1", "no")
    response = answer_page(client, "/q/2", "rather-not-say")
    assert response.headers["Location"] == "/now"
    page = client.get("/now").get_data(as_text=True)
    assert "助けてください。" in page and "暴力を受けました。" not in page


def test_the_interruption_is_shown_once_and_the_result_leads_with_110(client):
    client.post("/start")
    assert answer_page(client, "/q/1", "yes").headers["Location"] == "/now"
    assert answer_page(client, "/q/2", "yes").headers["Location"] == "/q/3"


def finish(client, answers):
    for number, _question, fields in form_steps(answers):
        html = client.get(f"/q/{number}").get_data(as_text=True)
        response = client.post(f"/q/{number}", data={**hidden_fields(html), **fields})
        assert response.status_code == 303, html
    return client.get("/result").get_data(as_text=True)


def test_not_sure_everywhere_is_never_an_all_clear(client, kb):
    from testkit.answer_sets import asked_in_order

    client.post("/start")
    not_sure = {}
    for number in range(1, 40):
        html = client.get(f"/q/{number}").get_data(as_text=True)
        if 'name="question"' not in html:
            break
        question = hidden_fields(html)["question"]
        not_sure[question] = "not-sure"
        client.post(f"/q/{number}", data={**hidden_fields(html), "answer": "not-sure"})
    assert not_sure and asked_in_order  # the walk answered real questions
    page = client.get("/result").get_data(as_text=True)

    assert "We did not find a problem" not in page
    assert 'class="unchecked"' in page
    labels = [kb.meta.topics[kb.questions[q].topic].label for q in not_sure]
    for label in dict.fromkeys(labels):
        assert label in page


def test_the_result_starts_with_the_next_step_and_names_each_helper_once(client):
    from testkit.answer_sets import MANY_PROBLEMS

    client.post("/start")
    page = finish(client, MANY_PROBLEMS)

    assert page.index('class="next-step"') < page.index('class="finding')
    assert page.index('href="tel:110"') < page.index('class="next-step"')  # danger: 110 first
    names = re.findall(r'<li class="referral">\s*<strong>([^<]+)</strong>', page)
    assert names and len(names) == len(set(names))
    assert "<details>" in page  # findings are short cards; "more" opens without JavaScript


# --- the summary the trainee keeps (issue 10) ----------------------------------------------


def test_the_summary_is_in_the_first_person_says_when_it_goes_and_can_show_japanese_first(
    client, kb
):
    client.post("/start", data={"lang": "vi"})
    finish(client, PROBLEMS)
    page = client.get("/summary").get_data(as_text=True)
    sides = re.findall(r'<section class="summary-side" lang="([^"]+)"', page)
    assert sides == ["vi", "ja"]
    assert "<em>" not in page  # no italic Japanese
    assert 'href="/summary?first=ja"' in page
    japanese_first = client.get("/summary?first=ja").get_data(as_text=True)
    assert re.findall(r'<section class="summary-side" lang="([^"]+)"', japanese_first) == [
        "ja",
        "vi",
    ]
    assert "30" in page and "2" in page  # the deletion times, from the settings


def test_every_rule_has_a_first_person_title_for_the_summary(kb):
    for rule in kb.rules:
        assert rule.summary_title, rule.id
        assert not rule.summary_title.lower().startswith(("you ", "your ")), rule.id


def test_unpaid_wages_say_how_to_find_the_inspection_office_of_the_prefecture(client):
    client.post("/start")
    page = finish(client, PROBLEMS)  # Tokyo, below the minimum wage

    assert 'href="https://jsite.mhlw.go.jp/tokyo-roudoukyoku/"' in page
    assert page.count("Labour Standards Inspection Office") >= 1


def test_every_prefecture_names_its_labour_bureau(kb):
    assert len(kb.wages.prefectures) == 47
    for prefecture in kb.wages.prefectures.values():
        assert prefecture.labour_bureau == (
            f"https://jsite.mhlw.go.jp/{prefecture.id}-roudoukyoku/"
        ), prefecture.id

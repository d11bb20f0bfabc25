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

"""A trainee asks an organisation to contact them (issue 11): choose, say how to be reached,
read exactly what will be sent, send; withdraw with the reference and code. Nothing is stored
before Send, nothing is sent twice, and the contact details never reach the disk in clear."""

import re

import pytest
from desk_support import make_org

from testkit.answer_sets import PROBLEMS
from testkit.form_posts import form_steps
from webapp.store.db import connect

PHONE = "090-1234-5678"


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


@pytest.fixture
def orgs(settings):
    db = connect(settings.database)
    make_org(db, "tokyo-help", languages=("vi", "ja", "en"))
    make_org(db, "osaka-only", languages=("vi",), prefectures=("osaka",))
    make_org(db, "no-vietnamese", languages=("ja", "en"))
    make_org(db, "closed-now", languages=("vi",), accepting=False)
    db.close()


@pytest.fixture
def finished(client, orgs):
    """A Vietnamese trainee in Tokyo who has seen the result of a problem case."""
    client.post("/start", data={"lang": "vi"})
    for number, _question, fields in form_steps(PROBLEMS):
        page = client.get(f"/q/{number}").get_data(as_text=True)
        response = client.post(f"/q/{number}", data={**hidden_fields(page), **fields})
        assert response.status_code == 303, page
    assert client.get("/result").status_code == 200
    return client


def cases(settings):
    db = connect(settings.database)
    try:
        return db.execute("SELECT org_id, locale, consent_mode FROM cases").fetchall()
    finally:
        db.close()


def step(client, url, page_html, **fields):
    return client.post(url, data={"csrf": hidden_fields(page_html)["csrf"], **fields})


def test_only_organisations_that_speak_the_language_serve_the_prefecture_and_accept(finished):
    page = finished.get("/share").get_data(as_text=True)

    assert 'value="tokyo-help"' in page
    for excluded in ("osaka-only", "no-vietnamese", "closed-now"):
        assert f'value="{excluded}"' not in page


def test_the_whole_handoff_sends_exactly_what_the_consent_page_listed(finished, settings):
    chosen = finished.get("/share").get_data(as_text=True)
    contact = step(finished, "/share/contact", chosen, org="tokyo-help").get_data(as_text=True)
    consent = step(
        finished,
        "/share/consent",
        contact,
        org="tokyo-help",
        phone=PHONE,
        safe_times="after-work",
        messages_only="yes",
    ).get_data(as_text=True)

    assert PHONE in consent and "tokyo-help support centre" in consent
    assert cases(settings) == []  # nothing is stored before Send
    done = finished.post("/share/send", data=hidden_fields(consent))
    text = done.get_data(as_text=True)

    assert done.status_code == 200
    reference = re.search(r"KNR-[0-9A-Z]{4}-[0-9A-Z]{2}", text).group(0)
    assert cases(settings) == [("tokyo-help", "vi", "trainee")]
    raw = settings.database.read_bytes() + (
        settings.database.with_name("kenri.db-wal").read_bytes()
        if settings.database.with_name("kenri.db-wal").exists()
        else b""
    )
    assert PHONE.encode() not in raw  # sealed at rest
    again = finished.post("/share/send", data=hidden_fields(consent)).get_data(as_text=True)
    assert reference in again and len(cases(settings)) == 1  # sent at most once


def test_no_way_to_reach_the_trainee_is_a_clear_error_and_nothing_is_stored(finished, settings):
    chosen = finished.get("/share").get_data(as_text=True)
    contact = step(finished, "/share/contact", chosen, org="tokyo-help").get_data(as_text=True)
    response = step(finished, "/share/consent", contact, org="tokyo-help")

    assert response.status_code == 422
    assert 'class="error-summary"' in response.get_data(as_text=True)
    assert cases(settings) == []


def test_i_will_contact_them_is_enough(finished, settings):
    chosen = finished.get("/share").get_data(as_text=True)
    consent = step(
        finished, "/share/consent", chosen, org="tokyo-help", will_contact_them="yes"
    ).get_data(as_text=True)
    assert finished.post("/share/send", data=hidden_fields(consent)).status_code == 200
    assert len(cases(settings)) == 1


@pytest.mark.parametrize("org", ["osaka-only", "no-vietnamese", "closed-now", "nobody", ""])
def test_an_organisation_that_cannot_take_the_case_is_refused(finished, settings, org):
    chosen = finished.get("/share").get_data(as_text=True)
    response = step(finished, "/share/contact", chosen, org=org)

    assert response.status_code == 422
    sent = finished.post(
        "/share/send",
        data={"csrf": hidden_fields(chosen)["csrf"], "org": org, "phone": PHONE, "confirm": "yes"},
    )
    assert sent.status_code == 303 and cases(settings) == []


def test_a_forged_send_is_refused_and_stores_nothing(finished, settings):
    response = finished.post(
        "/share/send",
        data={"csrf": "forged", "org": "tokyo-help", "phone": PHONE, "confirm": "yes"},
    )
    assert response.status_code == 400
    assert cases(settings) == []


def test_withdrawing_needs_the_right_code_and_then_deletes_everything(finished, settings):
    chosen = finished.get("/share").get_data(as_text=True)
    consent = step(finished, "/share/consent", chosen, org="tokyo-help", phone=PHONE).get_data(
        as_text=True
    )
    done = finished.post("/share/send", data=hidden_fields(consent)).get_data(as_text=True)
    reference, code = re.findall(r'<strong class="code">([^<]+)</strong>', done)

    wrong = finished.post("/withdraw", data={"reference": reference, "code": "WRONG-CODE"})
    assert wrong.status_code == 422 and len(cases(settings)) == 1
    right = finished.post("/withdraw", data={"reference": reference.lower(), "code": code})
    assert right.status_code == 200 and cases(settings) == []


def test_the_handoff_pages_have_neutral_titles_and_no_data_in_their_urls(finished):
    page = finished.get("/share").get_data(as_text=True)

    assert "<title>Kenri</title>" in page
    assert all("?" not in action for action in re.findall(r'action="([^"]+)"', page))

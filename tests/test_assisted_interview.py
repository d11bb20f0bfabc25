"""The assisted interview (issue 11): a staff member runs the same interview for a trainee, with
their own language beside the trainee's, records verbal consent, and the case lands in their
queue. It is the trainee shell mounted again, behind the desk's sign-in."""

import re

from desk_support import sign_in
from flask_babel import force_locale, gettext
from markupsafe import escape

from testkit.answer_sets import PROBLEMS
from testkit.form_posts import form_steps
from webapp.store.db import connect

pytest_plugins = ["desk_fixtures"]


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def run_interview(client, lang="vi"):
    start = client.post("/staff/assist/start", data={"lang": lang})
    assert start.headers["Location"] == "/staff/assist/q/1"
    for number, _question, fields in form_steps(PROBLEMS):
        page = client.get(f"/staff/assist/q/{number}").get_data(as_text=True)
        response = client.post(f"/staff/assist/q/{number}", data={**hidden_fields(page), **fields})
        assert response.status_code == 303, page
    return client.get("/staff/assist/result")


def test_every_assisted_page_needs_a_signed_in_staff_member(app):
    client = app.test_client()
    for path in ("/staff/assist/", "/staff/assist/q/1", "/staff/assist/result"):
        response = client.get(path)
        assert response.status_code == 303 and "/staff/login" in response.headers["Location"]
    assert client.post("/staff/assist/start", data={"lang": "vi"}).status_code == 303


def test_the_question_shows_the_staff_language_beside_the_trainees(desk):
    client = desk.app.test_client()
    sign_in(client, desk.intake, query_string={"lang": "ja"})
    client.post("/staff/assist/start", data={"lang": "vi"})
    page = client.get("/staff/assist/q/1").get_data(as_text=True)

    assert '<html lang="vi"' in page
    beside = re.search(r'<p class="beside" lang="ja">([^<]+)</p>', page).group(1)
    first = hidden_fields(page)["question"]
    with desk.app.test_request_context(), force_locale("ja"):
        in_japanese = escape(gettext(desk.kb.questions[first].text))
    assert beside == in_japanese
    assert page.count('class="beside" lang="ja"') >= 2  # the options too


def test_verbal_consent_puts_the_case_in_the_staff_members_queue(desk, settings):
    client = desk.app.test_client()
    sign_in(client, desk.intake)
    result = run_interview(client)
    assert result.status_code == 200
    assert 'action="/staff/assist/record"' in result.get_data(as_text=True)
    csrf = hidden_fields(result.get_data(as_text=True))["csrf"]

    refused = client.post("/staff/assist/record", data={"csrf": csrf, "phone": "0901234567"})
    assert refused.status_code == 422  # no consent ticked: nothing recorded
    response = client.post(
        "/staff/assist/record", data={"csrf": csrf, "phone": "090-1234-5678", "consent": "yes"}
    )
    assert response.status_code == 303
    reference = re.search(r"/staff/cases/(KNR-[0-9A-Z-]+)", response.headers["Location"]).group(1)

    db = connect(settings.database)
    row = db.execute("SELECT org_id, consent_mode, assigned_to, locale FROM cases").fetchone()
    kinds = [r[0] for r in db.execute("SELECT kind FROM sessions").fetchall()]
    db.close()
    assert row == ("tokyo-help", "verbal", desk.intake.id, "vi")
    assert "staff" not in kinds  # the assisted interview itself is gone; the case has a copy
    queue = client.get("/staff/").get_data(as_text=True)
    assert reference in queue


def test_a_trainees_phone_session_never_opens_on_the_assisted_mount(desk, client):
    phone = client.post("/start")
    phone_id = phone.headers["Set-Cookie"].split("=")[1].split(";")[0]
    staff = desk.app.test_client()
    sign_in(staff, desk.intake)
    staff.set_cookie("kenri-assist", phone_id, path="/staff/assist")
    response = staff.get("/staff/assist/q/1")
    assert response.status_code == 303 and response.headers["Location"] == "/staff/assist/"

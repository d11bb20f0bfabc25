"""Nothing of a deleted session is left in the database files (issue 7, row 4).

Each test writes a distinctive number as an answer, deletes the session the way a trainee or
the retention job would, and then searches the raw bytes of kenri.db, -wal and -shm for it.
"""

import datetime as dt
import re

import pytest

from webapp.cli import main as kenri
from webapp.store.db import connect

SECRET_PAY = 4321.987  # stored as the JSON text "4321.987"
NEEDLE = b"4321.987"


def raw_files(database):
    found = {}
    for suffix in ("", "-wal", "-shm"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            found[path.name] = path.read_bytes()
    return found


def holding(database, needle):
    return sorted(name for name, data in raw_files(database).items() if needle in data)


def csrf_of(html):
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def hidden_fields(html):
    """Every hidden field the page's form posts back (the CSRF token, the question id...)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def answer_by_form_until_a_number(client):
    """Walk the phone form: first option everywhere, the secret pay at the first number box."""
    page = client.get(client.post("/start").headers["Location"])
    for _ in range(60):
        html = page.get_data(as_text=True)
        url = page.request.path
        if 'name="value"' in html and 'inputmode="decimal"' in html:
            response = client.post(url, data={**hidden_fields(html), "value": str(SECRET_PAY)})
            assert response.status_code == 303
            return
        # "No" where a question offers it (a "yes" to a danger question shows what to do now)
        found = re.search(r'name="answer" value="(no)"', html) or re.search(
            r'name="answer" value="([^"]+)"|<option value="([^"]+)"', html
        )
        option = found.group(1) or found.group(2)
        response = client.post(url, data={**hidden_fields(html), "answer": option})
        assert response.status_code == 303, html
        page = client.get(response.headers["Location"])
    pytest.fail("the form never asked for a number")


def answer_by_api_until_a_number(client):
    state = client.post("/api/v1/sessions", json={}).get_json()
    session_id = state["id"]
    while state["question"]:
        question = state["question"]
        value = SECRET_PAY if question["kind"] == "number" else question["options"][0]["id"]
        state = client.post(
            f"/api/v1/sessions/{session_id}/answers",
            json={"question": question["id"], "answer": value},
        ).get_json()
        if value == SECRET_PAY:
            return session_id
    pytest.fail("the API never asked for a number")


def test_the_secret_is_on_disk_while_the_session_lives(client, settings):
    # The control: without it the tests below could pass by never writing the value at all.
    answer_by_form_until_a_number(client)
    assert holding(settings.database, NEEDLE)


def test_quick_exit_leaves_no_byte_of_the_answers(client, settings):
    answer_by_form_until_a_number(client)
    client.get("/exit")
    assert holding(settings.database, NEEDLE) == []


def test_delete_my_answers_leaves_no_byte_of_the_answers(client, settings):
    answer_by_form_until_a_number(client)
    # The next question page carries the session's CSRF token, as the result page does.
    html = client.get(client.post("/start").headers["Location"]).get_data(as_text=True)
    response = client.post("/delete", data={"csrf": csrf_of(html)})
    assert response.status_code == 200
    assert holding(settings.database, NEEDLE) == []


def test_api_delete_leaves_no_byte_of_the_answers(client, settings):
    session_id = answer_by_api_until_a_number(client)
    assert client.delete(f"/api/v1/sessions/{session_id}").status_code == 204
    assert holding(settings.database, NEEDLE) == []
    assert holding(settings.database, session_id.encode()) == []


def test_kenri_purge_leaves_no_byte_of_the_answers(client, settings, runner):
    answer_by_api_until_a_number(client)
    db = connect(settings.database)
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)).isoformat()
    with db.conn:
        db.execute("UPDATE sessions SET created_at = ?, last_seen_at = ?", [old, old])
    db.close()
    result = runner.invoke(kenri, ["purge", "--db", str(settings.database)])
    assert result.exit_code == 0 and "Deleted 1" in result.output
    assert holding(settings.database, NEEDLE) == []

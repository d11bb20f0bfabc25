"""The trainee shell mounted a second time (as the kiosk will be): same views, its own URLs,
session kind, cookie, settings and error pages (issue 9)."""

import re

import pytest

from webapp.views.trainee import Mount, trainee_blueprint

KIOSK = Mount(
    name="kiosk",
    url_prefix="/kiosk",
    session_kind="kiosk",
    cookie="kenri_kiosk",
    resume_on_start=False,
    idle_minutes=3,
)


@pytest.fixture
def kiosk(fresh_app):
    fresh_app.register_blueprint(trainee_blueprint(KIOSK))
    return fresh_app.test_client()


def links(response):
    return re.findall(r'href="(/[^"]*)"', response.get_data(as_text=True))


def test_every_link_stays_inside_the_mount(kiosk):
    start = kiosk.post("/kiosk/start")
    assert start.headers["Location"] == "/kiosk/q/1"
    assert "Path=/kiosk" in start.headers["Set-Cookie"]
    page = kiosk.get("/kiosk/q/1")
    assert page.status_code == 200
    assert all(link.startswith(("/kiosk", "/assets/")) for link in links(page)), links(page)
    assert 'action="/kiosk/q/1"' in page.get_data(as_text=True)


def test_its_sessions_are_its_own_kind(kiosk, settings):
    from webapp.store.db import connect

    kiosk.post("/kiosk/start")
    phone = kiosk.post("/start")
    db = connect(settings.database)
    assert sorted(row["kind"] for row in db["sessions"].rows) == ["form", "kiosk"]
    db.close()
    # the phone's id does not open an interview on the kiosk, nor the other way round
    kiosk_id = kiosk.get_cookie("kenri_kiosk", path="/kiosk").value
    phone_id = phone.headers["Set-Cookie"].split("=")[1].split(";")[0]
    kiosk.set_cookie("kenri_kiosk", phone_id, path="/kiosk")
    assert kiosk.get("/kiosk/q/1").headers["Location"] == "/kiosk/"
    kiosk.set_cookie("kenri", kiosk_id)
    assert kiosk.get("/q/1").headers["Location"] == "/"


def test_start_on_the_kiosk_never_continues_the_last_visitor(kiosk):
    kiosk.post("/kiosk/start")
    first = kiosk.get_cookie("kenri_kiosk", path="/kiosk").value
    token = re.search(
        r'name="csrf" value="([^"]+)"', kiosk.get("/kiosk/q/1").get_data(as_text=True)
    ).group(1)
    kiosk.post(
        "/kiosk/q/1", data={"csrf": token, "question": "passport-held-by-other", "answer": "yes"}
    )
    again = kiosk.post("/kiosk/start")
    assert again.headers["Location"] == "/kiosk/q/1"  # a fresh interview, from question 1
    assert kiosk.get_cookie("kenri_kiosk", path="/kiosk").value != first


def test_the_mount_owns_its_error_pages(kiosk):
    missing = kiosk.get("/kiosk/no-such-page")
    assert missing.status_code == 404 and missing.headers["Cache-Control"] == "no-store"
    assert "/kiosk/" in links(missing) and "/kiosk/exit" in links(missing)
    assert "/" not in links(kiosk.get("/kiosk/no-such-page"))

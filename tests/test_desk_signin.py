"""Signing in to the desk through the real forms: passwords, TOTP, recovery codes, throttling
and lockout, first-time enrolment, password change, sessions, cookies, CSRF."""

import datetime as dt
import re

import pytest
from desk_support import PASSWORD, code_at, csrf_of, sign_in

from webapp.store import audit, login_throttle, staff_totp
from webapp.store.staff_accounts import add_staff, disable_staff

pytest_plugins = ["desk_fixtures"]

NOW = lambda: dt.datetime.now(dt.UTC)  # noqa: E731


@pytest.fixture
def client(desk):
    return desk.app.test_client()


def login(client, email, password):
    page = client.get("/staff/login")
    return client.post(
        "/staff/login", data={"csrf": csrf_of(page), "email": email, "password": password}
    )


def actions(desk, org="tokyo-help"):
    return [entry.action for entry in audit.entries(desk.db, org)]


def test_the_sign_in_page_has_the_security_headers_and_a_strict_sign_in_cookie(client):
    response = client.get("/staff/login")
    headers = response.headers
    assert response.status_code == 200
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    cookie = headers["Set-Cookie"]
    assert "kenri-staff-login=" in cookie and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie and "Path=/staff/" in cookie
    assert 'name="csrf"' in response.get_data(as_text=True)


def test_a_full_sign_in_reaches_the_queue(desk, client):
    page = sign_in(client, desk.intake)
    assert page.status_code == 200 and "<h1>Queue</h1>" in page.get_data(as_text=True)
    assert actions(desk)[:1] == ["sign-in"]


def test_the_staff_cookie_is_separate_httponly_strict_and_host_prefixed_over_https(desk):
    plain = desk.app.test_client()
    response = login(plain, desk.intake.email, PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("kenri-staff=") and "Path=/staff/" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie

    https = desk.app.test_client()
    page = https.get("/staff/login", base_url="https://desk.example")
    response = https.post(
        "/staff/login",
        base_url="https://desk.example",
        data={"csrf": csrf_of(page), "email": desk.intake.email, "password": PASSWORD},
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-kenri-staff=") and "Secure" in cookie
    assert "Path=/;" in cookie + ";" and "Domain" not in cookie
    # the trainee's cookie is another one
    assert "kenri=" not in cookie.split("staff=")[0]


def test_a_wrong_password_or_unknown_email_is_refused_the_same_way(desk, client):
    for email, password in (
        (desk.intake.email, "wrong password!!"),
        ("nobody@example.org", PASSWORD),
    ):
        response = login(client, email, password)
        html = response.get_data(as_text=True)
        assert response.status_code == 401
        assert "The e-mail address or the password is wrong" in html
        assert "kenri-staff=" not in response.headers.get("Set-Cookie", "")
    entries = audit.entries(desk.db, "tokyo-help")
    assert [e.action for e in entries] == ["sign-in-failed"]  # the known account only
    assert "nobody" not in repr(list(desk.db["audit_log"].rows))  # typed e-mails never logged


def test_a_forged_sign_in_form_is_refused(desk, client):
    client.get("/staff/login")
    response = client.post(
        "/staff/login", data={"csrf": "forged", "email": desk.intake.email, "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "This form could not be used" in response.get_data(as_text=True)
    fresh = desk.app.test_client()  # no sign-in cookie at all
    assert (
        fresh.post(
            "/staff/login", data={"email": desk.intake.email, "password": PASSWORD}
        ).status_code
        == 400
    )


def test_the_password_alone_does_not_open_the_desk(desk, client):
    response = login(client, desk.intake.email, PASSWORD)
    assert response.headers["Location"].endswith("/staff/login/code")
    for path in ("/staff/", "/staff/account", "/staff/statistics"):
        assert client.get(path).headers["Location"].endswith("/staff/login/code")


def code_step(desk, client, code):
    response = login(client, desk.intake.email, PASSWORD)
    page = client.get(response.headers["Location"])
    return client.post("/staff/login/code", data={"csrf": csrf_of(page), "code": code})


def test_a_wrong_code_is_refused(desk, client):
    right = code_at(desk.intake.secret, NOW())
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = code_step(desk, client, wrong)
    assert response.status_code == 401
    assert "That code is wrong or was already used" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 303
    assert audit.entries(desk.db, "tokyo-help")[0].detail == "code"


def test_a_replayed_code_is_refused(desk):
    code = code_at(desk.intake.secret, NOW())
    first = desk.app.test_client()
    assert code_step(desk, first, code).status_code == 303
    second = desk.app.test_client()  # someone who saw the code over a shoulder
    assert code_step(desk, second, code).status_code == 401
    assert second.get("/staff/").status_code == 303
    assert first.get("/staff/").status_code == 200


def test_a_recovery_code_signs_in_once(desk):
    codes = staff_totp.new_recovery_codes(desk.db, desk.intake.id)
    assert code_step(desk, desk.app.test_client(), codes[0]).status_code == 303
    assert code_step(desk, desk.app.test_client(), codes[0]).status_code == 401
    assert "recovery-code-used" in actions(desk)


def test_after_three_failures_the_next_attempt_must_wait(desk, client):
    for _ in range(3):
        assert login(client, desk.intake.email, "wrong password!!").status_code == 401
    response = login(client, desk.intake.email, PASSWORD)  # even the right password
    assert response.status_code == 429
    assert re.search(r"Wait \d+ seconds", response.get_data(as_text=True))


def test_ten_failures_lock_the_account_until_a_coordinator_unlocks_it(desk, monkeypatch):
    monkeypatch.setattr(login_throttle, "delay_after", lambda failures: dt.timedelta(0))
    attacker = desk.app.test_client()
    for _ in range(login_throttle.LOCK_AFTER):
        login(attacker, desk.intake.email, "wrong password!!")
    locked = login(desk.app.test_client(), desk.intake.email, PASSWORD)
    assert locked.status_code == 423
    assert "A coordinator of your organisation can unlock it" in locked.get_data(as_text=True)
    assert "account-locked" in actions(desk)

    coordinator = desk.app.test_client()
    team = sign_in(coordinator, desk.coordinator) and coordinator.get("/staff/team")
    assert "locked" in team.get_data(as_text=True)
    response = coordinator.post(
        f"/staff/team/{desk.intake.id}/unlock", data={"csrf": csrf_of(team)}
    )
    assert response.status_code == 200 and "account-unlocked" in actions(desk)
    assert sign_in(desk.app.test_client(), desk.intake).status_code == 200


def test_wrong_codes_count_towards_the_lockout(desk, monkeypatch):
    monkeypatch.setattr(login_throttle, "delay_after", lambda failures: dt.timedelta(0))
    client = desk.app.test_client()
    response = login(client, desk.intake.email, PASSWORD)
    page = client.get(response.headers["Location"])
    token = csrf_of(page)
    statuses = [
        client.post("/staff/login/code", data={"csrf": token, "code": "000000x"}).status_code
        for _ in range(login_throttle.LOCK_AFTER)
    ]
    assert statuses[-1] == 423 and set(statuses[:-1]) == {401}
    assert login_throttle.is_locked(desk.db, login_throttle.account_key(desk.intake.id))


def test_an_expired_staff_session_sends_to_sign_in_and_changes_nothing(desk, client):
    sign_in(client, desk.intake)
    queue = client.get("/staff/")
    desk.db.execute(
        "UPDATE staff_sessions SET last_seen_at = ?",
        [(NOW() - dt.timedelta(minutes=31)).isoformat()],
    )
    response = client.post("/staff/logout", data={"csrf": csrf_of(queue)})
    assert response.status_code == 303
    response = client.get("/staff/")
    assert response.headers["Location"].endswith("/staff/login")  # the row is gone now
    sign_in(client, desk.intake, step_offset=1)
    desk.db.execute(
        "UPDATE staff_sessions SET last_seen_at = ?",
        [(NOW() - dt.timedelta(minutes=31)).isoformat()],
    )
    response = client.get("/staff/")
    assert response.status_code == 303 and "expired=1" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert "You were signed out after 30 minutes without activity" in page.get_data(as_text=True)


def test_a_disabled_account_is_signed_out_at_once(desk, client):
    sign_in(client, desk.intake)
    disable_staff(desk.db, desk.intake.email)
    assert client.get("/staff/").status_code == 303


def test_signing_out_needs_the_form_token(desk, client):
    queue = sign_in(client, desk.intake)
    assert client.post("/staff/logout", data={"csrf": "forged"}).status_code == 400
    assert client.get("/staff/").status_code == 200
    client.post("/staff/logout", data={"csrf": csrf_of(queue)})
    assert client.get("/staff/").status_code == 303
    assert "sign-out" in actions(desk)


# --- first sign-in: enrolment, recovery codes, own password ---------------------------------------


def test_first_sign_in_enrols_the_app_shows_recovery_codes_and_forces_a_new_password(desk):
    member, one_time = add_staff(desk.db, "tokyo-help", "new@tokyo.example", "intake")
    client = desk.app.test_client()
    response = login(client, "new@tokyo.example", one_time)
    assert response.headers["Location"].endswith("/staff/enrol")
    page = client.get("/staff/enrol")
    html = page.get_data(as_text=True)
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html).group(1)
    secret = secret.replace(" ", "")
    assert client.get("/staff/").headers["Location"].endswith("/staff/enrol")

    wrong = client.post("/staff/enrol", data={"csrf": csrf_of(page), "code": "123"})
    assert wrong.status_code == 422
    done = client.post("/staff/enrol", data={"csrf": csrf_of(page), "code": code_at(secret, NOW())})
    codes = re.findall(
        r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", done.get_data(as_text=True)
    )
    assert done.status_code == 200 and len(codes) == 10
    assert "totp-enrolled" in actions(desk)

    assert client.get("/staff/").headers["Location"].endswith("/staff/password")
    form = client.get("/staff/password")
    assert "one-time password" in form.get_data(as_text=True)
    token = csrf_of(form)
    short = client.post(
        "/staff/password",
        data={"csrf": token, "current": one_time, "new": "short", "repeat": "short"},
    )
    assert short.status_code == 422 and "at least 12 characters" in short.get_data(as_text=True)
    changed = client.post(
        "/staff/password",
        data={
            "csrf": token,
            "current": one_time,
            "new": "a brand new passphrase",
            "repeat": "a brand new passphrase",
        },
    )
    assert changed.status_code == 200
    assert client.get("/staff/").status_code == 200
    assert "password-changed" in actions(desk)


@pytest.mark.parametrize(
    ("current", "new", "repeat", "message"),
    [
        (
            "wrong current pw",
            "another long password",
            "another long password",
            "Your current password is not right",
        ),
        (PASSWORD, "another long password", "a different long one", "are not the same"),
        (PASSWORD, PASSWORD, PASSWORD, "Choose a password you have not used here"),
        (PASSWORD, "intake@tokyo.example", "intake@tokyo.example", "Do not use your e-mail"),
    ],
)
def test_a_bad_password_change_is_refused_and_changes_nothing(
    desk, client, current, new, repeat, message
):
    sign_in(client, desk.intake)
    form = client.get("/staff/password")
    response = client.post(
        "/staff/password",
        data={"csrf": csrf_of(form), "current": current, "new": new, "repeat": repeat},
    )
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert "password-changed" not in actions(desk)


def test_a_password_change_signs_out_the_other_sessions(desk):
    here, elsewhere = desk.app.test_client(), desk.app.test_client()
    sign_in(here, desk.intake)
    sign_in(elsewhere, desk.intake, step_offset=1)
    form = here.get("/staff/password")
    here.post(
        "/staff/password",
        data={
            "csrf": csrf_of(form),
            "current": PASSWORD,
            "new": "a new long passphrase",
            "repeat": "a new long passphrase",
        },
    )
    assert here.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 303


def test_new_recovery_codes_from_my_account(desk, client):
    sign_in(client, desk.intake)
    page = client.get("/staff/account")
    assert "Unused recovery codes: 0" in page.get_data(as_text=True)
    response = client.post("/staff/account", data={"csrf": csrf_of(page)})
    assert len(re.findall(r"<li><code>", response.get_data(as_text=True))) == 10
    assert "Unused recovery codes: 10" in client.get("/staff/account").get_data(as_text=True)
    assert client.post("/staff/account", data={"csrf": "forged"}).status_code == 400


def test_the_desk_speaks_japanese_or_english_and_remembers_the_choice(desk, client):
    page = client.get("/staff/login?lang=ja")
    assert '<html lang="ja">' in page.get_data(as_text=True)
    assert "kenri-staff-lang=ja" in str(page.headers.getlist("Set-Cookie"))
    assert '<html lang="ja">' in client.get("/staff/login").get_data(as_text=True)
    english = desk.app.test_client().get("/staff/login", headers={"Accept-Language": "vi"})
    assert '<html lang="en">' in english.get_data(as_text=True)


def test_an_unfinished_sign_in_can_start_again(desk, client):
    login(client, desk.intake.email, PASSWORD)  # stopped at the code
    page = client.get("/staff/login")
    assert page.status_code == 200 and 'id="password"' in page.get_data(as_text=True)
    assert sign_in(client, desk.intake).status_code == 200

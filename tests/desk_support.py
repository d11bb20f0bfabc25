"""Helpers for the NGO desk's tests: organisations, enrolled staff accounts, and shared cases
whose findings come from the real engine on the shipped knowledge."""

import datetime as dt
import re
from dataclasses import dataclass

import pyotp

# Whole interviews on the shipped knowledge: the answer sets every test shares.
from testkit.answer_sets import ALL_CLEAR, PROBLEMS, URGENT  # noqa: F401
from webapp.case_snapshot import snapshot_of
from webapp.contact_options import Contact, Preferences
from webapp.engine import evaluate, normalise_answers, today_in_japan
from webapp.store import staff_totp
from webapp.store.cases import share_case
from webapp.store.orgs import add_org
from webapp.store.staff_accounts import add_staff, set_password

PASSWORD = "correct horse battery staple"
PHONE = "090-7777-1234"


@dataclass
class Account:
    id: int
    org_id: str
    email: str
    role: str
    password: str
    secret: str


def make_org(
    db,
    org_id="tokyo-help",
    languages=("vi", "ja", "en"),
    prefectures=("all",),
    accepting=True,
    name_en=None,
):
    return add_org(
        db,
        id=org_id,
        name_ja=f"{org_id} 支援センター",
        name_en=name_en or f"{org_id} support centre",
        languages=list(languages),
        prefectures=list(prefectures),
        hours=[{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "17:00"}],
        reply_days=2,
        accepting=accepting,
    )


def code_at(secret: str, moment: dt.datetime) -> str:
    return pyotp.TOTP(secret).at(moment)


def make_account(db, sealer, org_id, email, role="intake", enrolled=True) -> Account:
    """An account that chose its password and (by default) enrolled its app half a minute
    ago, so a code of the current step is still unused."""
    member, _ = add_staff(db, org_id, email, role)
    set_password(db, member.id, PASSWORD)
    secret = ""
    if enrolled:
        secret = staff_totp.pending_secret(db, sealer, member.id)
        earlier = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=30)
        assert staff_totp.finish_enrolment(db, sealer, member.id, code_at(secret, earlier), earlier)
    return Account(member.id, org_id, member.email, role, PASSWORD, secret)


def evaluation_of(kb, answers, on=None):
    return evaluate(kb, normalise_answers(kb, answers), on or today_in_japan())


def share(
    db,
    sealer,
    kb,
    org_id,
    answers,
    locale="vi",
    contact=None,
    preferences=None,
    consent_mode="trainee",
    staff_id=None,
    on=None,
):
    """Share a case the way the trainee handoff will: real evaluation, then the store API."""
    snapshot = snapshot_of(kb, evaluation_of(kb, answers, on))
    return share_case(
        db,
        sealer,
        org_id=org_id,
        answers=normalise_answers(kb, answers),
        locale=locale,
        snapshot=snapshot,
        contact=contact or Contact(phone=PHONE, line="trainee-line-id"),
        preferences=preferences or Preferences(("after-work",), True),
        consent_mode=consent_mode,
        staff_id=staff_id,
    )


def csrf_of(response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def sign_in(client, account: Account, step_offset: int = 0, **kwargs):
    """Sign in through the real forms (password, then the app's code); returns the queue page.
    step_offset picks a later 30-second step for a second sign-in of the same account."""
    page = client.get("/staff/login", **kwargs)
    response = client.post(
        "/staff/login",
        data={"csrf": csrf_of(page), "email": account.email, "password": account.password},
        **kwargs,
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    page = client.get(response.headers["Location"], **kwargs)
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30 * step_offset)
    response = client.post(
        "/staff/login/code",
        data={"csrf": csrf_of(page), "code": code_at(account.secret, moment)},
        **kwargs,
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/staff/")
    return client.get("/staff/", **kwargs)

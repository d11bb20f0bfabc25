"""Staff accounts: argon2 hashes, password rules, throttling with growing delays and lockout,
TOTP (replay refused), recovery codes, staff sessions and their limits."""

import datetime as dt

import pytest
from desk_support import code_at, make_org

from webapp.store import login_throttle as throttle
from webapp.store import staff_sessions, staff_totp
from webapp.store.db import connect, prepare_database
from webapp.store.orgs import UnknownOrganisation
from webapp.store.sealing import load_sealer
from webapp.store.staff_accounts import (
    HASHER,
    StaffInvalid,
    add_staff,
    check_password,
    disable_staff,
    find_by_email,
    password_problem,
    reset_staff,
    set_password,
)

pytest_plugins = ["desk_fixtures"]

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path, fast_hashing):
    prepare_database(tmp_path / "kenri.db")
    connection = connect(tmp_path / "kenri.db")
    make_org(connection, "ngo")
    yield connection
    connection.close()


@pytest.fixture
def sealer(tmp_path):
    return load_sealer(tmp_path / "contact.key", environ={})


# --- passwords ------------------------------------------------------------------------------------


def test_production_hashes_are_argon2id_with_at_least_64_mib():
    assert HASHER.type.name == "ID"
    assert HASHER.memory_cost >= 64 * 1024 and HASHER.time_cost >= 2
    assert HASHER.hash("a long enough password").startswith("$argon2id$")


def test_a_new_account_has_a_one_time_password_stored_only_as_a_hash(db):
    member, password = add_staff(db, "ngo", " New.Person@Example.org ", "intake")
    row = db["staff"].get(member.id)
    assert member.email == "new.person@example.org" and member.must_change_password
    assert password not in repr(row) and row["password_hash"].startswith("$argon2id$")
    assert check_password(db, "NEW.person@example.org", password).id == member.id


@pytest.mark.parametrize(
    ("org", "email", "role", "error"),
    [
        ("nobody", "a@example.org", "intake", UnknownOrganisation),
        ("ngo", "not an email", "intake", StaffInvalid),
        ("ngo", "a@example.org", "boss", StaffInvalid),
    ],
)
def test_bad_account_fields_are_refused(db, org, email, role, error):
    with pytest.raises(error):
        add_staff(db, org, email, role)
    assert db["staff"].count == 0


def test_an_email_has_one_account(db):
    add_staff(db, "ngo", "a@example.org", "intake")
    with pytest.raises(StaffInvalid, match="already"):
        add_staff(db, "ngo", "A@example.org", "coordinator")


def test_wrong_password_unknown_email_and_disabled_account_all_fail_alike(db):
    member, password = add_staff(db, "ngo", "a@example.org", "intake")
    assert check_password(db, "a@example.org", "wrong password!") is None
    assert check_password(db, "nobody@example.org", password) is None
    assert check_password(db, "a@example.org", None) is None
    disable_staff(db, "a@example.org")
    assert check_password(db, "a@example.org", password) is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "too-short"),
        ("x" * 257, "too-long"),
        ("a@example.org", "is-email"),
        ("twelve chars", None),
    ],
)
def test_password_rules(password, problem):
    assert password_problem(password, "a@example.org") == problem


def test_a_reset_gives_a_new_one_time_password_and_clears_the_second_factor_and_lock(db, sealer):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    set_password(db, member.id, "my own long password")
    secret = staff_totp.pending_secret(db, sealer, member.id)
    assert staff_totp.finish_enrolment(db, sealer, member.id, code_at(secret, T0), T0)
    staff_totp.new_recovery_codes(db, member.id)
    for _ in range(throttle.LOCK_AFTER):
        throttle.record_failure(
            db, [throttle.account_key(member.id)], T0, lockable=throttle.account_key(member.id)
        )
    disable_staff(db, "a@example.org")

    reset, password = reset_staff(db, "a@example.org")

    assert reset.must_change_password and not reset.enrolled and not reset.disabled
    assert check_password(db, "a@example.org", password) is not None
    assert check_password(db, "a@example.org", "my own long password") is None
    assert staff_totp.recovery_codes_left(db, member.id) == 0
    assert not throttle.is_locked(db, throttle.account_key(member.id))


def test_fast_test_hashes_are_still_argon2id(db):
    from webapp.store import staff_accounts

    assert staff_accounts.HASHER.hash("x").startswith("$argon2id$")


# --- throttling -----------------------------------------------------------------------------------


def test_delays_grow_after_three_failures_and_are_capped():
    delays = [throttle.delay_after(n).total_seconds() for n in range(0, 12)]
    assert delays[:3] == [0, 0, 0]
    assert delays[3:8] == [5, 10, 20, 40, 80]
    assert max(delays) <= throttle.MAX_DELAY.total_seconds()
    assert throttle.delay_after(40) == throttle.MAX_DELAY


def test_a_client_must_wait_longer_after_each_failure(db):
    key = throttle.client_key("secret", "203.0.113.9")
    assert "203.0.113.9" not in key
    for n in range(3):
        throttle.record_failure(db, [key], T0 + dt.timedelta(seconds=n))
    assert throttle.wait_seconds(db, [key], T0 + dt.timedelta(seconds=2)) == 5
    assert throttle.wait_seconds(db, [key], T0 + dt.timedelta(seconds=7)) == 0
    throttle.record_failure(db, [key], T0 + dt.timedelta(seconds=7))
    assert throttle.wait_seconds(db, [key], T0 + dt.timedelta(seconds=8)) == 9
    # a day later the failures are forgotten
    assert throttle.wait_seconds(db, [key], T0 + dt.timedelta(days=2)) == 0


def test_an_account_is_locked_after_ten_failures_until_cleared(db):
    account = throttle.account_key(7)
    client = throttle.client_key("secret", "198.51.100.1")
    locked = [
        throttle.record_failure(db, [client, account], T0, lockable=account)
        for _ in range(throttle.LOCK_AFTER)
    ]
    assert locked == [False] * 9 + [True]
    assert throttle.is_locked(db, account) and not throttle.is_locked(db, client)
    # still locked a week later: only a coordinator (or a reset) lifts it
    assert throttle.is_locked(db, account)
    throttle.clear(db, account)
    assert not throttle.is_locked(db, account)


# --- TOTP and recovery codes ----------------------------------------------------------------------


@pytest.fixture
def enrolled(db, sealer):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    secret = staff_totp.pending_secret(db, sealer, member.id)
    assert staff_totp.pending_secret(db, sealer, member.id) == secret  # stable until done
    assert staff_totp.finish_enrolment(db, sealer, member.id, code_at(secret, T0), T0)
    return member.id, secret


def test_the_totp_secret_is_sealed_at_rest(db, enrolled):
    staff_id, secret = enrolled
    assert secret not in repr(db["staff"].get(staff_id))
    assert find_by_email(db, "a@example.org").enrolled


def test_enrolment_needs_a_right_code(db, sealer):
    member, _ = add_staff(db, "ngo", "b@example.org", "intake")
    secret = staff_totp.pending_secret(db, sealer, member.id)
    near = {code_at(secret, T0 + dt.timedelta(seconds=s)) for s in (-30, 0, 30)}
    wrong = next(f"{n:06d}" for n in range(10) if f"{n:06d}" not in near)
    assert not staff_totp.finish_enrolment(db, sealer, member.id, wrong, T0)
    assert not staff_totp.finish_enrolment(db, sealer, member.id, "12345", T0)
    assert not find_by_email(db, "b@example.org").enrolled


def test_a_code_is_accepted_once_and_a_replay_is_refused(db, sealer, enrolled):
    staff_id, secret = enrolled
    later = T0 + dt.timedelta(minutes=5)
    code = code_at(secret, later)
    assert staff_totp.verify_code(db, sealer, staff_id, code, later)
    assert not staff_totp.verify_code(db, sealer, staff_id, code, later)
    # nor can an older code be used after a newer one
    assert not staff_totp.verify_code(
        db, sealer, staff_id, code_at(secret, later - dt.timedelta(seconds=30)), later
    )
    assert staff_totp.verify_code(
        db, sealer, staff_id, code_at(secret, later + dt.timedelta(seconds=30)), later
    )


def test_the_enrolment_code_cannot_be_replayed_to_sign_in(db, sealer, enrolled):
    staff_id, secret = enrolled
    assert not staff_totp.verify_code(db, sealer, staff_id, code_at(secret, T0), T0)


def test_codes_allow_one_step_of_clock_drift_and_no_more(db, sealer, enrolled):
    staff_id, secret = enrolled
    later = T0 + dt.timedelta(hours=1)
    assert not staff_totp.verify_code(
        db, sealer, staff_id, code_at(secret, later - dt.timedelta(seconds=90)), later
    )
    assert staff_totp.verify_code(
        db, sealer, staff_id, code_at(secret, later - dt.timedelta(seconds=30)), later
    )
    assert not staff_totp.verify_code(db, sealer, staff_id, "12 34 56x", later)


def test_recovery_codes_work_once_each_and_are_kept_as_hashes(db, enrolled):
    staff_id, _ = enrolled
    codes = staff_totp.new_recovery_codes(db, staff_id)
    assert len(set(codes)) == 10 and staff_totp.recovery_codes_left(db, staff_id) == 10
    assert codes[0] not in repr(list(db["staff_recovery_codes"].rows))
    assert staff_totp.use_recovery_code(db, staff_id, codes[0].lower().replace("-", " "), T0)
    assert not staff_totp.use_recovery_code(db, staff_id, codes[0], T0)
    assert not staff_totp.use_recovery_code(db, staff_id + 1, codes[1], T0)
    assert staff_totp.recovery_codes_left(db, staff_id) == 9
    renewed = staff_totp.new_recovery_codes(db, staff_id)
    assert not staff_totp.use_recovery_code(db, staff_id, codes[1], T0)
    assert staff_totp.use_recovery_code(db, staff_id, renewed[1], T0)


# --- staff sessions -------------------------------------------------------------------------------

LIMITS = staff_sessions.Limits()


def test_staff_sessions_keep_only_a_hash_of_the_token(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    session = staff_sessions.start(db, member.id, "active", T0)
    assert len(session.token) >= 43
    assert session.token not in repr(list(db["staff_sessions"].rows))


def test_a_staff_session_ends_after_30_idle_minutes(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    session = staff_sessions.start(db, member.id, "active", T0)
    staff_sessions.load(db, session.token, LIMITS, T0 + dt.timedelta(minutes=29))
    with pytest.raises(staff_sessions.StaffSessionExpired):
        staff_sessions.load(db, session.token, LIMITS, T0 + dt.timedelta(minutes=60))
    with pytest.raises(staff_sessions.StaffSessionGone):  # and it is deleted
        staff_sessions.load(db, session.token, LIMITS, T0)


def test_a_staff_session_ends_after_12_hours_however_active(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    session = staff_sessions.start(db, member.id, "active", T0)
    moment = T0
    while moment < T0 + dt.timedelta(hours=11, minutes=50):
        moment += dt.timedelta(minutes=20)
        staff_sessions.load(db, session.token, LIMITS, moment)
    with pytest.raises(staff_sessions.StaffSessionExpired):
        staff_sessions.load(db, session.token, LIMITS, T0 + dt.timedelta(hours=12, minutes=1))


def test_an_unfinished_sign_in_lasts_15_minutes(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    session = staff_sessions.start(db, member.id, "code", T0)
    with pytest.raises(staff_sessions.StaffSessionExpired):
        staff_sessions.load(db, session.token, LIMITS, T0 + dt.timedelta(minutes=16))


def test_advancing_a_stage_replaces_the_token(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    pending = staff_sessions.start(db, member.id, "code", T0)
    active = staff_sessions.advance(db, pending, "active", T0 + dt.timedelta(minutes=1))
    assert active.token != pending.token and active.stage == "active"
    with pytest.raises(staff_sessions.StaffSessionGone):
        staff_sessions.load(db, pending.token, LIMITS, T0 + dt.timedelta(minutes=1))


def test_purge_removes_expired_staff_sessions(db):
    member, _ = add_staff(db, "ngo", "a@example.org", "intake")
    staff_sessions.start(db, member.id, "active", T0)
    fresh = staff_sessions.start(db, member.id, "active", T0 + dt.timedelta(hours=1))
    assert staff_sessions.purge_expired(db, LIMITS, T0 + dt.timedelta(hours=1, minutes=5)) == 1
    staff_sessions.load(db, fresh.token, LIMITS, T0 + dt.timedelta(hours=1, minutes=5))

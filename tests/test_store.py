"""The SQLite store: sessions, the append-only answer log, expiry and purge."""

import datetime as dt

import pytest

from webapp.store import sessions as store
from webapp.store.db import connect, prepare_database
from webapp.store.retention import purge_expired

LIMITS = store.Limits(idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=2))


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kenri.db"
    prepare_database(path)
    connection = connect(path)
    yield connection
    connection.close()


def age(db, session_id, *, created_minutes=0, seen_minutes=0):
    now = store.now()
    db.execute("UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE id = ?",
               [(now - dt.timedelta(minutes=created_minutes)).isoformat(),
                (now - dt.timedelta(minutes=seen_minutes)).isoformat(), session_id])
    db.conn.commit()


def test_the_database_uses_wal_and_migrations_are_recorded(db):
    assert db.journal_mode == "wal"
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert names == ["m001_sessions_and_answers", "m002_results_and_secrets",
                     "m003_translation_reports", "m200_chat_events"]


def test_session_ids_are_long_and_random(db):
    ids = {store.create_session(db, "en", "v").id for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) >= 43 for i in ids)   # 32 random bytes, base64url: 256 bits


def test_answers_are_an_append_only_log_where_the_latest_wins(db):
    session = store.create_session(db, "en", "v")
    store.record_answer(db, session.id, "wages-pay-ok", "yes")
    store.record_answer(db, session.id, "wages-overtime", "no")
    store.record_answer(db, session.id, "wages-pay-ok", "no")
    assert store.current_answers(db, session.id) == {"wages-pay-ok": "no", "wages-overtime": "no"}
    assert db["answers"].count == 3


def test_numbers_and_months_survive_the_round_trip(db):
    session = store.create_session(db, "en", "v")
    store.record_answer(db, session.id, "wages-hourly-rate", 1100.0)
    store.record_answer(db, session.id, "wages-work-month", "2025-10")
    assert store.current_answers(db, session.id) == {"wages-hourly-rate": 1100.0,
                                                     "wages-work-month": "2025-10"}


@pytest.mark.parametrize("created, seen, expired", [
    pytest.param(10, 10, False, id="fresh"),
    pytest.param(40, 31, True, id="idle-too-long"),
    pytest.param(121, 1, True, id="too-old"),
])
def test_sessions_expire_when_idle_or_old(db, created, seen, expired):
    session = store.create_session(db, "en", "v")
    store.record_answer(db, session.id, "wages-pay-ok", "yes")
    age(db, session.id, created_minutes=created, seen_minutes=seen)
    if expired:
        with pytest.raises(store.SessionExpired):
            store.get_session(db, session.id, LIMITS)
        assert db["answers"].count == 0   # expired answers are deleted when found
    else:
        assert store.get_session(db, session.id, LIMITS).id == session.id


def test_unknown_and_malformed_ids_are_not_found(db):
    for bad in ("", "x", "a" * 500, "nope-" * 5):
        with pytest.raises(store.SessionNotFound):
            store.get_session(db, bad, LIMITS)


def test_purge_deletes_only_expired_unshared_sessions(db):
    fresh, idle, old, shared = (store.create_session(db, "en", "v") for _ in range(4))
    for session in (fresh, idle, old, shared):
        store.record_answer(db, session.id, "wages-pay-ok", "yes")
    age(db, idle.id, created_minutes=40, seen_minutes=35)
    age(db, old.id, created_minutes=200, seen_minutes=1)
    age(db, shared.id, created_minutes=200, seen_minutes=200)
    db.execute("UPDATE sessions SET shared = 1 WHERE id = ?", [shared.id])
    db.conn.commit()
    assert purge_expired(db, LIMITS) == 2
    left = {row["id"] for row in db["sessions"].rows}
    assert left == {fresh.id, shared.id}
    assert {row["session_id"] for row in db["answers"].rows} == {fresh.id, shared.id}


def test_kenri_purge_command_reports_what_it_deleted(tmp_path, runner):
    from webapp.cli import main
    path = tmp_path / "k.db"
    prepare_database(path)
    db = connect(path)
    session = store.create_session(db, "en", "v")
    age(db, session.id, created_minutes=300, seen_minutes=300)
    db.close()
    result = runner.invoke(main, ["purge", "--db", str(path)])
    assert result.exit_code == 0 and "Deleted 1 expired session(s)." in result.output

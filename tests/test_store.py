"""The SQLite store: sessions of a kind, the append-only answer log, results, retention."""

import datetime as dt

import pytest

from webapp.clock import utc_now
from webapp.store import answers, reports, results, sessions
from webapp.store.db import connect, prepare_database
from webapp.store.retention import Limits, purge_expired, purge_reports

LIMITS = Limits(idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=2))
NOW = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)


def new_session(db, kind="form", now=NOW):
    return sessions.create_session(db, kind, "en", "v", now)


def age(db, session_id, *, created_minutes=0, seen_minutes=0, now=NOW):
    db.execute(
        "UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE id = ?",
        [
            (now - dt.timedelta(minutes=created_minutes)).isoformat(),
            (now - dt.timedelta(minutes=seen_minutes)).isoformat(),
            session_id,
        ],
    )
    db.conn.commit()


def test_the_database_uses_wal_and_migrations_are_recorded(db):
    assert db.journal_mode == "wal"
    names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert names == [
        "m001_sessions_and_answers",
        "m002_results_and_secrets",
        "m003_translation_reports",
        "m004_session_kinds",
        "m005_one_result_per_interview",
        "m006_report_times",
        "m007_shared_reference",
        "m100_organisations",
        "m101_staff_accounts",
        "m102_shared_cases",
        "m103_audit_log",
        "m200_chat_events",
        "m210_chat_sessions",
        "m300_kiosk_visits",
    ]


def test_session_ids_are_long_and_random(db):
    ids = {new_session(db).id for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) >= 43 for i in ids)  # 32 random bytes, base64url: 256 bits


def test_a_session_is_only_found_as_its_own_kind(db):
    form, api = new_session(db, "form"), new_session(db, "api")
    assert sessions.load_session(db, form.id, "form").id == form.id
    assert sessions.load_session(db, api.id, "api").id == api.id
    with pytest.raises(sessions.SessionNotFound):
        sessions.load_session(db, form.id, "api")
    with pytest.raises(sessions.SessionNotFound):
        sessions.load_session(db, api.id, "form")


def test_answers_are_an_append_only_log_where_the_latest_wins(db):
    session = new_session(db)
    answers.record_answer(db, session.id, "wages-pay-ok", "yes", NOW)
    answers.record_answer(db, session.id, "wages-overtime", "no", NOW)
    answers.record_answer(db, session.id, "wages-pay-ok", "no", NOW)
    assert answers.current_answers(db, session.id) == {"wages-pay-ok": "no", "wages-overtime": "no"}
    assert db["answers"].count == 3


def test_numbers_and_months_survive_the_round_trip(db):
    session = new_session(db)
    answers.record_answer(db, session.id, "wages-hourly-rate", 1100.0, NOW)
    answers.record_answer(db, session.id, "wages-work-month", "2025-10", NOW)
    assert answers.current_answers(db, session.id) == {
        "wages-hourly-rate": 1100.0,
        "wages-work-month": "2025-10",
    }


def test_a_reissued_session_keeps_its_answers_under_a_new_id_and_the_old_id_dies(db):
    old = new_session(db)
    answers.record_answer(db, old.id, "wages-pay-ok", "yes", NOW)
    new = sessions.reissue_session(db, old, NOW + dt.timedelta(minutes=5))
    assert new.id != old.id and new.created_at == old.created_at
    assert answers.current_answers(db, new.id) == {"wages-pay-ok": "yes"}
    with pytest.raises(sessions.SessionNotFound):
        sessions.load_session(db, old.id, "form")


@pytest.mark.parametrize(
    "created, seen, expired",
    [
        pytest.param(10, 10, False, id="fresh"),
        pytest.param(40, 31, True, id="idle-too-long"),
        pytest.param(121, 1, True, id="too-old"),
    ],
)
def test_sessions_expire_when_idle_or_old(db, created, seen, expired):
    session = new_session(db)
    age(db, session.id, created_minutes=created, seen_minutes=seen)
    assert LIMITS.expired(sessions.load_session(db, session.id, "form"), NOW) is expired
    # and the bulk purge agrees with the check, session by session
    assert purge_expired(db, LIMITS, NOW) == int(expired)


def test_unknown_and_malformed_ids_are_not_found(db):
    for bad in ("", "x", "a" * 500, "nope-" * 5, None, 42):
        with pytest.raises(sessions.SessionNotFound):
            sessions.load_session(db, bad, "form")


def test_purge_deletes_only_expired_unshared_sessions(db):
    fresh, idle, old, shared = (new_session(db) for _ in range(4))
    for session in (fresh, idle, old, shared):
        answers.record_answer(db, session.id, "wages-pay-ok", "yes", NOW)
    age(db, idle.id, created_minutes=40, seen_minutes=35)
    age(db, old.id, created_minutes=200, seen_minutes=1)
    age(db, shared.id, created_minutes=200, seen_minutes=200)
    db.execute("UPDATE sessions SET shared = 1 WHERE id = ?", [shared.id])
    db.conn.commit()
    assert purge_expired(db, LIMITS, NOW) == 2
    left = {row["id"] for row in db["sessions"].rows}
    assert left == {fresh.id, shared.id}
    assert {row["session_id"] for row in db["answers"].rows} == {fresh.id, shared.id}


def test_a_result_is_one_row_per_interview_and_the_tally_outlives_the_session(db):
    session = new_session(db)
    day = dt.date(2026, 6, 1)
    found = [("wages-unpaid", "serious")]
    assert results.record_result(db, session.id, "form", day, "v", found, NOW) is True
    assert results.record_result(db, session.id, "form", day, "v", found, NOW) is False
    changed = [("wages-unpaid", "serious"), ("below-minimum-wage", "serious")]
    assert results.record_result(db, session.id, "form", day, "v", changed, NOW) is True
    assert db["results"].count == 1 and db["result_tally"].count == 1
    sessions.delete_session(db, session.id)
    assert db["results"].count == 0
    assert results.tally(db) == [
        {
            "month": "2026-06",
            "kind": "form",
            "knowledge_version": "v",
            "findings": [list(f) for f in changed],
        }
    ]
    assert "session_id" not in db["result_tally"].columns_dict


def test_translation_reports_are_kept_for_the_retention_period(db):
    reports.record_report(db, "vi", "/q/1", "old", NOW - dt.timedelta(days=91))
    reports.record_report(db, "vi", "/q/1", "new", NOW - dt.timedelta(days=1))
    assert reports.reports_since(db, NOW - dt.timedelta(hours=48)) == 1
    assert purge_reports(db, dt.timedelta(days=90), NOW) == 1
    assert [r["text"] for r in reports.list_reports(db)] == ["new"]


def test_kenri_purge_command_reports_what_it_deleted(tmp_path, runner):
    from webapp.cli import main

    path = tmp_path / "k.db"
    prepare_database(path)
    db = connect(path)
    session = new_session(db, now=utc_now())
    age(db, session.id, created_minutes=300, seen_minutes=300, now=utc_now())
    reports.record_report(db, "vi", "/", "text", utc_now() - dt.timedelta(days=100))
    db.close()
    result = runner.invoke(main, ["purge", "--db", str(path)])
    assert result.exit_code == 0
    assert "Deleted 1 expired session(s) and 1 old translation report(s)." in result.output

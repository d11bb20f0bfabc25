"""The chat event store: each event once, redelivery after a crash, retention."""

import datetime as dt

from webapp.store import chat as chat_store
from webapp.store.db import connect, prepare_database


def database(tmp_path):
    prepare_database(tmp_path / "k.db")
    return connect(tmp_path / "k.db")


def test_an_event_is_claimed_once(tmp_path):
    db = database(tmp_path)
    assert chat_store.claim_event(db, "k1", "line", "boot-a")
    assert not chat_store.claim_event(db, "k1", "line", "boot-a")
    chat_store.mark_event(db, "k1", "sent")
    assert not chat_store.claim_event(db, "k1", "line", "boot-b")
    assert chat_store.event_status(db, "k1") == "sent"


def test_a_queued_event_of_a_stopped_process_can_be_taken_once(tmp_path):
    db = database(tmp_path)
    assert chat_store.claim_event(db, "k1", "line", "boot-old")
    assert chat_store.claim_event(db, "k1", "line", "boot-new")
    assert not chat_store.claim_event(db, "k1", "line", "boot-new")


def test_a_handled_event_is_never_handled_again(tmp_path):
    db = database(tmp_path)
    chat_store.claim_event(db, "k1", "messenger", "boot-old")
    chat_store.mark_event(db, "k1", "handled")
    assert not chat_store.claim_event(db, "k1", "messenger", "boot-new")


def test_release_lets_the_platforms_retry_through(tmp_path):
    db = database(tmp_path)
    chat_store.claim_event(db, "k1", "line", "b")
    chat_store.release_event(db, "k1")
    assert chat_store.claim_event(db, "k1", "line", "b")


def test_old_records_are_purged(tmp_path):
    db = database(tmp_path)
    chat_store.claim_event(db, "old", "line", "b")
    chat_store.claim_event(db, "new", "line", "b")
    long_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=4)).isoformat()
    db.execute("UPDATE chat_events SET received_at = ? WHERE key = 'old'", [long_ago])
    db.conn.commit()
    assert chat_store.purge_events(db) == 1
    assert chat_store.event_status(db, "old") is None and chat_store.event_status(db, "new")


def test_keyed_hashes_depend_on_secret_and_channel():
    one = chat_store.keyed_hash("s1", "line", "U1")
    assert one == chat_store.keyed_hash("s1", "line", "U1") and len(one) == 64
    assert one != chat_store.keyed_hash("s2", "line", "U1")
    assert one != chat_store.keyed_hash("s1", "messenger", "U1")

"""Anonymous interview sessions and their append-only answer log.

A session id is 256 random bits. Answers are never updated in place: a change appends a row and
the latest row per question wins. Nothing here logs ids or answers.
"""

import datetime as dt
import json
import secrets
from dataclasses import dataclass

import sqlite_utils

from webapp.store.db import erase_deleted


class SessionNotFound(Exception):
    """Unknown, deleted or purged session."""


class SessionExpired(Exception):
    """The session passed its idle or absolute limit (it is deleted when found so)."""


# The idle clock is restarted at most once a minute: a write on every page view costs more
# than it is worth, and a minute is nothing against a 30-minute limit.
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Limits:
    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Session:
    id: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    locale: str
    knowledge_version: str
    shared: bool


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def create_session(db: sqlite_utils.Database, locale: str, knowledge_version: str) -> Session:
    stamp = now()
    row = {"id": secrets.token_urlsafe(32), "created_at": stamp.isoformat(),
           "last_seen_at": stamp.isoformat(), "locale": locale,
           "knowledge_version": knowledge_version, "shared": 0}
    with db.conn:
        db["sessions"].insert(row)
    return _session(row)


def get_session(db: sqlite_utils.Database, session_id: str, limits: Limits,
                touch: bool = True) -> Session:
    """The live session, its idle clock restarted; SessionNotFound / SessionExpired otherwise."""
    if not isinstance(session_id, str) or not 20 <= len(session_id) <= 100:
        raise SessionNotFound
    rows = list(db["sessions"].rows_where("id = ?", [session_id]))
    if not rows:
        raise SessionNotFound
    session = _session(rows[0])
    stamp = now()
    if not session.shared and (stamp - session.last_seen_at > limits.idle
                               or stamp - session.created_at > limits.absolute):
        delete_session(db, session_id)
        raise SessionExpired
    if touch and stamp - session.last_seen_at > TOUCH_EVERY:
        with db.conn:
            db.execute("UPDATE sessions SET last_seen_at = ? WHERE id = ?",
                       [stamp.isoformat(), session_id])
    return session


def set_locale(db: sqlite_utils.Database, session_id: str, locale: str) -> None:
    with db.conn:
        db.execute("UPDATE sessions SET locale = ? WHERE id = ?", [locale, session_id])


def record_answer(db: sqlite_utils.Database, session_id: str, question: str, value) -> None:
    """Append one answer (a str option id, a float, or a YYYY-MM month)."""
    with db.conn:
        db["answers"].insert({"session_id": session_id, "question": question,
                              "value": json.dumps(value), "answered_at": now().isoformat()})


def current_answers(db: sqlite_utils.Database, session_id: str) -> dict:
    """The latest answer to each question, in the order first answered."""
    answers: dict = {}
    for row in db.execute("SELECT question, value FROM answers WHERE session_id = ? ORDER BY id",
                          [session_id]).fetchall():
        answers[row[0]] = json.loads(row[1])
    return answers


def record_result(db: sqlite_utils.Database, session_id: str, evaluated_on: dt.date,
                  knowledge_version: str, findings: list[tuple[str, str]]) -> None:
    with db.conn:
        db["results"].insert({"session_id": session_id, "evaluated_on": evaluated_on.isoformat(),
                              "knowledge_version": knowledge_version,
                              "findings": json.dumps(findings), "created_at": now().isoformat()})


def delete_session(db: sqlite_utils.Database, session_id: str) -> None:
    with db.conn:
        db.execute("DELETE FROM answers WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM results WHERE session_id = ?", [session_id])
        db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
    erase_deleted(db)


def _session(row: dict) -> Session:
    return Session(row["id"], dt.datetime.fromisoformat(row["created_at"]),
                   dt.datetime.fromisoformat(row["last_seen_at"]), row["locale"],
                   row["knowledge_version"], bool(row["shared"]))

"""Which interview each chat user is in: user_key -> session id, and nothing more.

`user_key` is the keyed hash (HMAC under a server secret) of the platform user id, made by the
channel; the session id never leaves the server (postbacks and links never carry it). A row
lives exactly as long as its session: the foreign key deletes it with the session (ON DELETE
CASCADE, with foreign keys on for every connection), whether the trainee asked to delete their
data or the session expired. `asking` is the question the chat asked out of the interview's
order (after "back" or "change an answer"); None means the interview's next question.
"""

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from webapp.store.db import erase_deleted


@dataclass(frozen=True)
class ChatLink:
    user_key: str
    session_id: str
    asking: str | None


def find_link(db: sqlite_utils.Database, user_key: str) -> ChatLink | None:
    row = db.execute(
        "SELECT session_id, asking FROM chat_sessions WHERE user_key = ?", [user_key]
    ).fetchone()
    return ChatLink(user_key, row[0], row[1]) if row else None


def link_session(
    db: sqlite_utils.Database, user_key: str, session_id: str, now: dt.datetime
) -> ChatLink:
    """Point the user at this session (a new interview replaces the previous link)."""
    with db.conn:
        db.execute(
            "INSERT OR REPLACE INTO chat_sessions (user_key, session_id, asking, created_at) "
            "VALUES (?, ?, NULL, ?)",
            [user_key, session_id, now.isoformat()],
        )
    return ChatLink(user_key, session_id, None)


def set_asking(db: sqlite_utils.Database, user_key: str, question_id: str | None) -> None:
    with db.conn:
        db.execute(
            "UPDATE chat_sessions SET asking = ? WHERE user_key = ?", [question_id, user_key]
        )


def forget_user(db: sqlite_utils.Database, user_key: str) -> None:
    """Delete the user's link now and wipe it from the files (the session is ended by the core)."""
    with db.conn:
        db.execute("DELETE FROM chat_sessions WHERE user_key = ?", [user_key])
    erase_deleted(db)

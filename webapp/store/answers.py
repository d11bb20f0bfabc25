"""The append-only answer log: a change appends a row, and the latest row per question wins."""

import datetime as dt
import json

import sqlite_utils


def record_answer(
    db: sqlite_utils.Database, session_id: str, question: str, value, now: dt.datetime
) -> None:
    """Append one answer (a str option id, a float, or a YYYY-MM month)."""
    with db.conn:
        db.table("answers").insert(
            {
                "session_id": session_id,
                "question": question,
                "value": json.dumps(value),
                "answered_at": now.isoformat(),
            }
        )


def current_answers(db: sqlite_utils.Database, session_id: str) -> dict:
    """The latest answer to each question, in the order first answered."""
    answers: dict = {}
    for question, value in db.execute(
        "SELECT question, value FROM answers WHERE session_id = ? ORDER BY id", [session_id]
    ).fetchall():
        answers[question] = json.loads(value)
    return answers

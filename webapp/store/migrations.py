"""Schema changes as ordered, recorded functions (sqlite-utils Migrations). Never drop and recreate."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("kenri")


@migrations()
def m001_sessions_and_answers(db):
    # Anonymous interview sessions; answers are an append-only log (latest per question wins).
    db["sessions"].create({"id": str, "created_at": str, "last_seen_at": str, "locale": str,
                           "knowledge_version": str}, pk="id")
    db["answers"].create({"id": int, "session_id": str, "question": str, "value": str,
                          "answered_at": str}, pk="id",
                         foreign_keys=[("session_id", "sessions", "id")])
    db["answers"].create_index(["session_id"])

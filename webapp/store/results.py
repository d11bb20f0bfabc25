"""Results: one row per completed interview, and an anonymous tally for statistics.

A result is recorded when a completed interview's result is first shown, and replaced (never
added to) when answers change and it is shown again, so the table counts interviews, not page
views. Each result points to one row of `result_tally`, which holds only the month, the kind of
front end, the knowledge version and the findings: no session id, no time of day. When the
session is deleted its result row goes with it and the tally row can no longer be traced to
anyone; statistics count the tally.
"""

import datetime as dt
import json

import sqlite_utils


def record_result(
    db: sqlite_utils.Database,
    session_id: str,
    kind: str,
    evaluated_on: dt.date,
    knowledge_version: str,
    findings: list[tuple[str, str]],
    now: dt.datetime,
) -> bool:
    """Record (or replace) the session's result; return True if anything was written."""
    found = json.dumps(findings)
    with db.conn:
        row = db.execute(
            "SELECT id, tally_id, evaluated_on, knowledge_version, findings "
            "FROM results WHERE session_id = ?",
            [session_id],
        ).fetchone()
        if row and row[2:] == (evaluated_on.isoformat(), knowledge_version, found):
            return False
        tally = {
            "month": evaluated_on.isoformat()[:7],
            "kind": kind,
            "knowledge_version": knowledge_version,
            "findings": found,
        }
        if row is None:
            tally_id = db.table("result_tally").insert(tally).last_pk
            db.table("results").insert(
                {
                    "session_id": session_id,
                    "tally_id": tally_id,
                    "evaluated_on": evaluated_on.isoformat(),
                    "knowledge_version": knowledge_version,
                    "findings": found,
                    "created_at": now.isoformat(),
                }
            )
        else:
            db.table("result_tally").update(row[1], tally)
            db.table("results").update(
                row[0],
                {
                    "evaluated_on": evaluated_on.isoformat(),
                    "knowledge_version": knowledge_version,
                    "findings": found,
                    "created_at": now.isoformat(),
                },
            )
    return True


def tally(db: sqlite_utils.Database) -> list[dict]:
    """Every tallied interview: month, kind, knowledge version and findings."""
    return [
        {**row, "findings": json.loads(row["findings"])}
        for row in db.table("result_tally").rows_where(
            select="month, kind, knowledge_version, findings", order_by="id"
        )
    ]

"""Schema changes as ordered, recorded functions (sqlite-utils Migrations).

Never drop and recreate.
"""

from sqlite_utils.migrations import Migrations

migrations = Migrations("kenri")


@migrations()
def m001_sessions_and_answers(db):
    # Anonymous interview sessions; answers are an append-only log (latest per question wins).
    db["sessions"].create(
        {
            "id": str,
            "created_at": str,
            "last_seen_at": str,
            "locale": str,
            "knowledge_version": str,
        },
        pk="id",
    )
    db["answers"].create(
        {"id": int, "session_id": str, "question": str, "value": str, "answered_at": str},
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["answers"].create_index(["session_id"])


@migrations()
def m002_results_and_secrets(db):
    # A result is recorded when a trainee asks for it: which findings, on which day.
    db["results"].create(
        {
            "id": int,
            "session_id": str,
            "evaluated_on": str,
            "knowledge_version": str,
            "findings": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db["results"].create_index(["session_id"])
    # Server secrets (the CSRF key), created once so that forms survive a restart.
    db["secrets"].create({"name": str, "value": str}, pk="name")
    db["sessions"].add_column("shared", int, not_null_default=0)


@migrations()
def m003_translation_reports(db):
    # Reports of bad translations from the pages (no personal data is asked for).
    db["translation_reports"].create(
        {"id": int, "locale": str, "page": str, "text": str, "created_at": str}, pk="id"
    )


@migrations()
def m004_session_kinds(db):
    # Issue 7: a session made through one front end (the form, the API) cannot be used through
    # another. Sessions live two hours at most; those open at upgrade time count as form ones.
    db["sessions"].add_column("kind", str, not_null_default="form")


@migrations()
def m005_one_result_per_interview(db):
    # Issue 9: results counted page views. Keep the latest row per session, make the session
    # unique, and add an anonymous tally (no session id) that statistics can count.
    db.execute(
        "DELETE FROM results WHERE id NOT IN (SELECT max(id) FROM results GROUP BY session_id)"
    )
    db["result_tally"].create(
        {"id": int, "month": str, "kind": str, "knowledge_version": str, "findings": str}, pk="id"
    )
    db["results"].add_column("tally_id", int)
    for row in list(db["results"].rows):
        tally_id = (
            db["result_tally"]
            .insert(
                {
                    "month": row["evaluated_on"][:7],
                    "kind": "form",
                    "knowledge_version": row["knowledge_version"],
                    "findings": row["findings"],
                }
            )
            .last_pk
        )
        db["results"].update(row["id"], {"tally_id": tally_id})
    db["results"].create_index(["session_id"], unique=True, index_name="results_one_per_session")


@migrations()
def m006_report_times(db):
    # Issue 7: reports are purged after a retention period and rate-limited by their times.
    db["translation_reports"].create_index(["created_at"])


@migrations()
def m300_kiosk_visits(db):
    # Issue 12: the only thing a kiosk keeps about its visitors is how many started, per language
    # and day (no time of day, no session id), for the organisation running it.
    db["kiosk_visits"].create({"day": str, "locale": str, "visits": int}, pk=("day", "locale"))

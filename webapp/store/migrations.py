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
def m007_shared_reference(db):
    # Issue 11: an interview is sent to an organisation at most once; the case's reference is
    # kept with the session (and deleted with it) so a second "Send" shows it instead.
    db["sessions"].add_column("shared_reference", str)


# The NGO desk (m100 and up, so that they never collide with the interview's own migrations).


@migrations()
def m100_organisations(db):
    # Support organisations that receive shared cases: deployment data, not knowledge.
    # languages / prefectures / hours are JSON; prefectures ["all"] means all of Japan.
    db["organisations"].create(
        {
            "id": str,
            "name_ja": str,
            "name_en": str,
            "languages": str,
            "prefectures": str,
            "hours": str,
            "reply_days": int,
            "accepting": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
    )


@migrations()
def m101_staff_accounts(db):
    # Staff of an organisation. Passwords are argon2 hashes; TOTP secrets are sealed (Fernet).
    db["staff"].create(
        {
            "id": int,
            "org_id": str,
            "email": str,
            "role": str,
            "password_hash": str,
            "must_change_password": int,
            "totp_sealed": str,
            "totp_pending_sealed": str,
            "totp_last_step": int,
            "enrolled_at": str,
            "disabled_at": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("org_id", "organisations", "id")],
    )
    db["staff"].create_index(["email"], unique=True)
    db["staff_recovery_codes"].create(
        {"id": int, "staff_id": int, "code_hash": str, "used_at": str},
        pk="id",
        foreign_keys=[("staff_id", "staff", "id")],
    )
    # Only a hash of the session token is kept: a copied database opens no session.
    db["staff_sessions"].create(
        {"token_hash": str, "staff_id": int, "stage": str, "created_at": str, "last_seen_at": str},
        pk="token_hash",
        foreign_keys=[("staff_id", "staff", "id")],
    )
    db["staff_sessions"].create_index(["staff_id"])
    # Failed sign-ins per account ("staff:<id>") and per client ("client:<keyed hash>").
    db["login_throttle"].create(
        {"key": str, "failures": int, "last_failure_at": str, "locked": int}, pk="key"
    )


@migrations()
def m102_shared_cases(db):
    # A case a trainee (or a staff member, with verbal consent) shared with one organisation.
    # Contact details live only in contact_sealed; the withdrawal code only as a hash.
    db["cases"].create(
        {
            "id": int,
            "reference": str,
            "org_id": str,
            "created_at": str,
            "locale": str,
            "consent_mode": str,
            "created_by": int,
            "answers": str,
            "findings": str,
            "regime": str,
            "evaluated_on": str,
            "knowledge_version": str,
            "urgency": str,
            "urgency_rank": int,
            "prefecture": str,
            "safe_times": str,
            "messages_only": int,
            "will_contact_them": int,
            "contact_sealed": str,
            "contact_purged_at": str,
            "withdraw_hash": str,
            "status": str,
            "status_at": str,
            "assigned_to": int,
            "closed_at": str,
        },
        pk="id",
        foreign_keys=[
            ("org_id", "organisations", "id"),
            ("assigned_to", "staff", "id"),
            ("created_by", "staff", "id"),
        ],
    )
    db["cases"].create_index(["reference"], unique=True)
    db["cases"].create_index(["org_id", "status"])
    db["case_notes"].create(
        {"id": int, "case_id": int, "staff_id": int, "created_at": str, "text_sealed": str},
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("staff_id", "staff", "id")],
    )
    db["case_notes"].create_index(["case_id"])
    # What remains of cases deleted by retention: one-dimensional anonymous counts.
    db["case_counts"].create(
        {"org_id": str, "dimension": str, "value": str, "count": int},
        pk=("org_id", "dimension", "value"),
    )


@migrations()
def m103_audit_log(db):
    # Append-only: triggers refuse every UPDATE and DELETE.
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "org_id": str,
            "staff_id": int,
            "action": str,
            "case_reference": str,
            "detail": str,
        },
        pk="id",
    )
    db["audit_log"].create_index(["org_id", "id"])
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


@migrations()
def m200_chat_events(db):
    # Chat webhook events seen (issue 13): a keyed hash of the platform's event id, so each
    # event is processed once; no user id and no text. See webapp/store/chat.py.
    db["chat_events"].create(
        {
            "key": str,
            "channel": str,
            "status": str,
            "boot": str,
            "received_at": str,
            "updated_at": str,
        },
        pk="key",
    )
    db["chat_events"].create_index(["received_at"])


@migrations()
def m210_chat_sessions(db):
    # Which interview a chat user is in (issue 13): the keyed hash of the platform user id ->
    # the session id, which never leaves the server. Written in SQL because sqlite-utils cannot
    # declare ON DELETE CASCADE: the row goes with its session, however the session ends (the
    # core's end, idle or absolute expiry, `kenri purge`). See webapp/store/chat_sessions.py.
    db.execute(
        "CREATE TABLE chat_sessions ("
        " user_key TEXT PRIMARY KEY,"
        " session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " asking TEXT,"
        " created_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX chat_sessions_session_id ON chat_sessions(session_id)")


@migrations()
def m300_kiosk_visits(db):
    # Issue 12: the only thing a kiosk keeps about its visitors is how many started, per language
    # and day (no time of day, no session id), for the organisation running it.
    db["kiosk_visits"].create({"day": str, "locale": str, "visits": int}, pk=("day", "locale"))

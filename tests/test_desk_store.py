"""The shared-case store: organisations, share_case and withdraw_case, encryption at rest,
durable writes, the append-only audit log, and retention."""

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from desk_support import ALL_CLEAR, PHONE, PROBLEMS, URGENT, evaluation_of, make_org, share

from webapp.case_snapshot import snapshot_of
from webapp.contact_options import Contact, ContactInvalid, Preferences
from webapp.org_hours import HoursInvalid, describe_hours, hours_text, parse_hours
from webapp.store import audit, case_work
from webapp.store.case_notes import add_note, notes_of
from webapp.store.case_references import REFERENCE, normalise_reference
from webapp.store.case_retention import purge_cases
from webapp.store.case_statistics import case_counts
from webapp.store.cases import CaseInvalid, OrganisationNotAvailable, share_case, withdraw_case
from webapp.store.db import connect, prepare_database
from webapp.store.orgs import (
    OrganisationInvalid,
    UnknownOrganisation,
    accepting_organisations,
    add_org,
    edit_org,
    list_orgs,
)
from webapp.store.sealing import KeyProblem, SealBroken, load_sealer

pytest_plugins = ["desk_fixtures"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path):
    prepare_database(tmp_path / "kenri.db")
    connection = connect(tmp_path / "kenri.db")
    yield connection
    connection.close()


@pytest.fixture
def sealer(tmp_path):
    return load_sealer(tmp_path / "contact.key", environ={})


def count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


# --- organisations --------------------------------------------------------------------------------


def test_a_trainee_sees_accepting_organisations_of_their_language_and_prefecture(db):
    make_org(db, "nationwide", languages=("vi", "ja"), prefectures=("all",))
    make_org(db, "osaka-only", languages=("vi",), prefectures=("osaka",))
    make_org(db, "closed-now", languages=("vi",), accepting=False)
    make_org(db, "no-vietnamese", languages=("id", "ja"))

    in_osaka = [o.id for o in accepting_organisations(db, "vi", "osaka")]
    in_tokyo = [o.id for o in accepting_organisations(db, "vi", "tokyo")]
    unknown_place = [o.id for o in accepting_organisations(db, "vi", None)]

    assert in_osaka == ["osaka-only", "nationwide"]  # the local one first
    assert in_tokyo == ["nationwide"]
    assert unknown_place == ["osaka-only", "nationwide"]
    assert [o.id for o in accepting_organisations(db, "km", "tokyo")] == []


def test_an_organisation_can_stop_and_start_accepting(db):
    make_org(db, "ngo")
    edit_org(db, "ngo", accepting=False)
    assert accepting_organisations(db, "vi", "tokyo") == []
    edit_org(db, "ngo", accepting=True, languages=["km"])
    assert [o.id for o in accepting_organisations(db, "km", "tokyo")] == ["ngo"]


@pytest.mark.parametrize(
    ("fields", "word"),
    [
        ({"id": "Bad Id!"}, "id"),
        ({"name_en": ""}, "name_en"),
        ({"languages": []}, "languages"),
        ({"prefectures": []}, "prefectures"),
        ({"reply_days": -1}, "reply_days"),
    ],
)
def test_a_bad_organisation_field_is_refused_and_nothing_is_stored(db, fields, word):
    base = dict(
        id="ngo",
        name_ja="支援",
        name_en="Support",
        languages=["vi"],
        prefectures=["all"],
        hours=[{"days": [0], "from": "10:00", "to": "12:00"}],
    )
    with pytest.raises(OrganisationInvalid, match=word):
        add_org(db, **{**base, **fields})
    assert list_orgs(db) == []


def test_editing_an_unknown_organisation_says_so(db):
    with pytest.raises(UnknownOrganisation):
        edit_org(db, "nobody", accepting=False)


# --- sharing a case -------------------------------------------------------------------------------


def test_a_shared_case_keeps_structured_answers_the_evaluation_and_gets_a_reference(db, sealer, kb):
    make_org(db, "ngo")
    shared = share(db, sealer, kb, "ngo", URGENT, locale="vi")

    assert REFERENCE.match(shared.reference)
    assert len(shared.withdrawal_code.replace("-", "")) == 12
    case = case_work.get_case(db, "ngo", shared.reference)
    assert case.answers["violence-hit"] == "yes" and case.answers["wages-hourly-rate"] == 1000.0
    assert case.findings[0] == ("physical-injury", "urgent")
    assert case.urgency == "urgent" and case.prefecture == "tokyo" and case.regime == "titp"
    assert case.knowledge_version == kb.version and case.locale == "vi"
    assert case.safe_times == ("after-work",) and case.messages_only
    assert case.status == "new" and case.has_contact
    assert [e.action for e in audit.entries(db, "ngo")] == ["case-shared"]


def test_the_withdrawal_code_is_stored_only_as_a_hash(db, sealer, kb):
    make_org(db, "ngo")
    shared = share(db, sealer, kb, "ngo", PROBLEMS)
    row = db.execute("SELECT * FROM cases").fetchone()
    assert shared.withdrawal_code not in repr(row)
    assert shared.withdrawal_code.replace("-", "") not in repr(row)


def test_references_are_random_and_unrelated_across_organisations(db, sealer, kb):
    make_org(db, "ngo-a")
    make_org(db, "ngo-b")
    references = [
        share(db, sealer, kb, org, ALL_CLEAR).reference for org in ("ngo-a", "ngo-b") * 15
    ]
    assert len(set(references)) == 30
    # no shared prefix per organisation and no sequence: the random parts differ everywhere
    assert len({r[4:8] for r in references}) == 30


def test_references_are_read_back_however_they_are_typed():
    assert normalise_reference("knr 7f3k q9") == "KNR-7F3K-Q9"
    assert normalise_reference(" 7F3K-Q9 ") == "KNR-7F3K-Q9"
    assert normalise_reference("KNR-7F3K-Q0") is None  # 0 is not in the alphabet
    assert normalise_reference("x" * 500) is None
    assert normalise_reference(None) is None


def test_sharing_with_an_unknown_organisation_is_refused(db, sealer, kb):
    with pytest.raises(UnknownOrganisation):
        share(db, sealer, kb, "nobody", URGENT)
    assert count(db, "cases") == 0


@pytest.mark.parametrize(
    ("org", "locale"),
    [
        ({"accepting": False}, "vi"),
        ({"languages": ("ja",)}, "vi"),
        ({"prefectures": ("osaka",)}, "vi"),
    ],
)
def test_an_organisation_that_does_not_take_this_case_is_refused(db, sealer, kb, org, locale):
    make_org(db, "ngo", **org)
    with pytest.raises(OrganisationNotAvailable):
        share(db, sealer, kb, "ngo", URGENT, locale=locale)  # URGENT works in Tokyo
    assert count(db, "cases") == 0


@pytest.mark.parametrize(
    ("contact", "field", "problem"),
    [
        (Contact(), "contact", "missing"),
        (Contact(phone="call me maybe"), "phone", "invalid"),
        (Contact(email="not-an-address"), "email", "invalid"),
        (Contact(line="spaces are not allowed"), "line", "invalid"),
        (Contact(phone=PHONE, note="x" * 1001), "note", "too-long"),
    ],
)
def test_a_consent_form_without_a_usable_contact_method_is_refused(
    db, sealer, kb, contact, field, problem
):
    make_org(db, "ngo")
    with pytest.raises(ContactInvalid) as caught:
        share(db, sealer, kb, "ngo", URGENT, contact=contact)
    assert (caught.value.field, caught.value.problem) == (field, problem)
    assert count(db, "cases") == 0


def test_i_will_contact_them_is_enough_without_contact_details(db, sealer, kb):
    make_org(db, "ngo")
    shared = share(db, sealer, kb, "ngo", URGENT, contact=Contact(will_contact_them=True))
    assert case_work.get_case(db, "ngo", shared.reference).will_contact_them


def test_unknown_safe_times_are_refused(db, sealer, kb):
    make_org(db, "ngo")
    with pytest.raises(ContactInvalid):
        share(db, sealer, kb, "ngo", URGENT, preferences=Preferences(("whenever",)))


def test_verbal_consent_needs_a_staff_member_of_that_organisation(desk):
    with pytest.raises(CaseInvalid):
        share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT, consent_mode="verbal")
    with pytest.raises(CaseInvalid):
        share(
            desk.db,
            desk.sealer,
            desk.kb,
            "tokyo-help",
            URGENT,
            consent_mode="verbal",
            staff_id=desk.other.id,
        )
    shared = share(
        desk.db,
        desk.sealer,
        desk.kb,
        "tokyo-help",
        URGENT,
        locale="km",
        consent_mode="verbal",
        staff_id=desk.intake.id,
    )  # any language, in person
    case = case_work.get_case(desk.db, "tokyo-help", shared.reference)
    assert case.consent_mode == "verbal" and case.created_by == desk.intake.id
    assert case.assigned_to == desk.intake.id  # in their own queue ("assigned to me")


def test_the_language_must_be_a_language(db, sealer, kb):
    make_org(db, "ngo", languages=("xx", "vi"))
    for locale in ("xx", "", None, "v" * 30):
        with pytest.raises(CaseInvalid):
            share(db, sealer, kb, "ngo", URGENT, locale=locale, consent_mode="trainee")
    assert count(db, "cases") == 0


def test_answers_must_be_structured(db, sealer, kb):
    make_org(db, "ngo")
    snapshot = snapshot_of(kb, evaluation_of(kb, URGENT))
    for answers in ({"q": {"nested": 1}}, ["not", "a", "dict"], {"q": True}):
        with pytest.raises(CaseInvalid):
            share_case(
                db,
                sealer,
                org_id="ngo",
                answers=answers,
                locale="vi",
                snapshot=snapshot,
                contact=Contact(phone=PHONE),
            )


# --- withdrawal -----------------------------------------------------------------------------------


def test_withdrawing_with_the_code_deletes_the_case_its_contact_and_notes(desk):
    shared = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT)
    case = case_work.get_case(desk.db, "tokyo-help", shared.reference)
    add_note(desk.db, desk.sealer, case, desk.intake.id, "Called, no answer.")

    assert withdraw_case(desk.db, shared.reference.lower(), shared.withdrawal_code.lower())

    assert count(desk.db, "cases") == 0 and count(desk.db, "case_notes") == 0
    assert count(desk.db, "case_counts") == 0  # a withdrawal leaves no trace in figures
    assert audit.entries(desk.db, "tokyo-help")[0].action == "case-withdrawn"


def test_a_wrong_withdrawal_code_or_reference_changes_nothing(db, sealer, kb):
    make_org(db, "ngo")
    shared = share(db, sealer, kb, "ngo", URGENT)
    assert not withdraw_case(db, shared.reference, "AAAA-BBBB-CCCC")
    assert not withdraw_case(db, "KNR-2222-22", shared.withdrawal_code)
    assert not withdraw_case(db, None, None)
    assert count(db, "cases") == 1


# --- encryption at rest and durability ------------------------------------------------------------


def test_the_raw_database_file_contains_no_contact_detail(tmp_path, sealer, kb):
    path = tmp_path / "kenri.db"
    prepare_database(path)
    db = connect(path)
    make_org(db, "ngo")
    contact = Contact(
        phone="+81 90 5555 0199",
        line="secret-line-handle",
        email="trainee.private@example.com",
        facebook="Nguyen Thi Secret",
        note="Call after 21:00 from a withheld number",
    )
    shared = share(db, sealer, kb, "ngo", URGENT, contact=contact)
    case = case_work.get_case(db, "ngo", shared.reference)
    add_note(db, sealer, case, None, "She said her dormitory is Sakura-so room 12")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()

    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("kenri.db"))
    for secret in (
        "5555 0199",
        "secret-line-handle",
        "trainee.private",
        "Nguyen Thi Secret",
        "withheld number",
        "Sakura-so",
    ):
        assert secret.encode() not in raw, secret
    # ... and the key opens them again
    db = connect(path)
    assert case_work.reveal_contact(db, sealer, "ngo", shared.reference, None) == contact
    db.close()


def test_the_key_file_is_created_once_with_0600_permissions(tmp_path):
    key_file = tmp_path / "keys" / "contact.key"
    first = load_sealer(key_file, environ={})
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    sealed = first.seal({"phone": PHONE})
    assert load_sealer(key_file, environ={}).open(sealed) == {"phone": PHONE}


def test_a_key_file_readable_by_others_or_empty_is_refused(tmp_path):
    key_file = tmp_path / "contact.key"
    load_sealer(key_file, environ={})
    key_file.chmod(0o644)
    with pytest.raises(KeyProblem, match="chmod 600"):
        load_sealer(key_file, environ={})
    key_file.write_bytes(b"")
    key_file.chmod(0o600)
    with pytest.raises(KeyProblem, match="empty"):
        load_sealer(key_file, environ={})


def test_the_key_can_come_from_the_environment_and_be_rotated(tmp_path):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed_with_old = load_sealer(tmp_path / "unused.key", environ={"KENRI_CONTACT_KEY": old}).seal(
        "x"
    )
    rotated = load_sealer(tmp_path / "unused.key", environ={"KENRI_CONTACT_KEY": f"{new},{old}"})
    assert rotated.open(sealed_with_old) == "x"
    assert not (tmp_path / "unused.key").exists()
    with pytest.raises(SealBroken):
        load_sealer(tmp_path / "other.key", environ={}).open(sealed_with_old)
    with pytest.raises(KeyProblem):
        load_sealer(tmp_path / "x.key", environ={"KENRI_CONTACT_KEY": "not-a-key"})


def test_a_shared_case_is_committed_with_synchronous_full(db, sealer, kb):
    make_org(db, "ngo")
    statements = []
    db.conn.set_trace_callback(statements.append)
    share(db, sealer, kb, "ngo", URGENT)
    db.conn.set_trace_callback(None)
    full = statements.index("PRAGMA synchronous = FULL")
    insert = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO cases"))
    commit = next(i for i, s in enumerate(statements) if i > insert and s == "COMMIT")
    normal = statements.index("PRAGMA synchronous = NORMAL")
    assert full < insert < commit < normal


def test_a_case_survives_kill_9_right_after_the_reference_is_given(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from desk_support import URGENT, make_org, share
        from webapp.config import Settings
        from webapp.knowledge import load_knowledge
        from webapp.store.db import connect, prepare_database
        from webapp.store.sealing import load_sealer
        path = {str(tmp_path / "kenri.db")!r}
        prepare_database(path)
        db = connect(path)
        make_org(db, "ngo")
        kb = load_knowledge(Settings().knowledge_dir)
        shared = share(db, load_sealer({str(tmp_path / "contact.key")!r}, environ={{}}), kb,
                       "ngo", URGENT)
        print(shared.reference, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode == -9, run.stderr
    reference = run.stdout.strip()
    db = connect(tmp_path / "kenri.db")
    assert case_work.get_case(db, "ngo", reference).reference == reference
    db.close()


# --- the audit log --------------------------------------------------------------------------------


def test_the_audit_log_is_append_only(db):
    audit.record(db, "sign-in", org_id="ngo", staff_id=1)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_log SET action = 'sign-out'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log")
    assert [e.action for e in audit.entries(db, "ngo")] == ["sign-in"]


def test_unknown_audit_actions_are_a_programming_error(db):
    with pytest.raises(ValueError):
        audit.record(db, "made-up")


# --- retention ------------------------------------------------------------------------------------


def close(db, reference, days_ago):
    stamp = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()
    db.execute(
        "UPDATE cases SET status = 'closed', closed_at = ? WHERE reference = ?", [stamp, reference]
    )


def test_purge_deletes_old_closed_cases_and_their_notes_leaving_only_counts(desk):
    old = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT)
    recent = share(desk.db, desk.sealer, desk.kb, "tokyo-help", PROBLEMS)
    still_open = share(desk.db, desk.sealer, desk.kb, "tokyo-help", ALL_CLEAR)
    add_note(
        desk.db,
        desk.sealer,
        case_work.get_case(desk.db, "tokyo-help", old.reference),
        desk.intake.id,
        "done",
    )
    close(desk.db, old.reference, 181)
    close(desk.db, recent.reference, 179)
    before = case_counts(desk.db, "tokyo-help")

    result = purge_cases(desk.db, dt.datetime.now(dt.UTC), closed_days=180)

    assert result.cases == 1
    remaining = {c.reference for c in case_work.queue(desk.db, "tokyo-help", status="all")}
    assert remaining == {recent.reference, still_open.reference}
    assert count(desk.db, "case_notes") == 0
    assert case_counts(desk.db, "tokyo-help") == before  # the figures do not change
    rows = desk.db.execute("SELECT * FROM case_counts").fetchall()
    assert all(len(row) == 4 for row in rows)  # org, dimension, value, count
    assert old.reference not in repr(rows)
    assert audit.entries(desk.db, "tokyo-help")[0].action == "case-purged"


def test_contact_details_of_closed_cases_can_be_purged_earlier(desk):
    shared = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT)
    close(desk.db, shared.reference, 31)
    result = purge_cases(desk.db, dt.datetime.now(dt.UTC), closed_days=180, contact_days=30)
    case = case_work.get_case(desk.db, "tokyo-help", shared.reference)
    assert (result.cases, result.contacts) == (0, 1)
    assert not case.has_contact
    assert (
        case_work.reveal_contact(
            desk.db, desk.sealer, "tokyo-help", shared.reference, desk.intake.id
        )
        is None
    )


# --- notes ----------------------------------------------------------------------------------------


def test_notes_are_timestamped_by_author_and_sealed(desk):
    shared = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT)
    case = case_work.get_case(desk.db, "tokyo-help", shared.reference)
    add_note(desk.db, desk.sealer, case, desk.intake.id, "  Called at lunch break.  ")
    [note] = notes_of(desk.db, desk.sealer, case)
    assert note.text == "Called at lunch break." and note.author_email == desk.intake.email
    assert "Called" not in repr(desk.db.execute("SELECT * FROM case_notes").fetchall())
    assert os.environ.get("KENRI_CONTACT_KEY") is None  # the test used the key file


# --- contact hours -----------------------------------------------------------------------------


def test_contact_hours_are_data_put_into_each_trainees_words():
    hours = parse_hours("Mon-Fri 10:00-17:00, sat+sun 09:30-12:00")
    assert hours == [
        {"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "17:00"},
        {"days": [5, 6], "from": "09:30", "to": "12:00"},
    ]
    assert hours_text(hours) == "mon-fri 10:00-17:00, sat-sun 09:30-12:00"
    assert describe_hours(hours, "en") == [
        "Monday–Friday 10:00–17:00",
        "Saturday–Sunday 09:30–12:00",
    ]
    assert describe_hours(hours, "ja")[0] == "月曜日–金曜日 10:00–17:00"
    assert describe_hours(hours, "vi")[0].startswith("Thứ Hai–Thứ Sáu")
    assert describe_hours(parse_hours("mon+wed+fri 10:00-12:00"), "en") == [
        "Monday, Wednesday, Friday 10:00–12:00"
    ]


@pytest.mark.parametrize("text", ["", "daily 10-17", "mon 25:00-26:00", "xyz 10:00-11:00"])
def test_bad_contact_hours_are_refused(text):
    with pytest.raises(HoursInvalid):
        parse_hours(text)

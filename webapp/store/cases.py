"""Shared cases: what a trainee (or a staff member, with the trainee's verbal consent) sends to
one organisation, and the trainee's withdrawal.

share_case() is what the trainee handoff and the assisted interview call. The case keeps the
structured answers (option ids and numbers, which translate), the evaluation as the trainee saw
it, the language, how and when it is safe to reach the trainee, and the contact details
sealed with the key outside the database. It is written with synchronous=FULL: once the trainee
has the reference, not even a power cut loses it.

Every staff-side function is in webapp.store.case_work and takes the organisation id, so
another organisation's case is simply not found.
"""

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

import sqlite_utils
from babel import Locale, UnknownLocaleError

from webapp.contact_options import (
    CONSENT_MODES,
    Contact,
    Preferences,
    checked_contact,
    checked_preferences,
)
from webapp.store import audit
from webapp.store.case_references import (
    new_reference,
    new_withdrawal_code,
    normalise_reference,
    withdrawal_code_matches,
    withdrawal_hash,
)
from webapp.store.db import erase_deleted
from webapp.store.orgs import Organisation, get_org
from webapp.store.sealing import Sealer

SEVERITY_RANK = {"urgent": 0, "serious": 1, "concern": 2, "none": 3}
MAX_ANSWERS = 200


class OrganisationNotAvailable(Exception):
    """The organisation exists but does not take this case now (not accepting, or not the
    trainee's language or prefecture)."""


class CaseInvalid(ValueError):
    """The case itself is malformed (a programming error in the caller, not the trainee's)."""


@dataclass(frozen=True)
class CaseSnapshot:
    """The evaluation as the trainee saw it (webapp.case_snapshot.snapshot_of builds one)."""

    findings: tuple[tuple[str, str], ...]  # (finding id, severity), most severe first
    regime: str
    evaluated_on: dt.date
    knowledge_version: str
    prefecture: str | None = None  # the prefecture the trainee works in, if given

    @property
    def urgency(self) -> str:
        severities = [severity for _, severity in self.findings]
        return min(severities, key=SEVERITY_RANK.__getitem__, default="none")


@dataclass(frozen=True)
class SharedCase:
    """What the trainee is given once: the reference, and the code that withdraws the case."""

    reference: str
    withdrawal_code: str
    organisation: Organisation


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def share_case(
    db: sqlite_utils.Database,
    sealer: Sealer,
    *,
    org_id: str,
    answers: dict,
    locale: str,
    snapshot: CaseSnapshot,
    contact: Contact,
    preferences: Preferences | None = None,
    consent_mode: str = "trainee",
    staff_id: int | None = None,
) -> SharedCase:
    """Store a shared case; return its reference and withdrawal code.

    Raises UnknownOrganisation, OrganisationNotAvailable (trainee consent only: an assisted
    interview goes to the staff member's own organisation), ContactInvalid (with .field and
    .problem, for the form) and CaseInvalid. Nothing is stored when it raises.
    """
    org = get_org(db, org_id)
    _check(answers, locale, snapshot)
    if consent_mode not in CONSENT_MODES:
        raise CaseInvalid("consent_mode: 'trainee' or 'verbal'")
    if consent_mode == "trainee" and not (
        org.accepting and org.speaks(locale) and org.serves(snapshot.prefecture)
    ):
        raise OrganisationNotAvailable(org_id)
    if consent_mode == "verbal" and not _staff_of(db, staff_id, org_id):
        raise CaseInvalid("verbal consent is recorded by a staff member of the organisation")
    contact = checked_contact(contact)
    preferences = checked_preferences(preferences or Preferences())
    code, stamp = new_withdrawal_code(), now().isoformat()
    row: dict[str, object] = {
        "org_id": org_id,
        "created_at": stamp,
        "locale": locale,
        "consent_mode": consent_mode,
        "created_by": staff_id if consent_mode == "verbal" else None,
        "answers": json.dumps(answers, ensure_ascii=False),
        "findings": json.dumps([list(f) for f in snapshot.findings]),
        "regime": snapshot.regime,
        "evaluated_on": snapshot.evaluated_on.isoformat(),
        "knowledge_version": snapshot.knowledge_version,
        "urgency": snapshot.urgency,
        "urgency_rank": SEVERITY_RANK[snapshot.urgency],
        "prefecture": snapshot.prefecture,
        "safe_times": json.dumps(list(preferences.safe_times)),
        "messages_only": int(preferences.messages_only),
        "will_contact_them": int(contact.will_contact_them),
        "contact_sealed": sealer.seal(contact.as_dict()),
        "withdraw_hash": withdrawal_hash(code),
        "status": "new",
        "status_at": stamp,
        # An assisted interview lands in the queue of the staff member who ran it.
        "assigned_to": staff_id if consent_mode == "verbal" else None,
    }
    columns = ", ".join(row) + ", reference"
    marks = ", ".join(f":{key}" for key in row) + ", :reference"
    db.execute("PRAGMA synchronous = FULL")  # this commit reaches the disk before we answer
    try:
        for _ in range(20):  # a clash of random references is rare
            row["reference"] = new_reference()
            try:
                with db.atomic():
                    # column names are this function's own keys; values are bound parameters
                    db.execute(f"INSERT INTO cases ({columns}) VALUES ({marks})", row)  # noqa: S608
                    audit.record(
                        db,
                        "case-shared",
                        org_id=org_id,
                        staff_id=staff_id if consent_mode == "verbal" else None,
                        case_reference=str(row["reference"]),
                        detail=consent_mode,
                    )
                break
            except sqlite3.IntegrityError as exc:
                if "reference" not in str(exc):
                    raise
        else:
            raise RuntimeError("no free case reference found")
    finally:
        db.execute("PRAGMA synchronous = NORMAL")
    return SharedCase(str(row["reference"]), code, org)


def withdraw_case(db: sqlite_utils.Database, reference, code) -> bool:
    """The trainee withdraws: the case, its contact details and notes are deleted, and nothing
    is kept for statistics. False (and nothing changed) when the reference is unknown or the
    code is wrong: the two are not told apart."""
    normal = normalise_reference(reference)
    rows = list(db["cases"].rows_where("reference = ?", [normal])) if normal else []
    if not rows or not withdrawal_code_matches(rows[0]["withdraw_hash"], code):
        return False
    with db.atomic():
        remove_case(db, rows[0]["id"])
        audit.record(db, "case-withdrawn", org_id=rows[0]["org_id"], case_reference=normal)
    erase_deleted(db)
    return True


def remove_case(db: sqlite_utils.Database, case_id: int) -> None:
    """Delete a case and its notes (inside the caller's transaction)."""
    db.execute("DELETE FROM case_notes WHERE case_id = ?", [case_id])
    db.execute("DELETE FROM cases WHERE id = ?", [case_id])


def _staff_of(db, staff_id, org_id) -> bool:
    if not isinstance(staff_id, int):
        return False
    rows = list(
        db["staff"].rows_where("id = ? AND org_id = ? AND disabled_at IS NULL", [staff_id, org_id])
    )
    return bool(rows)


def _check(answers, locale, snapshot: CaseSnapshot) -> None:
    if not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
        raise CaseInvalid("answers: a mapping of question id to answer")
    for key, value in answers.items():
        if (
            not isinstance(key, str)
            or not isinstance(value, (str, int, float))
            or isinstance(value, bool)
        ):
            raise CaseInvalid("answers: option ids, numbers or months only")
    if not isinstance(locale, str) or not 2 <= len(locale) <= 20:
        raise CaseInvalid("locale")
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError) as exc:
        raise CaseInvalid("locale: not a language code") from exc
    if not isinstance(snapshot, CaseSnapshot) or any(
        severity not in SEVERITY_RANK for _, severity in snapshot.findings
    ):
        raise CaseInvalid("snapshot")

"""Staff accounts of support organisations: roles, argon2 password hashes, disable and reset.

Accounts are made on the command line (`kenri staff add`) with a one-time password that must be
changed at first sign-in; the second factor (webapp.store.staff_totp) is enrolled then too.
"""

import datetime as dt
import re
import secrets
from dataclasses import dataclass

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from webapp.store import login_throttle
from webapp.store.orgs import get_org

ROLES = ("intake", "coordinator")
MIN_PASSWORD, MAX_PASSWORD = 12, 256
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# argon2id with the library's defaults (RFC 9106 low-memory profile: 64 MiB, 3 passes).
HASHER = PasswordHasher()
# Verified against when the e-mail is unknown, so that both cases take the same time.
_DUMMY_HASH = HASHER.hash(secrets.token_hex(16))
TEMPORARY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


class StaffInvalid(ValueError):
    """A field of a staff account is not acceptable; the message names it."""


class UnknownStaff(LookupError):
    pass


@dataclass(frozen=True)
class StaffMember:
    id: int
    org_id: str
    email: str
    role: str
    must_change_password: bool
    enrolled: bool  # has a confirmed TOTP second factor
    disabled: bool

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normalise_email(email) -> str:
    value = email.strip().lower() if isinstance(email, str) else ""
    if not (EMAIL.match(value) and len(value) <= 254):
        raise StaffInvalid("email: not an e-mail address")
    return value


def password_problem(password, email: str = "") -> str | None:
    """Why a new password is refused ('too-short', 'too-long', 'is-email'), or None."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        return "too-short"
    if len(password) > MAX_PASSWORD:
        return "too-long"
    if email and password.strip().lower() == email.lower():
        return "is-email"
    return None


def temporary_password() -> str:
    """A one-time password for the first sign-in: 20 random characters (about 99 bits)."""
    chars = "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(20))
    return "-".join(chars[i : i + 5] for i in range(0, 20, 5))


def add_staff(
    db: sqlite_utils.Database, org_id: str, email: str, role: str
) -> tuple[StaffMember, str]:
    """Create an account; returns it and its one-time password (shown once, never stored)."""
    get_org(db, org_id)  # UnknownOrganisation
    email = normalise_email(email)
    if role not in ROLES:
        raise StaffInvalid(f"role: one of {', '.join(ROLES)}")
    if _row_by_email(db, email):
        raise StaffInvalid(f"email: {email} already has an account")
    password = temporary_password()
    with db.atomic():
        db.table("staff").insert(
            {
                "org_id": org_id,
                "email": email,
                "role": role,
                "password_hash": HASHER.hash(password),
                "must_change_password": 1,
                "created_at": now().isoformat(),
            }
        )
    return find_by_email(db, email), password


def get_staff(db: sqlite_utils.Database, staff_id) -> StaffMember:
    rows = list(db["staff"].rows_where("id = ?", [staff_id])) if isinstance(staff_id, int) else []
    if not rows:
        raise UnknownStaff(staff_id)
    return _member(rows[0])


def find_by_email(db: sqlite_utils.Database, email) -> StaffMember:
    try:
        row = _row_by_email(db, normalise_email(email))
    except StaffInvalid:
        row = None
    if row is None:
        raise UnknownStaff(email)
    return _member(row)


def list_staff(db: sqlite_utils.Database, org_id: str | None = None) -> list[StaffMember]:
    where, params = ("org_id = ?", [org_id]) if org_id else (None, None)
    return [_member(row) for row in db["staff"].rows_where(where, params, order_by="email")]


def check_password(db: sqlite_utils.Database, email, password) -> StaffMember | None:
    """The active account if the password is right, else None (same work either way)."""
    try:
        row = _row_by_email(db, normalise_email(email))
    except StaffInvalid:
        row = None
    stored = row["password_hash"] if row else _DUMMY_HASH
    try:
        HASHER.verify(stored, password if isinstance(password, str) else "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row["disabled_at"]:
        return None
    if HASHER.check_needs_rehash(stored):
        with db.atomic():
            db.table("staff").update(row["id"], {"password_hash": HASHER.hash(password)})
    return _member(row)


def password_matches(db: sqlite_utils.Database, staff_id: int, password) -> bool:
    row = db.table("staff").get(staff_id)
    try:
        return HASHER.verify(row["password_hash"], password if isinstance(password, str) else "")
    except (VerificationError, InvalidHashError):
        return False


def set_password(db: sqlite_utils.Database, staff_id: int, password: str) -> None:
    member = get_staff(db, staff_id)
    problem = password_problem(password, member.email)
    if problem:
        raise StaffInvalid(f"password: {problem}")
    with db.atomic():
        db.table("staff").update(
            staff_id, {"password_hash": HASHER.hash(password), "must_change_password": 0}
        )


def disable_staff(db: sqlite_utils.Database, email: str) -> StaffMember:
    member = find_by_email(db, email)
    with db.atomic():
        db.table("staff").update(member.id, {"disabled_at": now().isoformat()})
        db.execute("DELETE FROM staff_sessions WHERE staff_id = ?", [member.id])
    return get_staff(db, member.id)


def reset_staff(db: sqlite_utils.Database, email: str) -> tuple[StaffMember, str]:
    """A lost password or phone: new one-time password, the second factor to enrol again,
    recovery codes and sessions gone, any lockout lifted, the account enabled."""
    member = find_by_email(db, email)
    password = temporary_password()
    with db.atomic():
        db.table("staff").update(
            member.id,
            {
                "password_hash": HASHER.hash(password),
                "must_change_password": 1,
                "totp_sealed": None,
                "totp_pending_sealed": None,
                "totp_last_step": None,
                "enrolled_at": None,
                "disabled_at": None,
            },
        )
        db.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?", [member.id])
        db.execute("DELETE FROM staff_sessions WHERE staff_id = ?", [member.id])
        login_throttle.clear(db, login_throttle.account_key(member.id))
    return get_staff(db, member.id), password


def _row_by_email(db, email: str) -> dict | None:
    rows = list(db["staff"].rows_where("email = ?", [email]))
    return rows[0] if rows else None


def _member(row: dict) -> StaffMember:
    return StaffMember(
        row["id"],
        row["org_id"],
        row["email"],
        row["role"],
        bool(row["must_change_password"]),
        bool(row["enrolled_at"]),
        bool(row["disabled_at"]),
    )

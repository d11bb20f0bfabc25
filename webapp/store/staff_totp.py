"""The required second factor: TOTP (RFC 6238, 30-second steps) and single-use recovery codes.

The TOTP secret is sealed at rest. A code is accepted for the current step or one step either
side (clock drift), and only for a step later than the last one accepted, so a code seen over
a shoulder or in a proxy cannot be used a second time. Recovery codes are kept as hashes.
"""

import datetime as dt
import hashlib
import hmac
import re
import secrets

import pyotp
import sqlite_utils

from webapp.store.sealing import Sealer

STEP_SECONDS = 30
DRIFT_STEPS = 1
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
ISSUER = "Kenri"


def step_at(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def pending_secret(db: sqlite_utils.Database, sealer: Sealer, staff_id: int) -> str:
    """The secret being enrolled (made on first call; the same until enrolment succeeds)."""
    row = db.table("staff").get(staff_id)
    if row["totp_pending_sealed"]:
        return sealer.open(row["totp_pending_sealed"])
    secret = pyotp.random_base32()
    with db.atomic():
        db.table("staff").update(staff_id, {"totp_pending_sealed": sealer.seal(secret)})
    return secret


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def finish_enrolment(
    db: sqlite_utils.Database, sealer: Sealer, staff_id: int, code, moment: dt.datetime
) -> bool:
    """Confirm the pending secret with a code from the app; True when enrolled."""
    row = db.table("staff").get(staff_id)
    if not row["totp_pending_sealed"]:
        return False
    secret = sealer.open(row["totp_pending_sealed"])
    step = _matching_step(secret, code, moment)
    if step is None:
        return False
    with db.atomic():
        db.table("staff").update(
            staff_id,
            {
                "totp_sealed": row["totp_pending_sealed"],
                "totp_pending_sealed": None,
                "totp_last_step": step,
                "enrolled_at": moment.isoformat(),
            },
        )
    return True


def verify_code(
    db: sqlite_utils.Database, sealer: Sealer, staff_id: int, code, moment: dt.datetime
) -> bool:
    """True for a right code of a step not used before (and then that step is used up)."""
    row = db.table("staff").get(staff_id)
    if not row["totp_sealed"]:
        return False
    step = _matching_step(sealer.open(row["totp_sealed"]), code, moment)
    if step is None:
        return False
    with db.atomic():
        # Atomic: of two requests with the same code, only one can move the step forward.
        cursor = db.execute(
            "UPDATE staff SET totp_last_step = ? WHERE id = ? AND "
            "(totp_last_step IS NULL OR totp_last_step < ?)",
            [step, staff_id, step],
        )
    return cursor.rowcount == 1


def _matching_step(secret: str, code, moment: dt.datetime) -> int | None:
    code = re.sub(r"\s", "", code) if isinstance(code, str) else ""
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp, now_step = pyotp.TOTP(secret), step_at(moment)
    found = None
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def new_recovery_codes(db: sqlite_utils.Database, staff_id: int) -> list[str]:
    """Replace the account's recovery codes with ten new ones, returned once, kept hashed."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    with db.atomic():
        db.execute("DELETE FROM staff_recovery_codes WHERE staff_id = ?", [staff_id])
        for code in codes:
            db.table("staff_recovery_codes").insert(
                {"staff_id": staff_id, "code_hash": _code_hash(staff_id, code)}
            )
    return codes


def use_recovery_code(db: sqlite_utils.Database, staff_id: int, code, moment: dt.datetime) -> bool:
    if not isinstance(code, str) or not 10 <= len(code) <= 20:
        return False
    digest = _code_hash(staff_id, code)
    with db.atomic():
        cursor = db.execute(
            "UPDATE staff_recovery_codes SET used_at = ? WHERE staff_id = ? "
            "AND code_hash = ? AND used_at IS NULL",
            [moment.isoformat(), staff_id, digest],
        )
    return cursor.rowcount == 1


def recovery_codes_left(db: sqlite_utils.Database, staff_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL",
        [staff_id],
    ).fetchone()[0]


def looks_like_recovery_code(code) -> bool:
    return isinstance(code, str) and len(re.sub(r"[\s-]", "", code)) == 10


def _code_hash(staff_id: int, code: str) -> str:
    # The codes carry about 49 random bits each and are single-use: a plain hash suffices.
    normal = re.sub(r"[\s-]", "", code).upper()
    return hashlib.sha256(f"{staff_id}:{normal}".encode()).hexdigest()

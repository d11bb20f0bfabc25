"""Case references (KNR-7F3K-Q9) and withdrawal codes: short, readable, random (CSPRNG).

The alphabet leaves out 0/O, 1/I/L and U, so a reference read over the phone survives. A
reference has about 29 random bits and says nothing about the organisation or the order of
cases: all organisations draw from one space, and a reference only opens a case for the staff
of the organisation it was sent to. A withdrawal code has about 59 bits and is stored only as a
hash.
"""

import hashlib
import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "KNR"
REFERENCE = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def _draw(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference() -> str:
    raw = _draw(6)
    return f"{PREFIX}-{raw[:4]}-{raw[4:]}"


def new_withdrawal_code() -> str:
    raw = _draw(12)
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def normalise_reference(text) -> str | None:
    """'knr 7f3k q9', 'KNR-7F3K-Q9' or '7F3KQ9' -> 'KNR-7F3K-Q9'; None if it cannot be one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    raw = re.sub(r"[\s\-_.]", "", text).upper()
    if raw.startswith(PREFIX) and len(raw) == 9:
        raw = raw[len(PREFIX) :]
    if len(raw) != 6:
        return None
    reference = f"{PREFIX}-{raw[:4]}-{raw[4:]}"
    return reference if REFERENCE.match(reference) else None


def withdrawal_hash(code) -> str:
    raw = re.sub(r"[\s\-_.]", "", code).upper() if isinstance(code, str) else ""
    return hashlib.sha256(f"withdraw:{raw}".encode()).hexdigest()


def withdrawal_code_matches(stored_hash: str | None, code) -> bool:
    return stored_hash is not None and hmac.compare_digest(stored_hash, withdrawal_hash(code))

"""Fields encrypted at rest (contact details, notes, TOTP secrets) with Fernet.

The key never enters the database: it comes from the environment (KENRI_CONTACT_KEY, one key or
several separated by commas, the first one encrypting: that is how a key is rotated) or from a
key file created on first run with 0600 permissions. A copied database file alone therefore
says nothing about how to reach a trainee.
"""

import json
import os
import stat
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

ENV_VAR = "KENRI_CONTACT_KEY"


class KeyProblem(Exception):
    """The key is missing, malformed or readable by other users; the message says which."""


class SealBroken(Exception):
    """A sealed field cannot be opened with the configured key(s)."""


class Sealer:
    def __init__(self, keys: list[bytes]):
        try:
            self._fernet = MultiFernet([Fernet(key) for key in keys])
        except (ValueError, TypeError) as exc:
            raise KeyProblem(
                "the contact key is not a valid Fernet key (32 url-safe base64-encoded bytes)"
            ) from exc

    def seal(self, value) -> str:
        """Encrypt any JSON value; returns ASCII text for a TEXT column."""
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return self._fernet.encrypt(data).decode("ascii")

    def open(self, token: str):
        try:
            return json.loads(self._fernet.decrypt(token.encode("ascii")))
        except (InvalidToken, ValueError) as exc:
            raise SealBroken("a sealed field could not be opened with the configured key") from exc


def load_sealer(key_file: Path, environ=os.environ) -> Sealer:
    """The sealer from KENRI_CONTACT_KEY, or from the key file (created if missing)."""
    configured = environ.get(ENV_VAR, "").strip()
    if configured:
        return Sealer([key.strip().encode() for key in configured.split(",") if key.strip()])
    return Sealer([_read_or_create(Path(key_file))])


def _read_or_create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once never write two different keys.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _existing_key(path)
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key


def _existing_key(path: Path) -> bytes:
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem(f"{path} can be read by other users; run: chmod 600 {path}")
    key = path.read_bytes().strip()
    if not key:
        raise KeyProblem(f"{path} is empty; restore the key from your backup")
    return key

"""The kiosk's settings, read from a small TOML file (`kenri serve --kiosk --kiosk-config F`).

    location = "Saturday drop-in, St. Mary's hall"   # shown on the start screen
    organisation = "example-ngo"                     # the NGO running it (see views/kiosk)
    idle_seconds = 180                               # erase after this long without use
    warning_seconds = 30                             # "Are you still there?" shows this long
    printing = false                                 # offer to print the bilingual summary
    take_home = true                                 # offer the QR code for the visitor's phone
    take_home_days = 7                               # how long that link works
    take_home_url = "https://kenri.example.org/"     # where phones reach this server

Every key is optional. A bad file is refused whole, every problem as `path:line: message`, so
a kiosk never starts with a setting its operator did not mean (a typo in a key is an error).
"""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ORGANISATION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")  # as the NGO desk's org ids
# The server deletes an unused kiosk interview this long after the page would have: the idle
# clock is restarted at most once a minute (interview.core.TOUCH_EVERY), so the server's
# last-seen time may lag the visitor's last tap by up to a minute.
SERVER_SLACK = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class KioskConfig:
    location: str = ""
    organisation: str | None = None
    idle_seconds: int = 180
    warning_seconds: int = 30
    printing: bool = False
    take_home: bool = True
    take_home_for: dt.timedelta = dt.timedelta(days=7)
    take_home_url: str | None = None  # None: the address the kiosk's browser uses

    @property
    def quiet_seconds(self) -> int:
        """How long a page may sit unused before "Are you still there?" replaces it."""
        return self.idle_seconds - self.warning_seconds

    @property
    def server_idle(self) -> dt.timedelta:
        """The server's own idle limit for kiosk interviews (abandoned browsers, crashes)."""
        return dt.timedelta(seconds=self.idle_seconds) + SERVER_SLACK


class KioskConfigInvalid(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _text(value: object, limit: int) -> str | None:
    if isinstance(value, str) and value.strip() and len(value) <= limit and value.isprintable():
        return value.strip()
    return None


def _whole(value: object, low: int, high: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def _url(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return None
    return value if value.endswith("/") else value + "/"


# key -> (check returning the value or None, what a good value is)
CHECKS = {
    "location": (lambda v: _text(v, 80), "text of 1 to 80 characters"),
    "organisation": (
        lambda v: v if isinstance(v, str) and ORGANISATION_ID.match(v) else None,
        "an organisation id: 2-40 lower-case letters, digits and hyphens",
    ),
    "idle_seconds": (lambda v: _whole(v, 10, 3600), "a whole number of seconds from 10 to 3600"),
    # WCAG 2.2.1: at least 20 seconds to say "I am still here".
    "warning_seconds": (lambda v: _whole(v, 20, 300), "a whole number of seconds from 20 to 300"),
    "printing": (lambda v: v if isinstance(v, bool) else None, "true or false"),
    "take_home": (lambda v: v if isinstance(v, bool) else None, "true or false"),
    "take_home_days": (lambda v: _whole(v, 1, 30), "a whole number of days from 1 to 30"),
    "take_home_url": (
        _url,
        'an http:// or https:// address, e.g. "https://kenri.example.org/"',
    ),
}


def _line_of(text: str, key: str) -> int:
    found = re.search(rf"^\s*(\[{re.escape(key)}\]|{re.escape(key)}\s*=)", text, re.MULTILINE)
    return text[: found.start()].count("\n") + 1 if found else 1


def read_kiosk_config(path: Path) -> KioskConfig:
    """The settings in `path`; KioskConfigInvalid listing every problem otherwise."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise KioskConfigInvalid([f"{path}: cannot be read ({reason})"]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = found.group(1) if found else "1"
        raise KioskConfigInvalid([f"{path}:{line}: not valid TOML ({exc})"]) from None
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in CHECKS:
            known = ", ".join(CHECKS)
            problems.append(f"{path}:{_line_of(text, key)}: unknown setting '{key}' ({known})")
            continue
        check, meaning = CHECKS[key]
        checked = check(value)
        if checked is None:
            problems.append(f"{path}:{_line_of(text, key)}: {key} must be {meaning}")
        else:
            values[key] = checked
    idle = values.get("idle_seconds", KioskConfig.idle_seconds)
    warning = values.get("warning_seconds", KioskConfig.warning_seconds)
    if not problems and warning * 2 > idle:
        key = "warning_seconds" if "warning_seconds" in values else "idle_seconds"
        problems.append(
            f"{path}:{_line_of(text, key)}: warning_seconds ({warning}) must be at most half "
            f"of idle_seconds ({idle})"
        )
    if problems:
        raise KioskConfigInvalid(problems)
    days = values.pop("take_home_days", None)
    if days is not None:
        values["take_home_for"] = dt.timedelta(days=days)
    return KioskConfig(**values)

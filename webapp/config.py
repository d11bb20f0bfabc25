"""Settings, as one frozen dataclass. Paths are absolute so nothing depends on the cwd."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from webapp.kiosk_config import KioskConfig
from webapp.store.retention import Limits

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    translations_dir: Path = PROJECT_ROOT / "translations"
    database: Path = PROJECT_ROOT / "instance" / "kenri.db"
    default_locale: str = "en"
    testing: bool = False
    kiosk: bool = False  # also serve the kiosk pages under /kiosk/
    kiosk_config: KioskConfig = field(default_factory=KioskConfig)
    max_body_bytes: int = 64 * 1024
    session_idle_minutes: int = 30
    session_absolute_minutes: int = 120
    # The result and the summary need a fresh tap after the trainee has been away this long
    # (someone else may be holding the phone); 0 turns it off.
    result_idle_minutes: int = 5
    behind_proxy: int = 0  # trusted reverse-proxy hops (X-Forwarded-*); 0 = none
    exit_url: str = "https://www.google.com/"  # where quick exit sends a trainee: a neutral page
    report_retention_days: int = 90  # translation reports are deleted after this
    reports_per_hour: int = 30  # at most this many reports, from everyone
    # The NGO desk (staff sessions, shared cases and their retention, the contact-details key).
    staff_idle_minutes: int = 30
    staff_absolute_minutes: int = 12 * 60
    closed_case_days: int = 180  # closed cases are deleted this long after closing
    contact_days: int | None = None  # contact details of closed cases deleted sooner, if set
    contact_key_file: Path | None = None  # default: contact.key beside the database
    extra: dict = field(default_factory=dict)

    @property
    def contact_key_path(self) -> Path:
        return self.contact_key_file or Path(self.database).parent / "contact.key"

    @property
    def session_limits(self) -> Limits:
        return Limits(
            dt.timedelta(minutes=self.session_idle_minutes),
            dt.timedelta(minutes=self.session_absolute_minutes),
        )

    @property
    def kiosk_limits(self) -> Limits:
        return Limits(
            self.kiosk_config.server_idle, dt.timedelta(minutes=self.session_absolute_minutes)
        )

    @property
    def report_retention(self) -> dt.timedelta:
        return dt.timedelta(days=self.report_retention_days)

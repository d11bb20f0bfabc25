"""Words for ids on the desk, in the staff member's language: languages, prefectures, regimes,
statuses, severities, dates in Japan time."""

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime, format_timedelta
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.contact_options import (
    CONSENT_MODES,
    CONTACT_METHODS,
    N_,
    SAFE_TIMES,
    STATUSES,
    URGENCIES,
)

JAPAN = ZoneInfo("Asia/Tokyo")
REGIMES = {
    "titp": N_("Technical Intern Training"),
    "esd": N_("Employment for Skill Development"),
    "other": N_("Another residence status"),
    "unknown": N_("Not known"),
}
SEVERITIES = {"urgent": N_("Urgent"), "serious": N_("Serious"), "concern": N_("Concern")}


def kenri():
    return current_app.extensions["kenri"]


def ui_code() -> str:
    return str(get_locale() or "en")


def language_name(code: str) -> str:
    """'ベトナム語 (Tiếng Việt)' for Japanese staff, 'Vietnamese (Tiếng Việt)' for English."""
    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    own = kenri().locales[code].native_name if code in kenri().locales else locale.display_name
    here = locale.get_display_name(ui_code()) or code
    return here if here == own else f"{here} ({own})"


def prefecture_name(prefecture: str | None) -> str:
    if not prefecture:
        return _("Not given")
    wages = kenri().kb.wages
    found = wages.prefectures.get(prefecture) if wages else None
    if found is None:
        return prefecture
    return found.name_ja if ui_code() == "ja" else _(found.name)


def prefecture_choices() -> list[tuple[str, str]]:
    wages = kenri().kb.wages
    return [(pid, prefecture_name(pid)) for pid in (wages.prefectures if wages else {})]


def regime_name(regime: str) -> str:
    return _(REGIMES[regime]) if regime in REGIMES else regime


def status_name(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


def urgency_name(urgency: str) -> str:
    return _(URGENCIES[urgency]) if urgency in URGENCIES else urgency


def severity_name(severity: str) -> str:
    return _(SEVERITIES[severity]) if severity in SEVERITIES else severity


def safe_time_name(key: str) -> str:
    return _(SAFE_TIMES[key]) if key in SAFE_TIMES else key


def method_name(key: str) -> str:
    return _(CONTACT_METHODS[key]) if key in CONTACT_METHODS else key


def consent_name(mode: str) -> str:
    return _(CONSENT_MODES[mode]) if mode in CONSENT_MODES else mode


def when(moment: dt.datetime | None) -> str:
    """A time in Japan, in the staff member's conventions (e.g. 2026/12/03 14:05)."""
    if moment is None:
        return ""
    return format_datetime(moment.astimezone(JAPAN), "short", locale=ui_code())


def age(moment: dt.datetime) -> str:
    delta = dt.datetime.now(dt.UTC) - moment
    return format_timedelta(delta, threshold=1.5, locale=ui_code())


def register_filters(state) -> None:
    env = state.app.jinja_env
    env.filters.update(
        staff_language=language_name,
        staff_prefecture=prefecture_name,
        staff_regime=regime_name,
        staff_status=status_name,
        staff_urgency=urgency_name,
        staff_severity=severity_name,
        staff_safe_time=safe_time_name,
        staff_method=method_name,
        staff_consent=consent_name,
        staff_when=when,
        staff_age=age,
    )

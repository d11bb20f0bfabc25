"""A helper's opening hours as a trainee reads them: "Open now, until 22:00" or "Opens
tomorrow at 9:00", in the page's language and in Japan time (the trainee is in Japan and
the helpers' hours are Japanese hours)."""

import datetime as dt

from babel.dates import format_date, format_skeleton
from flask_babel import get_locale, gettext

from webapp.knowledge.opening_hours import JAPAN, Schedule, open_state


def open_words(schedule: Schedule | None, moment: dt.datetime) -> dict | None:
    """{"open", "text", "until", "opens"} for a helper whose hours Kenri can read (the times
    as ISO 8601 in Japan time, for API clients); None otherwise."""
    if schedule is None:
        return None
    state = open_state(schedule, moment)
    return {
        "open": state.open_now,
        "text": _words(state, moment),
        "until": state.until.isoformat() if state.until else None,
        "opens": state.opens.isoformat() if state.opens else None,
    }


def _words(state, moment: dt.datetime) -> str:
    locale = get_locale()
    if state.open_now:
        return gettext("Open now, until %(time)s", time=_clock(state.until, locale))
    if state.opens is None:
        return gettext("Closed now")
    time = _clock(state.opens, locale)
    days = (state.opens.date() - moment.astimezone(JAPAN).date()).days
    if days == 0:
        return gettext("Opens today at %(time)s", time=time)
    if days == 1:
        return gettext("Opens tomorrow at %(time)s", time=time)
    day = format_date(state.opens.date(), "EEEE", locale=locale)
    return gettext("Opens on %(day)s at %(time)s", day=day, time=time)


def mark_open(kb, referrals, moment: dt.datetime) -> None:
    """Add "open_now" (open_words) to each presented referral (referral_json)."""
    for referral in referrals:
        referral["open_now"] = open_words(kb.referrals[referral["id"]].schedule, moment)


def mark_findings_open(kb, result: dict, moment: dt.datetime) -> None:
    """The same for every referral of every finding of a result (evaluation_json)."""
    mark_open(kb, [r for f in result["findings"] for r in f["referrals"]], moment)


def _clock(moment: dt.datetime, locale) -> str:
    """A 24-hour time the locale's way (17:00, 17.00, 17:00 น.), as the helpers' hours are
    written in the knowledge and in Japan."""
    return format_skeleton("Hm", moment, tzinfo=JAPAN, locale=locale)

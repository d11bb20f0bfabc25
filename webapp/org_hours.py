"""An organisation's contact hours as data, so they can be shown in every trainee's language.

Written on the command line as `mon-fri 10:00-17:00, sat 10:00-13:00` (Japan time); stored as
[{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "17:00"}, ...]; put into words with the
locale's own day names from CLDR (Babel), so no translator is needed.
"""

from babel import Locale
from babel.dates import get_day_names

from webapp.knowledge.opening_hours import DAYS, HOLIDAY, HoursInvalid, parse_span


def parse_hours(text: str) -> list[dict]:
    """'mon-fri 10:00-17:00, sat 10:00-13:00' -> the stored list; HoursInvalid says what is
    wrong. Each span is read as a referral's `open` is (webapp.knowledge.opening_hours)."""
    spans = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        span = parse_span(part)
        if HOLIDAY in span.days:
            raise HoursInvalid(f"'{part}': an organisation's hours cannot name holidays yet")
        spans.append(
            {
                "days": sorted(DAYS.index(day) for day in span.days),
                "from": _hhmm(span.start),
                "to": _hhmm(span.end),
            }
        )
    if not spans:
        raise HoursInvalid("no hours given")
    return spans


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_text(spans: list[dict]) -> str:
    """The stored list written back in the command-line form (for `kenri org list`)."""
    return ", ".join(
        f"{_day_runs(span['days'], lambda d: DAYS[d])} {span['from']}-{span['to']}"
        for span in spans
    )


def describe_hours(spans: list[dict], locale: str) -> list[str]:
    """One line per span in the locale's words, e.g. 'Monday–Friday 10:00–17:00' or
    '月曜日–金曜日 10:00–17:00'."""
    names = get_day_names("wide", locale=Locale.parse(locale))
    return [
        f"{_day_runs(span['days'], lambda d: names[d], '–')} {span['from']}–{span['to']}"
        for span in spans
    ]


def _day_runs(days: list[int], name, dash: str = "-") -> str:
    runs, start = [], None
    for index, day in enumerate(days):
        if start is None:
            start = day
        if index + 1 == len(days) or days[index + 1] != day + 1:
            runs.append(name(start) if start == day else f"{name(start)}{dash}{name(day)}")
            start = None
    return "+".join(runs) if dash == "-" else ", ".join(runs)

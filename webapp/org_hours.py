"""An organisation's contact hours as data, so they can be shown in every trainee's language.

Written on the command line as `mon-fri 10:00-17:00, sat 10:00-13:00` (Japan time); stored as
[{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "17:00"}, ...]; put into words with the
locale's own day names from CLDR (Babel), so no translator is needed.
"""

import re

from babel import Locale
from babel.dates import get_day_names

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME = r"([01]\d|2[0-3]):([0-5]\d)"
SPAN = re.compile(
    rf"^(?P<days>[a-z]{{3}}(?:-[a-z]{{3}})?(?:\+[a-z]{{3}}(?:-[a-z]{{3}})?)*)\s+"
    rf"(?P<start>{TIME})-(?P<end>{TIME}|24:00)$"
)


class HoursInvalid(ValueError):
    pass


def parse_hours(text: str) -> list[dict]:
    """'mon-fri 10:00-17:00, sat 10:00-13:00' -> the stored list; HoursInvalid says what is
    wrong."""
    spans = []
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        match = SPAN.match(part)
        if not match:
            raise HoursInvalid(f"'{part}' is not like 'mon-fri 10:00-17:00'")
        days: list[int] = []
        for piece in match["days"].split("+"):
            first, _, last = piece.partition("-")
            if first not in DAYS or (last and last not in DAYS):
                raise HoursInvalid(f"'{piece}' is not a day: use {', '.join(DAYS)}")
            start, end = DAYS.index(first), DAYS.index(last or first)
            if end < start:
                raise HoursInvalid(f"'{piece}' runs backwards")
            days.extend(d for d in range(start, end + 1) if d not in days)
        if match["end"] <= match["start"]:
            raise HoursInvalid(f"'{part}' ends before it starts")
        spans.append({"days": sorted(days), "from": match["start"], "to": match["end"]})
    if not spans:
        raise HoursInvalid("no hours given")
    return spans


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

"""Whether a helper is open at this moment in Japan, and when it opens next (issue 10).

A referral's `open` lists spans such as "mon-fri 17:00-22:00" and "sat-sun+holiday 09:00-21:00";
`closed` lists yearly breaks such as "12-29..01-03". On a national holiday only the spans that
name `holiday` apply ("weekdays" in Japan means working days), so a weekday-only line is closed
then. Holidays come from the `holidays` package (Japan's Cabinet Office rules).
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLIDAY = "holiday"
TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
SPAN = re.compile(rf"^(?P<days>[a-z+\-]+)\s+(?P<start>{TIME})-(?P<end>{TIME}|24:00)$")
BREAK = re.compile(r"^(?P<start>\d\d-\d\d)\.\.(?P<end>\d\d-\d\d)$")


class HoursInvalid(ValueError):
    """An `open` or `closed` entry that does not say a time the way this module reads it."""


@dataclass(frozen=True)
class Span:
    days: frozenset[str]  # mon..sun and/or holiday
    start: int  # minutes after midnight
    end: int  # minutes after midnight, after start; 24:00 is 1440


@dataclass(frozen=True)
class Schedule:
    spans: tuple[Span, ...]
    breaks: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # ((m, d), (m, d)) yearly


@dataclass(frozen=True)
class OpenState:
    open_now: bool
    until: dt.datetime | None = None  # when open now: when it closes (Japan time)
    opens: dt.datetime | None = None  # when closed now: when it opens next, within a week


def parse_span(text: str) -> Span:
    """ "mon-fri 17:00-22:00", "sat-sun+holiday 09:00-21:00": days (ranges joined by "+")
    and a span of Japan time; the one reader of hours for referrals and organisations."""
    match = SPAN.match(text.strip().lower())
    if not match:
        raise HoursInvalid(f"'{text}' is not like 'mon-fri 10:00-17:00'")
    days: set[str] = set()
    for piece in match["days"].split("+"):
        if piece == HOLIDAY:
            days.add(HOLIDAY)
            continue
        first, _, last = piece.partition("-")
        last = last or first
        if first not in DAYS or last not in DAYS:
            raise HoursInvalid(f"'{piece}' is not a day: use {', '.join(DAYS)} or {HOLIDAY}")
        if DAYS.index(last) < DAYS.index(first):
            raise HoursInvalid(f"'{piece}' runs backwards")
        days.update(DAYS[DAYS.index(first) : DAYS.index(last) + 1])
    start, end = _minutes(match["start"]), _minutes(match["end"])
    if end <= start:
        raise HoursInvalid(f"'{text}' ends before it starts")
    return Span(frozenset(days), start, end)


def parse_break(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    match = BREAK.match(text.strip())
    if not match:
        raise HoursInvalid(f"'{text}' is not like '12-29..01-03' (month-day, inclusive)")
    ends = []
    for value in (match["start"], match["end"]):
        month, day = int(value[:2]), int(value[3:])
        try:
            dt.date(2024, month, day)  # a leap year, so 02-29 is allowed
        except ValueError:
            raise HoursInvalid(f"'{value}' is not a month-day") from None
        ends.append((month, day))
    return ends[0], ends[1]


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


@lru_cache(maxsize=8)
def _japan_holidays(year: int):
    import holidays  # on first use: loading its country tables costs ~90 ms at start-up

    return holidays.country_holidays("JP", years=year)


def _in_break(day: dt.date, breaks) -> bool:
    key = (day.month, day.day)
    for start, end in breaks:
        inside = start <= key <= end if start <= end else (key >= start or key <= end)
        if inside:
            return True
    return False


def _spans_on(schedule: Schedule, day: dt.date) -> list[Span]:
    if _in_break(day, schedule.breaks):
        return []
    tag = HOLIDAY if day in _japan_holidays(day.year) else DAYS[day.weekday()]
    return sorted((s for s in schedule.spans if tag in s.days), key=lambda s: s.start)


def open_state(schedule: Schedule, moment: dt.datetime) -> OpenState:
    """Open now (and until when), or when it opens next within a week (None beyond that)."""
    here = moment.astimezone(JAPAN)
    now = here.hour * 60 + here.minute
    for offset in range(8):
        day = here.date() + dt.timedelta(days=offset)
        midnight = dt.datetime.combine(day, dt.time(), JAPAN)
        for span in _spans_on(schedule, day):
            if offset == 0 and span.start <= now < span.end:
                return OpenState(True, until=midnight + dt.timedelta(minutes=span.end))
            if offset > 0 or span.start > now:
                return OpenState(False, opens=midnight + dt.timedelta(minutes=span.start))
    return OpenState(False)

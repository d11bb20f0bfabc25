"""The clock: one reading per operation, in UTC, with the day it is in Japan.

Every interview operation reads the clock once and passes that moment down, so expiry, the
answer's timestamp and the date the law is judged on can never disagree within one step.
"""

import datetime as dt

from webapp.engine import JAPAN


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def day_in_japan(moment: dt.datetime) -> dt.date:
    """The calendar day in Japan at this moment (the law is judged on Japan's date)."""
    return moment.astimezone(JAPAN).date()

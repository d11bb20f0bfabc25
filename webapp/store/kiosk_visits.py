"""Anonymous kiosk counts: visits per language per day, and nothing else about a visitor."""

import datetime as dt

import sqlite_utils


def count_visit(db: sqlite_utils.Database, day: dt.date, locale: str) -> None:
    with db.conn:
        db.execute(
            "INSERT INTO kiosk_visits (day, locale, visits) VALUES (?, ?, 1) "
            "ON CONFLICT(day, locale) DO UPDATE SET visits = visits + 1",
            [day.isoformat(), locale],
        )


def visits(db: sqlite_utils.Database, since: dt.date | None = None) -> list[dict]:
    """Rows of day, locale and visits, oldest day first."""
    return list(
        db.table("kiosk_visits").rows_where(
            "day >= ?", [(since or dt.date.min).isoformat()], order_by="day, locale"
        )
    )

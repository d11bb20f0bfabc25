"""Reports of bad translations, sent from any trainee page (anonymous, kept for a while).

No address is stored: the rate limit counts recent reports in the table itself, across everyone.
"""

import datetime as dt

import sqlite_utils

MAX_TEXT = 2000
MAX_PAGE = 200


def record_report(
    db: sqlite_utils.Database, locale: str, page: str, text: str, now: dt.datetime
) -> None:
    with db.conn:
        db.table("translation_reports").insert(
            {
                "locale": locale,
                "page": page[:MAX_PAGE],
                "text": text[:MAX_TEXT],
                "created_at": now.isoformat(),
            }
        )


def reports_since(db: sqlite_utils.Database, since: dt.datetime) -> int:
    return db.execute(
        "SELECT count(*) FROM translation_reports WHERE created_at >= ?", [since.isoformat()]
    ).fetchone()[0]


def list_reports(db: sqlite_utils.Database, locale: str | None = None) -> list[dict]:
    """Every kept report, oldest first (optionally for one locale)."""
    where, params = ("locale = ?", [locale]) if locale else (None, [])
    return list(
        db.table("translation_reports").rows_where(
            where, params, select="created_at, locale, page, text", order_by="id"
        )
    )

"""Reports of bad translations, sent from any page (anonymous)."""

import sqlite_utils

from webapp.store.sessions import now

MAX_TEXT = 2000


def record_translation_report(db: sqlite_utils.Database, locale: str, page: str, text: str) -> None:
    with db.conn:
        db["translation_reports"].insert({"locale": locale, "page": page[:200],
                                          "text": text[:MAX_TEXT], "created_at": now().isoformat()})

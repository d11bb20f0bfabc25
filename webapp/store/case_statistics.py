"""Raw counts of an organisation's cases for the statistics page: live cases plus the anonymous
counts left by retention. Never another organisation's. Suppression happens later
(webapp.desk.suppression), before anything is shown or downloaded."""

from collections import Counter

import sqlite_utils

from webapp.store.case_retention import dimensions


def case_counts(db: sqlite_utils.Database, org_id: str) -> Counter:
    """Counter of (dimension, value) -> number of cases."""
    counts: Counter = Counter()
    cursor = db.execute(
        "SELECT created_at, locale, regime, prefecture, findings FROM cases WHERE org_id = ?",
        [org_id],
    )
    names = [column[0] for column in cursor.description]
    for row in cursor.fetchall():
        counts.update(dimensions(dict(zip(names, row, strict=False))))
    for dimension, value, count in db.execute(
        "SELECT dimension, value, count FROM case_counts WHERE org_id = ?", [org_id]
    ):
        counts[(dimension, value)] += count
    return counts

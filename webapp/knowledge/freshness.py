"""Warnings about knowledge that is about to go stale (they do not fail `kenri check`)."""

import datetime as dt

from webapp.knowledge.model import KnowledgeBase

# The yearly revisions are decided in summer and take effect from 1 October: three months'
# notice leaves time to add them before the table runs out.
WAGE_TABLE_NOTICE = dt.timedelta(days=92)


def wage_table_warnings(kb: KnowledgeBase, today: dt.date) -> list[str]:
    """'path:line: message' lines when the minimum-wage table runs out within three months."""
    if kb is None or kb.wages is None:
        return []
    runs_out = kb.wages.runs_out_on()
    if runs_out is None or today < runs_out - WAGE_TABLE_NOTICE:
        return []
    stale = sorted(p.id for p in kb.wages.prefectures.values() if p.next_revision_due() == runs_out)
    newest = max(kb.wages.revisions.values(), key=lambda r: r.fiscal_year)
    when = "ran out" if today >= runs_out else "runs out"
    return [
        f"{newest.where.path}:{newest.where.line}: the minimum-wage table {when} on "
        f"{runs_out} for {len(stale)} prefecture(s) ({', '.join(stale[:3])}"
        f"{', ...' if len(stale) > 3 else ''}): a newer yearly revision may apply from that "
        "day. Add the next revision's rates; until then results say the minimum has "
        "probably risen."
    ]

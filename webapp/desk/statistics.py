"""The statistics page's tables, with small counts suppressed across all of them at once.

Tables: cases by month, prefecture, language and regime (each adding up to the number of
cases, one figure shared by all four), and findings by month (each finding's months adding up
to its total). Labels are put on by the view; this module deals in ids and counts.
"""

from collections import Counter
from dataclasses import dataclass

from webapp.desk.suppression import SHOWN, THRESHOLD, WITHHELD, Relation, display, suppress

CASE_DIMENSIONS = ("month", "prefecture", "language", "regime")
MONTH_COLUMNS = 12  # findings by month: the latest 12 months, then "earlier"
EARLIER = "earlier"
TOTAL = ("total", "")


@dataclass(frozen=True)
class Figure:
    value: int
    mark: str

    @property
    def text(self) -> str:
        return display(self.value, self.mark)

    @property
    def shown(self) -> bool:
        return self.mark == SHOWN


@dataclass(frozen=True)
class CaseTable:
    dimension: str
    rows: tuple[tuple[str, Figure], ...]  # (value id, figure)
    withheld: bool = False  # rows left out: too few cases to show any


@dataclass(frozen=True)
class FindingTable:
    months: tuple[str, ...]  # column ids, oldest first; maybe EARLIER first
    rows: tuple[tuple[str, tuple[Figure, ...], Figure], ...]  # (finding id, cells, total)


@dataclass(frozen=True)
class Statistics:
    total: Figure
    cases: tuple[CaseTable, ...]
    findings: FindingTable
    threshold: int = THRESHOLD


def build_statistics(counts: Counter, threshold: int = THRESHOLD) -> Statistics:
    values: dict = {TOTAL: counts.get(TOTAL, 0)}
    relations, positive = [], set()
    case_rows = {}
    for dimension in CASE_DIMENSIONS:
        keys = sorted(
            ((d, v) for (d, v), n in counts.items() if d == dimension and n > 0),
            key=lambda k: k[1] if dimension == "month" else (-counts[k], k[1]),
        )
        case_rows[dimension] = keys
        values.update({key: counts[key] for key in keys})
        positive.update(keys)
        if keys:
            relations.append(Relation(tuple(keys), TOTAL))
    months = sorted(v for (d, v), n in counts.items() if d == "month" and n > 0)
    columns = months[-MONTH_COLUMNS:]
    earlier = months[:-MONTH_COLUMNS] if len(months) > MONTH_COLUMNS else []
    if earlier:
        columns = [EARLIER, *columns]
    findings = sorted(
        (v for (d, v), n in counts.items() if d == "finding" and n > 0),
        key=lambda f: (-counts[("finding", f)], f),
    )
    finding_cells = {}
    for finding in findings:
        total_key = ("finding", finding)
        values[total_key] = counts[total_key]
        positive.add(total_key)
        cells = []
        for column in columns:
            key = ("finding-month", f"{finding}|{column}")
            if column == EARLIER:
                values[key] = sum(
                    counts.get(("finding-month", f"{finding}|{m}"), 0) for m in earlier
                )
            else:
                values[key] = counts.get(key, 0)
            cells.append(key)
        finding_cells[finding] = cells
        relations.append(Relation(tuple(cells), total_key))
    marks = suppress(values, relations, threshold, frozenset(positive))

    def figure(key) -> Figure:
        return Figure(values[key], marks[key])

    def case_table(dimension: str) -> CaseTable:
        keys = case_rows[dimension]
        shown = tuple((k[1], figure(k)) for k in keys if marks[k] != WITHHELD)
        return CaseTable(dimension, shown, len(shown) < len(keys))

    finding_rows = tuple(
        (f, tuple(figure(k) for k in finding_cells[f]), figure(("finding", f)))
        for f in findings
        if all(marks[k] != WITHHELD for k in (*finding_cells[f], ("finding", f)))
    )
    return Statistics(
        figure(TOTAL),
        tuple(case_table(d) for d in CASE_DIMENSIONS),
        FindingTable(tuple(columns), finding_rows),
        threshold,
    )

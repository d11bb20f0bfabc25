"""Small-count suppression for published statistics (tables, charts and their CSV).

Primary suppression: every count under the threshold (5), zero included, is shown as "<5".
Complementary suppression: published figures are tied together by sums (a table's cells add up
to its total, and one total may appear in several tables). A reader who knows those sums, and
that "<5" means 0–4 (or 1–4 where a row is only listed when it has cases) and that a hidden
figure was at least 5, can often work a small count out again. So we reason as that reader
does: bounds on every unknown figure are tightened through every sum until nothing changes,
and while any unknown figure is pinned to a single value, one more figure of a sum it belongs
to is hidden ("–"). The figure chosen is the sum's total when that total is published nowhere
else, otherwise the smallest figure of the sum (so that a total shared by several tables, such
as the number of cases, stays published). When nothing is left to hide and a figure is still
pinned (four languages listed under a total of "<5" must be one case each), the rows of that
sum are withheld altogether: the reader is not told they exist.
"""

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5
SHOWN, SMALL, HIDDEN, WITHHELD = "shown", "small", "hidden", "withheld"


@dataclass(frozen=True)
class Relation:
    """parts add up to whole."""

    parts: tuple[Hashable, ...]
    whole: Hashable


def suppress(
    values: Mapping[Hashable, int],
    relations: Sequence[Relation],
    threshold: int = THRESHOLD,
    positive: frozenset = frozenset(),
) -> dict:
    """A mark (SHOWN, SMALL, HIDDEN or WITHHELD) for every figure. `positive` names the figures
    a reader knows are at least 1 (rows listed only when they have cases)."""
    marks = {key: SMALL if value < threshold else SHOWN for key, value in values.items()}
    shared = Counter(r.whole for r in relations) + Counter(p for r in relations for p in r.parts)
    while True:
        bounds = reader_bounds(values, marks, relations, threshold, positive)
        pinned = [
            r
            for r in relations
            if any(
                marks[k] not in (SHOWN, WITHHELD) and bounds[k][0] == bounds[k][1]
                for k in _items(r)
            )
        ]
        if not pinned:
            return marks
        pick = next(
            (c for c in (_complement(r, values, marks, shared) for r in pinned) if c is not None),
            None,
        )
        if pick is not None:
            marks[pick] = HIDDEN
            continue
        # The sum with the most rows is what pins the others (each listed row is at least 1).
        relation = max(pinned, key=lambda r: len(r.parts))
        targets = [p for p in relation.parts if marks[p] != WITHHELD] or (
            [relation.whole] if marks[relation.whole] != WITHHELD else []
        )
        if not targets:
            return marks
        for key in targets:
            marks[key] = WITHHELD


def reader_bounds(values, marks, relations, threshold=THRESHOLD, positive=frozenset()) -> dict:
    """What a reader can know of each figure: (lowest, highest) after propagating every sum."""
    bounds = {}
    for key, value in values.items():
        if marks[key] == SHOWN:
            bounds[key] = (value, value)
        elif marks[key] == WITHHELD:  # not published: the reader knows nothing of it
            bounds[key] = (0, math.inf)
        elif marks[key] == SMALL:
            bounds[key] = (1 if key in positive else 0, threshold - 1)
        else:
            bounds[key] = (threshold, math.inf)
    for _ in range(200):
        changed = False
        for relation in relations:
            changed |= _tighten(relation, bounds)
        if not changed:
            break
    return bounds


def _items(relation: Relation) -> tuple:
    return (*relation.parts, relation.whole)


def _tighten(relation: Relation, bounds: dict) -> bool:
    """Narrow each figure's bounds from whole = sum(parts); True if anything narrowed."""
    changed = False
    parts = relation.parts
    low_sum = sum(bounds[p][0] for p in parts)
    finite_high = sum(bounds[p][1] for p in parts if bounds[p][1] != math.inf)
    unbounded = sum(1 for p in parts if bounds[p][1] == math.inf)
    low, high = bounds[relation.whole]
    new = (max(low, low_sum), min(high, math.inf if unbounded else finite_high))
    if new != (low, high) and new[0] <= new[1]:
        bounds[relation.whole], changed = new, True
    whole_low, whole_high = bounds[relation.whole]
    for part in parts:
        low, high = bounds[part]
        others_low = low_sum - low
        if high == math.inf:
            others_high = math.inf if unbounded > 1 else finite_high
        else:
            others_high = math.inf if unbounded else finite_high - high
        new = (max(low, whole_low - others_high), min(high, whole_high - others_low))
        if new != (low, high) and new[0] <= new[1]:
            bounds[part], changed = new, True
            low_sum += new[0] - low
            if high == math.inf and new[1] != math.inf:
                unbounded -= 1
                finite_high += new[1]
            elif high != math.inf:
                finite_high += new[1] - high
    return changed


def _complement(relation: Relation, values, marks, shared) -> Hashable | None:
    whole = relation.whole
    if marks[whole] == SHOWN and shared[whole] == 1:
        return whole
    candidates = sorted((values[p], str(p)) for p in relation.parts if marks[p] == SHOWN)
    if candidates:
        value, name = candidates[0]
        return next(p for p in relation.parts if marks[p] == SHOWN and str(p) == name)
    return whole if marks[whole] == SHOWN else None


def display(value: int, mark: str, threshold: int = THRESHOLD) -> str:
    if mark == SMALL:
        return f"<{threshold}"
    if mark == HIDDEN:
        return "–"
    return str(value)

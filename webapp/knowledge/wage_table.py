"""The minimum-wage table as data (yearly revisions, prefectures, dated rates) and a source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model.py imports this module; annotations only
    from webapp.knowledge.model import Where


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the page, the day it was read and how far it can be trusted."""

    url: str
    read_on: dt.date
    verification: str
    about: str | None = None


# Regional minimum wages are revised once a year: the revision of fiscal year N takes effect
# prefecture by prefecture between 1 October of N and 31 March of N+1 (FY2024-FY2026 in the
# table: earliest 1 October, latest 31 March). So from 1 October of N+1 a newer revision than
# FY N may already apply, and a table that ends with FY N can no longer be trusted silently.
REVISION_WINDOW = ((10, 1), (3, 31))  # (month, day) of the first and last possible start


@dataclass(frozen=True)
class WageRevision:
    """One yearly revision of the regional minimum wages, with its own sources."""

    id: str
    fiscal_year: int
    checked_on: dt.date
    verification: str
    sources: tuple[Source, ...]
    where: Where

    @property
    def first_start(self) -> dt.date:
        return dt.date(self.fiscal_year, *REVISION_WINDOW[0])

    @property
    def last_start(self) -> dt.date:
        return dt.date(self.fiscal_year + 1, *REVISION_WINDOW[1])

    @property
    def next_due(self) -> dt.date:
        """The first day on which the next yearly revision may take effect."""
        return dt.date(self.fiscal_year + 1, *REVISION_WINDOW[0])


@dataclass(frozen=True)
class WageRate:
    effective_from: dt.date
    yen: int
    revision: WageRevision | None = None
    notice_url: str | None = None  # the labour bureau notice the sources cite


@dataclass(frozen=True)
class Prefecture:
    id: str
    name: str
    name_ja: str
    rates: tuple[WageRate, ...]  # ascending by date
    where: Where
    labour_bureau: str | None = None  # its website lists the local inspection offices

    def minimum_on(self, day: dt.date) -> WageRate | None:
        current = None
        for rate in self.rates:
            if rate.effective_from <= day:
                current = rate
        return current

    def next_revision_due(self) -> dt.date | None:
        """From this day a revision newer than any loaded may apply (None: no revisions)."""
        last = self.rates[-1].revision if self.rates else None
        return last.next_due if last else None

    def outdated_on(self, day: dt.date) -> bool:
        """True when a newer revision than the table holds may apply on this day."""
        due = self.next_revision_due()
        return due is not None and day >= due


@dataclass(frozen=True)
class WageTable:
    revisions: dict[str, WageRevision]
    prefectures: dict[str, Prefecture]

    def runs_out_on(self) -> dt.date | None:
        """The first day on which some prefecture's newest loaded rate may be out of date."""
        dues = [d for d in (p.next_revision_due() for p in self.prefectures.values()) if d]
        return min(dues) if dues else None

"""The knowledge tree as frozen dataclasses. Text fields hold English msgids for gettext."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from webapp.knowledge.opening_hours import Schedule
from webapp.knowledge.wage_table import Source, WageTable

SEVERITIES = ("urgent", "serious", "concern")
TIERS = ("japanese-law", "ratified-treaty", "not-joined-standard")
REGIMES = ("titp", "esd")
QUESTION_KINDS = ("choice", "multi", "number", "month", "prefecture")
BINDS_WORDS = (
    "employer",
    "supervising-organisation",
    "sending-organisation",
    "anyone",
    "japanese-state",
    "no-one-in-japan",
    "worker",
)
# Offered by every question, never written in the files.
NOT_SURE = "not-sure"
RATHER_NOT_SAY = "rather-not-say"
STANDARD_OPTIONS = (NOT_SURE, RATHER_NOT_SAY)
END = "end"


class Condition(Protocol):
    """A parsed `when:` condition (knowledge.conditions): data, never code."""

    def holds(self, ctx: Any) -> bool: ...


@dataclass(frozen=True)
class Where:
    path: str
    line: int
    keys: dict = field(default_factory=dict, compare=False, hash=False)  # key -> line

    def at(self, key: str) -> Where:
        """The place of one key of this item (for messages about that key)."""
        return Where(self.path, self.keys.get(key, self.line))


@dataclass(frozen=True)
class Penalty:
    article: str
    text: str
    verification: str


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    short_name: str
    name_ja: str | None
    tier: str
    regime: str | None
    tier_note: str | None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Provision:
    id: str
    instrument: Instrument
    article: str | None
    paragraph: str | None
    item: str | None
    title: str
    summary: str
    binds: tuple[str, ...]
    penalty: Penalty | None
    in_force_from: dt.date
    in_force_until: dt.date | None
    source_url: str
    checked_on: dt.date
    verification: str
    where: Where
    sources: tuple[Source, ...] = ()  # where other facts of the entry were read
    # Only the range of articles is known (the amended ESD Act): (first, last) article numbers.
    articles: tuple[str, str] | None = None

    @property
    def tier(self) -> str:
        return self.instrument.tier

    @property
    def binding_in_japan(self) -> bool:
        return self.instrument.tier == "japanese-law"

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Branch:
    when: Condition | None  # a parsed condition, or None for the default branch
    go: str
    where: Where


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    text: str
    help: str | None
    kind: str
    options: tuple[Option, ...]
    unit: str | None
    minimum: float | None
    maximum: float | None
    next: tuple[Branch, ...]
    where: Where
    fact: str | None = None  # `fact_label`: this answer's label among the summary's facts

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options) + STANDARD_OPTIONS


@dataclass(frozen=True)
class Rule:
    id: str
    topic: str
    severity: str
    when: Condition
    cites: tuple[str, ...]
    indicators: tuple[int, ...]
    crime_when: Condition | None
    crime_note: str | None
    title: str
    summary_title: str | None  # the title in the first person, for the hand-over summary
    explanation: str
    actions: tuple[str, ...]
    evidence: tuple[str, ...]
    referrals: tuple[str, ...]
    where: Where
    # Worked out once at load time from the conditions, for the engine's hot path:
    uses_indicators: bool = False  # `when` counts ILO indicators (second pass)
    when_questions: tuple[str, ...] = ()  # questions `when` looks at (the "why" trace)
    crime_questions: tuple[str, ...] = ()  # questions `crime_when` looks at
    uses_wage_fact: bool = False  # `when` uses the minimum-wage check
    lead: bool = False  # shown before other findings of its severity


@dataclass(frozen=True)
class Phone:
    number: str
    verification: str
    languages: tuple[str, ...] = ()  # languages this number is answered in (empty: not known)


@dataclass(frozen=True)
class Referral:
    id: str
    name: str
    description: str
    languages: tuple[str, ...]
    hours: str | None
    phone: Phone | None
    website: str | None
    source_url: str
    checked_on: dt.date
    verification: str
    where: Where
    regime: str | None = None  # only for workers under this regime (titp | esd)
    successor: str | None = None  # the referral that takes its place for ESD workers
    sources: tuple[Source, ...] = ()  # where facts other than source_url's were read
    schedule: Schedule | None = None  # `open` / `closed`: the hours, machine-readable


@dataclass(frozen=True)
class WageCheckWiring:
    """Which questions feed the minimum-wage check (meta.yaml `minimum_wage_check`)."""

    prefecture: str
    hourly_rate: str
    monthly_pay: str
    monthly_hours: str
    work_month: str


@dataclass(frozen=True)
class RegimeWiring:
    """How the TITP / Employment for Skill Development regime is decided (meta.yaml `regime`)."""

    question: str
    changes_on: dt.date
    esd_options: tuple[str, ...]
    titp_options: tuple[str, ...]
    other_options: tuple[str, ...]


@dataclass(frozen=True)
class ExpectedFinding:
    severity: str | None
    cites: tuple[str, ...]
    crime: bool | None
    line: int


@dataclass(frozen=True)
class Case:
    name: str
    on: dt.date
    answers: dict
    findings: dict[str, ExpectedFinding]
    absent: tuple[str, ...]
    not_cited: tuple[str, ...]
    next: str | None
    indicators: int | None
    where: Where


@dataclass(frozen=True)
class Topic:
    """A part of the interview, as the result names it when it could not be checked."""

    id: str
    label: str  # msgid
    check: str  # msgid: what the trainee can look at
    referrals: tuple[str, ...]  # who can help check it


@dataclass(frozen=True)
class DangerWiring:
    """Questions about danger now, asked first; any of `answers` to one of them interrupts the
    interview with what to do at once (meta.yaml `danger`)."""

    questions: tuple[str, ...]
    answers: tuple[str, ...]  # option ids (each question's own, or a standard option)

    def raised_by(self, answers: dict) -> tuple[str, ...]:
        """The danger questions whose answer calls for help now, in the order asked."""
        return tuple(q for q in self.questions if answers.get(q) in self.answers)


@dataclass(frozen=True)
class Meta:
    version: str
    reviewed_on: dt.date
    start: tuple[Branch, ...]
    wage_check: WageCheckWiring | None
    regime: RegimeWiring | None
    # Referrals offered when no problem is found (knowledge, not code: meta.yaml).
    all_clear_referrals: tuple[str, ...] = ()
    danger: DangerWiring | None = None
    topics: dict[str, Topic] = field(default_factory=dict)


@dataclass(frozen=True)
class KnowledgeBase:
    meta: Meta
    provisions: dict[str, Provision]
    questions: dict[str, Question]  # in file order
    rules: tuple[Rule, ...]
    referrals: dict[str, Referral]
    wages: WageTable | None
    cases: tuple[Case, ...] = field(default=())
    # Memo for derived lookups (e.g. provisions in force per rule, day and regime); not data.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def version(self) -> str:
        return self.meta.version

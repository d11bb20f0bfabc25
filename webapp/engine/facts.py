"""Facts derived from answers and the date: the residence regime and the minimum-wage check."""

import calendar
import datetime as dt
from dataclasses import dataclass

from webapp.knowledge.answers import MONTH
from webapp.knowledge.conditions import Context
from webapp.knowledge.model import KnowledgeBase
from webapp.knowledge.wage_table import WageRevision

TITP, ESD, OTHER, UNKNOWN = "titp", "esd", "other", "unknown"


@dataclass(frozen=True)
class WageCheck:
    prefecture: str
    work_date: dt.date
    hourly_rate: float
    minimum: int | None  # None when the table has no rate for that date
    minimum_from: dt.date | None
    revision: WageRevision | None = None  # the revision the minimum comes from
    next_revision_due: dt.date | None = None  # when a revision newer than the table may apply
    notice_url: str | None = None

    @property
    def below(self) -> bool:
        return self.minimum is not None and self.hourly_rate < self.minimum

    @property
    def table_outdated(self) -> bool:
        """The work is on or after the day a newer revision than the table holds may apply,
        so the minimum shown is only the last one known (it has probably risen)."""
        return self.next_revision_due is not None and self.work_date >= self.next_revision_due


def context(kb: KnowledgeBase, answers: dict, on: dt.date, indicators: int = 0) -> Context:
    """The condition context: answers, date and the facts derived from them."""
    return context_and_wage(kb, answers, on, indicators)[0]


def context_and_wage(
    kb: KnowledgeBase, answers: dict, on: dt.date, indicators: int = 0
) -> tuple[Context, "WageCheck | None"]:
    """The condition context, and the minimum-wage check its facts came from."""
    facts = {f"regime-{regime(kb, answers, on)}"}
    wage = wage_check(kb, answers, on)
    if wage is not None and wage.below:
        facts.add("below-minimum-wage")
    if wage is not None and wage.table_outdated:
        facts.add("minimum-wage-table-outdated")
    # Whether to ask for the month of the work must not depend on that month's own answer.
    today = wage if wage is None or wage.work_date == on else wage_check(kb, answers, on, False)
    if today is not None and today.below:
        facts.add("below-current-minimum-wage")
    return Context(answers, on, frozenset(facts), indicators), wage


def regime(kb: KnowledgeBase, answers: dict, on: dt.date) -> str:
    """TITP before the reform date; from then on, what the residence card says (or unknown)."""
    wiring = kb.meta.regime
    if wiring is None or on < wiring.changes_on:
        return TITP
    answer = answers.get(wiring.question)
    if answer in wiring.esd_options:
        return ESD
    if answer in wiring.titp_options:
        return TITP
    if answer in wiring.other_options:
        return OTHER
    return UNKNOWN


def wage_check(
    kb: KnowledgeBase, answers: dict, on: dt.date, use_work_month: bool = True
) -> WageCheck | None:
    """Hourly pay for normal hours against the prefecture's minimum on the date of the work."""
    wiring = kb.meta.wage_check
    if wiring is None or kb.wages is None:
        return None
    prefecture = kb.wages.prefectures.get(str(answers.get(wiring.prefecture)))
    rate = _hourly_rate(answers, wiring)
    if prefecture is None or rate is None:
        return None
    work_date = _work_date(answers.get(wiring.work_month), on) if use_work_month else on
    minimum = prefecture.minimum_on(work_date)
    if minimum is None:
        return WageCheck(prefecture.id, work_date, rate, None, None)
    return WageCheck(
        prefecture.id,
        work_date,
        rate,
        minimum.yen,
        minimum.effective_from,
        minimum.revision,
        prefecture.next_revision_due(),
        minimum.notice_url,
    )


def wage_questions(kb: KnowledgeBase) -> tuple[str, ...]:
    wiring = kb.meta.wage_check
    if wiring is None:
        return ()
    return (
        wiring.prefecture,
        wiring.hourly_rate,
        wiring.monthly_pay,
        wiring.monthly_hours,
        wiring.work_month,
    )


def _hourly_rate(answers: dict, wiring) -> float | None:
    hourly = answers.get(wiring.hourly_rate)
    if isinstance(hourly, float):
        return hourly
    pay, hours = answers.get(wiring.monthly_pay), answers.get(wiring.monthly_hours)
    if isinstance(pay, float) and isinstance(hours, float) and hours > 0:
        return pay / hours
    return None


def _work_date(month: str | None, on: dt.date) -> dt.date:
    """The last day of the month the pay is for (so a mid-month rise counts), never after `on`."""
    if not isinstance(month, str) or not MONTH.match(month):
        return on
    year, number = int(month[:4]), int(month[5:])
    last = dt.date(year, number, calendar.monthrange(year, number)[1])
    return min(last, on)

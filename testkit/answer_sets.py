"""Trainees' answers, as option ids and values, shared by the tests and the benchmarks.

Each set answers every question its trainee is asked (and sometimes more: an answer to a
question off the path, such as the residence status before the 2027 reform, is never asked
for and is dropped when the interview is complete). `asked_in_order` walks the interview the
way a front end does and says which answers were actually given.
"""

import datetime as dt
from functools import lru_cache

from webapp.config import Settings
from webapp.engine import walk
from webapp.knowledge import load_knowledge
from webapp.knowledge.answers import normalise_answers
from webapp.knowledge.model import KnowledgeBase


@lru_cache(maxsize=1)
def shipped_knowledge() -> KnowledgeBase:
    """The shipped knowledge, loaded once per process (tests and benchmarks share it)."""
    return load_knowledge(Settings().knowledge_dir)


# Nothing wrong: every topic answered with its "no problem" answer; ¥1,300 an hour in Tokyo.
ALL_CLEAR = {
    "movement-locked-in": "no",
    "violence-hit": "no",
    "violence-threatened": "no",
    "violence-forced-work": "no",
    "status-residence": "titp",
    "passport-held-by-other": "no",
    "wages-pay-ok": "yes",
    "wages-prefecture": "tokyo",
    "wages-hourly-rate": 1300,
    "wages-overtime": "no",
    "money-taken": "no",
    "movement-restricted": "no",
    "union-problem": "no",
    "reporting-reported": "no",
    "recruitment-fees": "no",
}

# The passport is kept by the company, which refused to give it back (reference §2 TITP-48-1).
PASSPORT_KEPT = {
    "passport-held-by-other": "yes",
    "passport-which": "passport",
    "passport-who": "employer",
    "passport-since": "2025-04",
    "passport-asked-back": "refused",
    "passport-consent": "free",
    "passport-threat": "no",
}

# A typical case: passport kept and refused, ¥1,000 an hour in Tokyo (below the minimum
# wage), overtime paid at the normal rate. Three serious findings, nothing urgent.
PROBLEMS = dict(
    ALL_CLEAR,
    **{
        "passport-held-by-other": "yes",
        "passport-which": "passport",
        "passport-who": "employer",
        "passport-asked-back": "refused",
        "passport-since": "2025-04",
        "passport-consent": "forced",
        "passport-threat": "no",
        "wages-hourly-rate": 1000,
        "wages-work-month": "current",
        "wages-overtime": "paid-normal",
        "wages-overtime-hours": 30,
        "wages-sector": "other",
        "needs-now": "yes",
    },
)

# Hit by someone from the company (urgent on its own) and paid ¥1,000 an hour in Tokyo.
URGENT = dict(
    ALL_CLEAR,
    **{
        "wages-hourly-rate": 1000,
        "wages-work-month": "current",
        "violence-hit": "yes",
        "violence-injured": "yes",
        "violence-threatened": "no",
        "violence-forced-work": "no",
        "violence-who": "employer",
        "needs-now": "yes",
    },
)

# Nearly everything is wrong, so that rules citing the TITP Act or the ESD Act all fire.
EVERYTHING_WRONG = {
    **PASSPORT_KEPT,
    "passport-consent": "forced",
    "passport-threat": "yes",
    "wages-pay-ok": "no",
    "wages-paid-in-full": "partly",
    "wages-japanese-coworkers": "yes",
    "wages-deductions": "yes",
    "wages-deductions-what": ["supervision-fee", "loan"],
    "wages-loan-lender": "sending-organisation",
    "wages-deductions-agreement": "no",
    "wages-prefecture": "tokyo",
    "wages-hourly-rate": 800,
    "wages-work-month": "current",
    "wages-overtime": "unpaid",
    "wages-overtime-hours": 110,
    "wages-sector": "other",
    "money-taken": "yes",
    "money-deposit": "yes",
    "money-deposit-who": "supervising-organisation",
    "money-penalty": "yes",
    "money-penalty-who": "employer",
    "money-savings": "yes",
    "money-savings-who": "employer",
    "movement-restricted": "yes",
    "movement-permission": "yes",
    "movement-phone": "yes",
    "movement-contact-ban": "yes",
    "movement-locked-in": "yes",
    "movement-threat": "yes",
    "movement-dormitory": "yes",
    "violence-hit": "yes",
    "violence-injured": "yes",
    "violence-threatened": "yes",
    "violence-forced-work": "yes",
    "violence-who": "employer",
    "union-problem": "yes",
    "union-what": "punished",
    "reporting-reported": "yes",
    "reporting-to-whom": ["otit"],
    "reporting-retaliation": "yes",
    "reporting-what-happened": ["dismissed", "evicted"],
    "recruitment-fees": "yes",
    "recruitment-paid-to": "japan",
    "recruitment-debt": "yes",
    "recruitment-fees-explained": "no",
    "needs-now": "no-food",
}

# Many problems, paid monthly: the engine benchmark's heavy case (a complete interview).
MANY_PROBLEMS = {
    "passport-held-by-other": "yes",
    "passport-which": "both",
    "passport-who": "employer",
    "passport-since": "2025-04",
    "passport-asked-back": "refused",
    "passport-consent": "forced",
    "passport-threat": "yes",
    "wages-pay-ok": "no",
    "wages-paid-in-full": "partly",
    "wages-japanese-coworkers": "no",
    "wages-deductions": "yes",
    "wages-deductions-what": ["loan"],
    "wages-loan-lender": "employer",
    "wages-deductions-agreement": "no",
    "wages-prefecture": "kochi",
    "wages-hourly-rate": "monthly",
    "wages-monthly-pay": 140000,
    "wages-monthly-hours": 170,
    "wages-work-month": "current",
    "wages-overtime": "unpaid",
    "wages-sector": "other",
    "wages-overtime-hours": 120,
    "money-taken": "yes",
    "money-deposit": "yes",
    "money-deposit-who": "supervising-organisation",
    "money-penalty": "yes",
    "money-penalty-who": "sending-organisation",
    "money-savings": "yes",
    "money-savings-who": "employer",
    "movement-restricted": "yes",
    "movement-permission": "yes",
    "movement-phone": "yes",
    "movement-contact-ban": "yes",
    "movement-locked-in": "no",
    "movement-threat": "yes",
    "movement-dormitory": "yes",
    "violence-hit": "no",
    "violence-threatened": "yes",
    "violence-forced-work": "no",
    "violence-who": "employer",
    "union-problem": "yes",
    "union-what": "forbidden",
    "reporting-reported": "yes",
    "reporting-to-whom": ["otit", "inspection-office"],
    "reporting-retaliation": "yes",
    "reporting-what-happened": ["dismissed"],
    "recruitment-fees": "yes",
    "recruitment-paid-to": "home-country",
    "recruitment-debt": "yes",
    "recruitment-fees-explained": "no",
    "needs-now": "yes",
}

# A long interview (28 questions): passport, pay and movement problems, Kochi, ¥900 an hour,
# 90 hours of unpaid overtime. The page-weight benchmark's heavy case.
LONG_WALK = {
    "movement-locked-in": "no",
    "violence-hit": "no",
    "violence-threatened": "no",
    "violence-forced-work": "no",
    "status-residence": "titp",
    "passport-held-by-other": "yes",
    "passport-which": "both",
    "passport-who": "employer",
    "passport-since": "2025-04",
    "passport-asked-back": "refused",
    "passport-consent": "forced",
    "passport-threat": "yes",
    "wages-pay-ok": "no",
    "wages-paid-in-full": "partly",
    "wages-japanese-coworkers": "no",
    "wages-deductions": "yes",
    "wages-deductions-what": ["loan"],
    "wages-loan-lender": "employer",
    "wages-deductions-agreement": "no",
    "wages-prefecture": "kochi",
    "wages-hourly-rate": 900,
    "wages-work-month": "current",
    "wages-overtime": "unpaid",
    "wages-overtime-hours": 90,
    "wages-sector": "other",
    "money-taken": "no",
    "movement-restricted": "yes",
    "movement-permission": "yes",
    "movement-phone": "yes",
    "movement-contact-ban": "no",
    "movement-threat": "yes",
    "movement-dormitory": "yes",
    "union-problem": "no",
    "reporting-reported": "no",
    "recruitment-fees": "no",
    "needs-now": "yes",
}

ANSWER_SETS = {
    "all-clear": ALL_CLEAR,
    "problems": PROBLEMS,
    "urgent": URGENT,
    "everything-wrong": EVERYTHING_WRONG,
    "many-problems": MANY_PROBLEMS,
    "long-walk": LONG_WALK,
}


def asked_in_order(
    answers: dict, on: dt.date | None = None, kb: KnowledgeBase | None = None
) -> list[tuple[str, object]]:
    """(question, answer) in the order the interview asks them, answering from `answers`.
    Fails if the interview asks a question the set does not answer."""
    kb = kb or shipped_knowledge()
    on = on or dt.date.today()
    given: dict = {}
    while True:
        question = walk(kb, normalise_answers(kb, given), on).next
        if question is None:
            return list(given.items())
        assert question in answers, f"the answer set has no answer for {question}"
        given[question] = answers[question]

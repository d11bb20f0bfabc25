"""The interview's operations: start, resume, answer (or change), back, set locale, result, end.

Speaks in ids and values; rendering stays in the shells. Each operation reads the clock once.
A session is always loaded as one kind ("form", "api", ...), so ids never cross front ends.

    core = Interviews(kb, db, limits, locales, default_locale)
    interview = core.start("api", explicit_locale="vi")
    interview = core.answer(interview, "passport-held-by-other", "no")
    outcome = core.result(interview)          # recorded once per completed interview
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import sqlite_utils

from webapp.clock import day_in_japan, utc_now
from webapp.engine import Evaluation, evaluate, normalise_answers
from webapp.i18n.locales import Locales, choose
from webapp.interview.progress import Progress, check_answer, progress
from webapp.knowledge.model import KnowledgeBase, Question
from webapp.store import answers as answer_log
from webapp.store import results, sessions
from webapp.store.retention import Limits

# The idle clock is restarted at most once a minute: a write on every page view costs more
# than it is worth, and a minute is nothing against a 30-minute limit.
TOUCH_EVERY = dt.timedelta(minutes=1)


class InterviewNotFound(Exception):
    """No such interview for this front end: never started, deleted, or of another kind."""


class InterviewExpired(Exception):
    """The interview passed its idle or absolute limit; its answers were deleted just now."""


@dataclass(frozen=True)
class Interview:
    """One live interview as one operation left it."""

    session: sessions.Session
    answers: dict  # question id -> normalised answer, the latest of each
    progress: Progress
    on: dt.date  # the day in Japan when the operation ran
    away: dt.timedelta = dt.timedelta(0)  # how long it had been left before this operation

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def kind(self) -> str:
        return self.session.kind

    @property
    def locale(self) -> str:
        return self.session.locale

    @property
    def complete(self) -> bool:
        return self.progress.complete


@dataclass(frozen=True)
class Outcome:
    interview: Interview
    evaluation: Evaluation
    recorded: bool  # True when this call wrote the result (first view, or changed)


class Interviews:
    """The interview operations over one database connection (one per thread)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        db: sqlite_utils.Database,
        limits: Limits,
        locales: Locales,
        default_locale: str,
        clock: Callable[[], dt.datetime] = utc_now,
    ):
        self.kb, self.db, self.limits = kb, db, limits
        self.locales, self.default_locale, self.clock = locales, default_locale, clock

    # -- the locale rule ---------------------------------------------------------------------

    def choose_locale(
        self, remembered: str | None, explicit: str | None = None, accepted: Sequence[str] = ()
    ) -> str:
        """The one rule: an explicit choice, then the interview's, then the languages the
        client accepts (in order), then the default. Unknown codes are passed over."""
        return choose(self.locales, explicit, remembered, list(accepted), self.default_locale)

    # -- operations --------------------------------------------------------------------------

    def start(
        self,
        kind: str,
        explicit_locale: str | None = None,
        accepted: Sequence[str] = (),
        continuing: str | None = None,
    ) -> Interview:
        """A new interview under a fresh id. `continuing`: the id this front end issued
        earlier; if it is still live its answers carry over to the new id and the old id
        stops working (an id is never adopted, so it cannot be fixed in advance). A shared
        case is never moved: Start then begins afresh."""
        now = self.clock()
        old = self._live_or_none(kind, continuing, now) if continuing else None
        if old is not None and old.shared:
            old = None  # a case shared with an NGO keeps its id (staff records point to it)
        locale = self.choose_locale(old.locale if old else None, explicit_locale, accepted)
        if old is None:
            return self._interview(
                sessions.create_session(self.db, kind, locale, self.kb.version, now), now
            )
        interview = self._interview(sessions.reissue_session(self.db, old, now), now)
        return self.set_locale(interview, locale)

    def resume(
        self,
        kind: str,
        session_id: object,
        explicit_locale: str | None = None,
        accepted: Sequence[str] = (),
    ) -> Interview:
        """The live interview with this id, its idle clock restarted and the locale rule
        applied (an explicit choice is remembered). Raises InterviewNotFound or
        InterviewExpired (the answers are deleted when it is found expired)."""
        now = self.clock()
        session = self._live(kind, session_id, now)
        away = max(now - session.last_seen_at, dt.timedelta(0))
        if now - session.last_seen_at > TOUCH_EVERY:
            sessions.touch_session(self.db, session.id, now)
            session = replace(session, last_seen_at=now)
        locale = self.choose_locale(session.locale, explicit_locale, accepted)
        interview = replace(self._interview(session, now), away=away)
        return self.set_locale(interview, locale)

    def set_locale(self, interview: Interview, code: str) -> Interview:
        """Remember a language chosen for this interview (a shipped locale code)."""
        if code not in self.locales:
            raise ValueError(f"not a shipped locale: {code!r}")
        if code != interview.locale:
            sessions.set_locale(self.db, interview.id, code)
            interview = replace(interview, session=replace(interview.session, locale=code))
        return interview

    def answer(self, interview: Interview, question_id: object, raw: object) -> Interview:
        """Answer the next question or change one already answered. Raises AnswerError
        (UnknownQuestion, UnknownOption, InvalidAnswer) or QuestionOutOfOrder, and then
        nothing is stored."""
        now = self.clock()
        on = day_in_japan(now)
        question, value = check_answer(self.kb, interview.answers, on, question_id, raw)
        answer_log.record_answer(self.db, interview.id, question.id, value, now)
        answers = dict(interview.answers, **{question.id: value})
        return Interview(interview.session, answers, progress(self.kb, answers, on), on)

    def back(self, interview: Interview, current: str | None = None) -> Question | None:
        """The question before `current` on the trainee's path (before the next one when
        None); None at the first question."""
        previous = interview.progress.previous(current)
        return self.kb.questions[previous] if previous else None

    def result(self, interview: Interview) -> Outcome:
        """The findings for the answers so far, on today's date in Japan. A complete
        interview's result is recorded once (replaced if the answers changed since)."""
        now = self.clock()
        evaluation = evaluate(
            self.kb, normalise_answers(self.kb, interview.answers), day_in_japan(now)
        )
        recorded = False
        if evaluation.next_question is None:
            recorded = results.record_result(
                self.db,
                interview.id,
                interview.kind,
                evaluation.on,
                self.kb.version,
                [(f.id, f.severity) for f in evaluation.findings],
                now,
            )
        return Outcome(interview, evaluation, recorded)

    def end(self, kind: str, session_id: object) -> bool:
        """Delete the interview and every answer now; False if there was none of this kind."""
        try:
            session = sessions.load_session(self.db, session_id, kind)
        except sessions.SessionNotFound:
            return False
        sessions.delete_session(self.db, session.id)
        return True

    # -- helpers -----------------------------------------------------------------------------

    def _live(self, kind: str, session_id: object, now: dt.datetime) -> sessions.Session:
        try:
            session = sessions.load_session(self.db, session_id, kind)
        except sessions.SessionNotFound:
            raise InterviewNotFound from None
        if self.limits.expired(session, now):
            sessions.delete_session(self.db, session.id)
            raise InterviewExpired
        return session

    def _live_or_none(self, kind: str, session_id: str, now: dt.datetime):
        try:
            return self._live(kind, session_id, now)
        except (InterviewNotFound, InterviewExpired):
            return None

    def _interview(self, session: sessions.Session, now: dt.datetime) -> Interview:
        on = day_in_japan(now)
        answers = answer_log.current_answers(self.db, session.id)
        return Interview(session, answers, progress(self.kb, answers, on), on)

"""The interview core (webapp.interview) without Flask: every step the shells share."""

import datetime as dt
import subprocess
import sys

import pytest

from testkit.answer_sets import ALL_CLEAR, asked_in_order
from webapp.interview import InterviewExpired, InterviewNotFound, Interviews, QuestionOutOfOrder
from webapp.knowledge.answers import UnknownOption
from webapp.store.retention import Limits

START = dt.datetime(2026, 6, 1, 14, 30, tzinfo=dt.UTC)  # 23:30 on 1 June in Japan


class Clock:
    """A clock the test moves; counts its readings."""

    def __init__(self, now=START):
        self.now, self.readings = now, 0

    def __call__(self):
        self.readings += 1
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def core(kb, locales, db, clock):
    return Interviews(kb, db, Limits(), locales, "en", clock)


def test_the_core_imports_nothing_from_flask():
    code = "import sys, webapp.interview; sys.exit('flask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_each_operation_reads_the_clock_once(core, clock):
    interview = core.start("api")
    assert clock.readings == 1
    interview = core.resume("api", interview.id)
    assert clock.readings == 2
    interview = core.answer(interview, "movement-locked-in", "no")
    assert clock.readings == 3
    core.result(interview)
    assert clock.readings == 4
    assert core.back(interview) is not None and clock.readings == 4  # back needs no clock


def test_the_date_is_japans(core, clock):
    clock.now = dt.datetime(2026, 6, 1, 15, 30, tzinfo=dt.UTC)  # 00:30 on 2 June
    assert core.start("form").on == dt.date(2026, 6, 2)


def test_a_whole_interview_is_recorded_once(core, db):
    interview = core.start("form")
    for question, value in asked_in_order(ALL_CLEAR, START.date()):
        interview = core.answer(interview, question, value)
    assert interview.complete
    first, second = core.result(interview), core.result(interview)
    assert first.recorded and not second.recorded
    assert first.evaluation.findings == () and db["results"].count == 1


def test_answers_are_checked_before_anything_is_stored(core, db):
    interview = core.start("api")
    with pytest.raises(UnknownOption):
        core.answer(interview, "movement-locked-in", "maybe")
    with pytest.raises(QuestionOutOfOrder):
        core.answer(interview, "money-taken", "no")
    assert db["answers"].count == 0


def test_back_goes_to_the_previous_question_on_the_path(core):
    interview = core.start("api")
    assert core.back(interview) is None
    interview = core.answer(interview, "movement-locked-in", "no")
    interview = core.answer(interview, "violence-hit", "no")
    assert core.back(interview).id == "violence-hit"
    assert core.back(interview, "violence-hit").id == "movement-locked-in"


def test_changing_an_answer_opens_its_follow_ups(core):
    interview = core.start("api")
    for question, value in asked_in_order(ALL_CLEAR, START.date()):
        interview = core.answer(interview, question, value)
    interview = core.answer(interview, "passport-held-by-other", "yes")
    assert interview.progress.next == "passport-which" and not interview.complete


def test_expiry_is_decided_when_an_interview_is_resumed(core, clock, db):
    interview = core.start("form")
    core.answer(interview, "movement-locked-in", "no")
    clock.now = START + dt.timedelta(minutes=29)
    core.resume("form", interview.id)  # restarts the idle clock
    clock.now = START + dt.timedelta(minutes=29 + 31)
    with pytest.raises(InterviewExpired):
        core.resume("form", interview.id)
    assert db["answers"].count == 0  # deleted when found expired
    with pytest.raises(InterviewNotFound):
        core.resume("form", interview.id)


def test_an_interview_is_found_only_as_its_own_kind(core):
    interview = core.start("api")
    with pytest.raises(InterviewNotFound):
        core.resume("form", interview.id)
    assert core.end("form", interview.id) is False
    assert core.end("api", interview.id) is True


def test_one_locale_rule(core):
    # explicit choice, then the interview's, then Accept-Language, then the default
    assert core.choose_locale(None, "vi", ["th"]) == "vi"
    assert core.choose_locale("km", None, ["th"]) == "km"
    assert core.choose_locale(None, "xx", ["de", "th"]) == "th"
    assert core.choose_locale(None) == "en"
    interview = core.start("form", accepted=["th"])
    assert interview.locale == "th"
    # an explicit choice is remembered by the interview; Accept-Language alone is not
    assert core.resume("form", interview.id, "vi").locale == "vi"
    assert core.resume("form", interview.id, accepted=["km"]).locale == "vi"
    assert core.set_locale(core.resume("form", interview.id), "mn").locale == "mn"
    assert core.resume("form", interview.id).locale == "mn"


def test_start_can_continue_an_interview_under_a_fresh_id(core):
    first = core.answer(core.start("form"), "movement-locked-in", "no")
    second = core.start("form", continuing=first.id)
    assert second.id != first.id and second.answers == first.answers
    with pytest.raises(InterviewNotFound):
        core.resume("form", first.id)
    # an id of another kind is never continued: a fresh, empty interview instead
    api = core.answer(core.start("api"), "movement-locked-in", "yes")
    third = core.start("form", continuing=api.id)
    assert third.answers == {} and core.resume("api", api.id).answers == api.answers


def test_a_case_shared_with_an_ngo_is_never_moved_to_a_new_id(core, db):
    shared = core.answer(core.start("form"), "movement-locked-in", "yes")
    db.execute("UPDATE sessions SET shared = 1 WHERE id = ?", [shared.id])
    db.conn.commit()
    fresh = core.start("form", continuing=shared.id)
    assert fresh.id != shared.id and fresh.answers == {}
    assert core.resume("form", shared.id).answers == {"movement-locked-in": "yes"}

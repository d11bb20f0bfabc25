"""The take-home token (issue 12): the answers sealed, compact, expiring, refused when changed."""

import base64
import dataclasses
import datetime as dt
import os

import pytest
import segno

from testkit.answer_sets import ANSWER_SETS, asked_in_order
from webapp.engine import evaluate
from webapp.knowledge.answers import normalise_answers
from webapp.take_home import (
    KnowledgeChanged,
    LinkExpired,
    LinkInvalid,
    key_from_secret,
    open_token,
    seal,
)

KEY = key_from_secret("ab" * 32)
NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=7)
ON = dt.date(2026, 12, 1)


def given(kb, name):
    """The normalised answers a visitor gave for an answer set (as the core holds them)."""
    return normalise_answers(kb, dict(asked_in_order(ANSWER_SETS[name], ON, kb)))


@pytest.mark.parametrize("name", ["all-clear", "problems", "urgent", "many-problems", "long-walk"])
def test_every_answer_set_comes_back_exactly_and_judges_the_same(kb, name):
    answers = given(kb, name)
    token = seal(kb, KEY, answers, ON, "my", LATER)

    taken = open_token(kb, KEY, token, NOW)

    assert taken.answers == answers  # numbers, months and options, every one
    assert (taken.on, taken.locale, taken.expires) == (ON, "my", LATER)
    assert evaluate(kb, taken.answers, taken.on).findings == evaluate(kb, answers, ON).findings


def test_the_token_is_short_enough_for_a_qr_code_a_tablet_can_show(kb):
    # The long walk (33 answers, typed numbers, ticked boxes) still fits a QR code of version
    # 10 (57 modules a side: 5 px a module is under 300 px on a tablet screen).
    token = seal(kb, KEY, given(kb, "long-walk"), ON, "zh_Hans_CN", LATER)
    assert len(token) <= 185, len(token)
    assert segno.make("https://kenri.example.org/t/" + token, error="m").version <= 10
    assert token.isascii() and "=" not in token and "/" not in token and "+" not in token


def test_the_answers_cannot_be_read_from_the_token(kb):
    answers = given(kb, "problems")
    first = seal(kb, KEY, answers, ON, "vi", LATER)
    second = seal(kb, KEY, answers, ON, "vi", LATER)
    raw = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))
    assert first != second  # a fresh nonce each time: two visitors' links never look alike
    assert b"vi" not in raw and b"tokyo" not in raw and b"1000" not in raw


def flip(token: str, at: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[at] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def test_any_changed_byte_is_refused(kb):
    token = seal(kb, KEY, given(kb, "problems"), ON, "vi", LATER)
    size = len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    for at in range(size):
        with pytest.raises(LinkInvalid):
            open_token(kb, KEY, flip(token, at), NOW)


@pytest.mark.parametrize(
    "token",
    ["", "x", "!!!!", "a" * 401, "é" * 40, base64.urlsafe_b64encode(os.urandom(60)).decode()],
)
def test_garbage_is_refused(kb, token):
    with pytest.raises(LinkInvalid):
        open_token(kb, KEY, token, NOW)


def test_a_token_from_another_server_or_cut_short_is_refused(kb):
    token = seal(kb, KEY, given(kb, "all-clear"), ON, "en", LATER)
    with pytest.raises(LinkInvalid):
        open_token(kb, key_from_secret("cd" * 32), token, NOW)
    with pytest.raises(LinkInvalid):
        open_token(kb, KEY, token[:-3], NOW)


def test_it_stops_working_when_it_expires(kb):
    token = seal(kb, KEY, given(kb, "all-clear"), ON, "en", LATER)
    assert open_token(kb, KEY, token, LATER - dt.timedelta(seconds=1))
    with pytest.raises(LinkExpired):
        open_token(kb, KEY, token, LATER + dt.timedelta(seconds=1))


def test_a_token_of_an_earlier_knowledge_version_says_so(kb):
    older = dataclasses.replace(kb, meta=dataclasses.replace(kb.meta, version="2020.01.01"))
    token = seal(older, KEY, given(kb, "problems"), ON, "vi", LATER)
    with pytest.raises(KnowledgeChanged):
        open_token(kb, KEY, token, NOW)
    # ... unless it has expired too: then it says that
    with pytest.raises(LinkExpired):
        open_token(kb, KEY, token, LATER + dt.timedelta(days=1))


def test_only_the_canonical_spelling_opens(kb):
    # base64 leaves some low bits of the last character unused: another spelling of the same
    # bytes must not be a second working link.
    token = seal(kb, KEY, given(kb, "all-clear"), ON, "zh_Hans_CN", LATER)
    assert len(token) % 4, "this token has no unused bits: choose another"
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    tried = 0
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for other in (token[:-1] + c for c in alphabet if c != token[-1]):
        try:
            same = base64.urlsafe_b64decode(other + "=" * (-len(other) % 4)) == raw
        except ValueError:
            continue
        if same:
            tried += 1
            with pytest.raises(LinkInvalid):
                open_token(kb, KEY, other, NOW)
    assert tried >= 1

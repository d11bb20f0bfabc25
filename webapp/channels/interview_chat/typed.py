"""What a typed message means for the question being asked: an option, a number, a month, a
prefecture or a region, read in the trainee's language (and recognised in any language).

Option labels and prefecture names are indexed once, in every shipped language; numbers are
read by webapp.i18n.numbers in the chat's locale ("1.200" in Vietnamese is 1,200; in Japanese
it is asked back). Nothing here stores anything: the conversation passes what it found to the
interview core, which checks it like any other answer.
"""

import re
from dataclasses import dataclass

from flask_babel import force_locale, gettext

from webapp.channels.interview_chat.labels import chat_label, full_label
from webapp.channels.interview_chat.prefectures import regions
from webapp.channels.interview_chat.questions import choices_of
from webapp.channels.interview_chat.words import WordIndex
from webapp.i18n.numbers import ascii_digits, read_number
from webapp.knowledge.model import Option, Question
from webapp.views.translated import format_number

MONTH_FIRST = re.compile(r"^((?:19|20)\d\d)\D{1,3}(\d{1,2})\D{0,2}$")  # 2025-10, 2025年10月
YEAR_FIRST_LAST = re.compile(r"^(\d{1,2})\D{1,3}((?:19|20)\d\d)$")  # 10/2025
JAPANESE_SUFFIX = {"都": "to", "道": "do", "府": "fu", "県": "ken"}


@dataclass(frozen=True)
class Reading:
    value: object = None  # an answer for the core: option id, number or "YYYY-MM"
    readings: tuple[float, ...] = ()  # a typed number that could mean either of these
    region: str | None = None  # a region named, for the prefecture question
    problem: str | None = None  # why the text is not an answer (in the chat's language)


def read_month(text: str) -> str | None:
    cleaned = " ".join(ascii_digits(text).split())
    found = MONTH_FIRST.match(cleaned)
    if found:
        year, month = found.group(1), int(found.group(2))
    else:
        found = YEAR_FIRST_LAST.match(cleaned)
        if not found:
            return None
        year, month = found.group(2), int(found.group(1))
    return f"{year}-{month:02d}" if 1 <= month <= 12 else None


class TypedAnswers:
    """Typed text -> answers, with the label indexes built once per conversation."""

    def __init__(self, kb, locale_codes):
        self.kb = kb
        self.codes = tuple(locale_codes)
        self._options: dict[str, WordIndex] = {}
        self._regions: dict[str, WordIndex] = {}

    def read(self, question: Question, text: str, locale: str) -> Reading | None:
        """What `text` answers, a problem to tell the trainee, or None (not an answer: the
        conversation then tries commands)."""
        chosen = self._option_index(question).find(text)
        if chosen is not None:
            return Reading(value=chosen)
        if question.kind not in ("number", "month", "prefecture"):  # choice (and later kinds)
            return self._by_number(question, text)
        if question.kind == "prefecture":
            region = self._region_index(question).find(text)
            return Reading(region=region) if region else None
        with force_locale(locale):
            if question.kind == "number":
                return self._number(question, text, locale)
            if question.kind == "month":
                month = read_month(text)
                if month:
                    return Reading(value=month)
                if any(ch.isdigit() for ch in ascii_digits(text)):
                    return Reading(
                        problem=gettext("Enter the month as year and month, for example 2025-10.")
                    )
        return None

    def _by_number(self, question: Question, text: str) -> Reading | None:
        digits = ascii_digits(text).strip().rstrip(".")
        options = choices_of(question)
        if digits.isdigit() and 1 <= int(digits) <= len(options):
            option = options[int(digits) - 1]
            return Reading(value=option.id if isinstance(option, Option) else option)
        return None

    def _number(self, question: Question, text: str, locale: str) -> Reading | None:
        reading = read_number(text, locale, question.minimum, question.maximum)
        if reading is None:
            if not any(ch.isdigit() for ch in ascii_digits(text)):
                return None  # words: maybe a command
            return Reading(problem=number_problem(question))
        if reading.ambiguous:
            return Reading(readings=reading.readings)
        return Reading(value=reading.value)

    # -- indexes ------------------------------------------------------------------------------

    def _option_index(self, question: Question) -> WordIndex:
        index = self._options.get(question.id)
        if index is None:
            index = self._options[question.id] = WordIndex()
            for code in self.codes:
                with force_locale(code):
                    for option in choices_of(question):
                        value = option.id if isinstance(option, Option) else option
                        index.add(_variants(full_label(option)), value)
                        index.add([chat_label(question, option, code)], value)
            if question.kind == "prefecture" and self.kb.wages:
                for option in question.options:
                    index.add(
                        _prefecture_names(self.kb.wages.prefectures.get(option.id)), option.id
                    )
        return index

    def _region_index(self, question: Question) -> WordIndex:
        index = self._regions.get(question.id)
        if index is None:
            index = self._regions[question.id] = WordIndex()
            for code in self.codes:
                with force_locale(code):
                    for group in regions(question):
                        if len(group.options) > 1:
                            index.add(_variants(gettext(group.label)), group.id)
        return index


def number_problem(question: Question) -> str:
    return gettext(
        "Enter a number between %(min)s and %(max)s.",
        min=format_number(question.minimum),
        max=format_number(question.maximum),
    )


def _variants(label: str) -> list[str]:
    """A label, and for "Tokyo (東京都)" also each of its two names."""
    found = [label]
    match = re.match(r"^(.*?)\s*[(（](.+?)[)）]\s*$", label)
    if match:
        found += [match.group(1), match.group(2)]
    return [f for f in found if f.strip()]


def _prefecture_names(prefecture) -> list[str]:
    if prefecture is None:
        return []
    names = [prefecture.id, prefecture.name, prefecture.name_ja, f"{prefecture.name} prefecture"]
    suffix = prefecture.name_ja[-1:]
    if suffix in JAPANESE_SUFFIX:
        names.append(f"{prefecture.name}-{JAPANESE_SUFFIX[suffix]}")
        if suffix != "道":  # 北海道 is never written without 道
            names.append(prefecture.name_ja[:-1])
    return names

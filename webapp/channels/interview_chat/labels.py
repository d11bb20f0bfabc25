"""Button labels for chat: at most 20 grapheme clusters (LINE and Messenger quick replies).

`chat_label` is the one place a chat button gets an option's label. The knowledge will carry
short chat labels of its own (a later step of issue 13: an option's `chat_label`, translated
like every label); until an option has one, its full label is shortened here, safely: cut
between words where the script has spaces, never inside a grapheme cluster, ending in "…". A
question whose labels had to be cut lists its options in full above the buttons (see
questions.py), so a cut label is never the only thing a trainee can read.

Labels depend only on the knowledge's text and the catalogues, so each is worked out once per
process and language.
"""

from functools import lru_cache
from typing import NamedTuple

from flask_babel import force_locale, gettext

from webapp.channels.text_limits import ELLIPSIS, fit, grapheme_count, graphemes
from webapp.knowledge.model import STANDARD_OPTIONS, Option, Question
from webapp.views.translated import standard_option_labels

LABEL_LIMIT = 20
SHORTEST_WORD_CUT = 8  # cut between words only if this much of the label is left


class Labels(NamedTuple):
    option: str  # the option id (or a standard option id)
    full: str  # the label in full, as the web form shows it
    short: str  # the chat button's label

    @property
    def cut(self) -> bool:
        return self.short != " ".join(self.full.split())


def full_label(option: Option | str) -> str:
    """An option's label in the current locale (an Option, or a standard option id)."""
    if isinstance(option, Option):
        return gettext(option.label)
    return standard_option_labels()[option]


def chat_label(question: Question, option: Option | str, locale: str) -> str:
    """The chat button label of `option` of `question` in `locale`."""
    return _labels(_texts((option,)), locale)[0].short


def option_labels(question: Question, locale: str) -> tuple[Labels, ...]:
    """Every option of `question`, standard ones last: id, full label and chat label."""
    return _labels(_texts((*question.options, *STANDARD_OPTIONS)), locale)


def _texts(options) -> tuple[tuple[str, str | None, str | None], ...]:
    """(id, label msgid, chat label msgid) of each option: what a label is made from."""
    return tuple(
        (o.id, o.label, getattr(o, "chat_label", None))
        if isinstance(o, Option)
        else (o, None, None)
        for o in options
    )


@lru_cache(maxsize=4096)
def _labels(texts: tuple, locale: str) -> tuple[Labels, ...]:
    found = []
    with force_locale(locale):
        standard = standard_option_labels()
        for option_id, label, own in texts:
            full = gettext(label) if label else standard[option_id]
            found.append(Labels(option_id, full, shorten(gettext(own) if own else full)))
    return tuple(found)


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    text = " ".join(text.split())
    if grapheme_count(text) <= limit:
        return text
    clusters = graphemes(text)
    kept = "".join(clusters[: limit - 1])
    space = len(kept) if clusters[limit - 1] == " " else kept.rfind(" ")
    if space > 0 and grapheme_count(kept[:space]) >= SHORTEST_WORD_CUT:
        return kept[:space].rstrip(" ,.;:(-") + ELLIPSIS
    return fit(text, limit)

"""Choosing the chat's language: the menu, a first guess, and language names typed.

The guess comes from the platform (LINE gives the person's language when they add the account)
or else from the script of what they typed; it only puts that language first in the menu:
the trainee always chooses.
"""

import unicodedata

from babel import Locale

from webapp.channels.events import Choice
from webapp.channels.interview_chat import postbacks
from webapp.channels.interview_chat.labels import shorten
from webapp.channels.interview_chat.words import WordIndex
from webapp.i18n.locales import Locales, resolve

# Scripts that name a language on their own (first match wins; Han alone could be either
# Chinese or Japanese, so kana decide for Japanese first).
SCRIPTS = (
    ("MYANMAR", "my"),
    ("KHMER", "km"),
    ("THAI", "th"),
    ("DEVANAGARI", "ne"),
    ("CYRILLIC", "mn"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
)
VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def guess_language(locales: Locales, hint: str | None, text: str | None) -> str | None:
    """A shipped locale to offer first, from the platform's hint or the script typed."""
    if hint:
        found = resolve(hint, locales)
        if found:
            return found
    if not text:
        return None
    lowered = text.lower()
    if VIETNAMESE_LETTERS & set(lowered):
        return resolve("vi", locales)
    for ch in text:
        name = unicodedata.name(ch, "")
        for script, language in SCRIPTS:
            if name.startswith(script):
                return resolve(language, locales)
    return None


def language_choices(locales: Locales, first: str | None) -> tuple[Choice, ...]:
    """Every shipped language by its own name, the guessed or current one first."""
    codes = list(locales)
    if first in codes:
        codes.remove(first)
        codes.insert(0, first)
    return tuple(
        Choice(shorten(locales[code].native_name), postbacks.encode("l", code)) for code in codes
    )


def language_names(locales: Locales) -> WordIndex:
    """Every shipped language's name in its own script and in each shipped language, so a
    typed "日本語", "Japanese" or "tiếng Nhật" chooses Japanese."""
    index = WordIndex()
    for code in locales:
        language = Locale.parse(code)
        names = {locales[code].native_name}
        for other in locales:
            shown_in = Locale.parse(other)
            names.add(language.get_display_name(shown_in) or "")
            names.add(shown_in.languages.get(language.language, ""))
        index.add((n for n in names if n), code)
    return index

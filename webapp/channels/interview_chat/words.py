"""Matching what people type against words and labels, in any script.

"Tokyo", "TOKYO", "ｔｏｋｙｏ", "Tōkyō" and "tokyo." are the same word; so are "Tiếng Việt" and
"tieng viet". A key drops case, width, spaces, punctuation and symbols; a folded key also drops
the accents of Latin letters (people often type without them). Marks of other scripts (Burmese,
Khmer, Thai, Devanagari vowels) are part of their letters and are kept.
"""

import unicodedata
from collections.abc import Iterable


def word_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def folded_key(text: str) -> str:
    out, after_latin = [], False
    for ch in unicodedata.normalize("NFKD", word_key(text)):
        if unicodedata.combining(ch):
            if not after_latin:
                out.append(ch)
            continue
        out.append(ch)
        after_latin = "a" <= ch <= "z"
    return unicodedata.normalize("NFC", "".join(out))


class WordIndex:
    """Typed text -> a value, by exact key first, then by folded key. A word that two values
    claim is dropped (neither wins), so a match is never a guess."""

    def __init__(self):
        self._exact: dict[str, object] = {}
        self._folded: dict[str, object] = {}
        self._clash = object()

    def add(self, words: Iterable[str], value) -> None:
        for word in words:
            for table, key in ((self._exact, word_key(word)), (self._folded, folded_key(word))):
                if not key:
                    continue
                known = table.get(key, value)
                table[key] = value if known == value else self._clash

    def find(self, text: str):
        for table, key in ((self._exact, word_key(text)), (self._folded, folded_key(text))):
            value = table.get(key)
            if value is not None and value is not self._clash:
                return value
        return None

    def __contains__(self, text: str) -> bool:
        return self.find(text) is not None

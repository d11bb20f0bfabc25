"""Counting text the way the chat platforms do, and fitting it into their limits.

What each platform counts (checked against their published documentation):
- LINE counts most text in UTF-16 code units (a text message: 5,000; an emoji such as 🍎 is 2),
  but action labels (quick-reply buttons, template buttons), displayText and template texts in
  grapheme clusters (Unicode UAX #29): "Character counting in a text", LINE Developers.
- Meta documents "20 character limit" for quick-reply and button titles and "2000 characters"
  for message text without naming the unit. Titles that are too long have been both rejected
  ("(#100) Length of param message[quick_replies][1][title] must be less than or equal to 20",
  2016) and, later, cut on screen with an ellipsis. We count titles in grapheme clusters (what a
  trainee sees) and text in UTF-16 code units (never fewer than code points, so never over).

Grapheme clusters here are deliberately conservative: UAX #29 extended clusters, but a cluster is
split again after a virama or coeng that joins two consonants (Unicode 15.1's conjunct rule
GB9c, which newer `regex` releases apply to more scripts than older ones and than LINE's servers
may). So a Khmer or Devanagari label never counts fewer clusters here than on any platform, and
a label that fits here fits there; the count is the same whichever `regex` version is installed.
"""

import unicodedata

import regex

ELLIPSIS = "…"
_CLUSTER = regex.compile(r"\X")
_VIRAMA = 9  # canonical combining class of viramas, Khmer coeng, Myanmar's stacking virama


def graphemes(text: str) -> list[str]:
    """The user-perceived characters of `text` (conservative clusters, see above)."""
    clusters: list[str] = []
    for cluster in _CLUSTER.findall(text):
        start = 0
        for i in range(1, len(cluster)):
            # A conjunct: a virama followed by a letter starts a new cluster (pre-GB9c rules).
            if unicodedata.combining(cluster[i - 1]) == _VIRAMA and unicodedata.category(
                cluster[i]
            ).startswith("L"):
                clusters.append(cluster[start:i])
                start = i
        clusters.append(cluster[start:])
    return clusters


def grapheme_count(text: str) -> int:
    return len(graphemes(text))


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units: what LINE counts for message text and postback data."""
    return len(text.encode("utf-16-le")) // 2


def fits(text: str, limit: int, measure=grapheme_count) -> bool:
    return measure(text) <= limit


def fit(text: str, limit: int, measure=grapheme_count) -> str:
    """`text` cut to at most `limit` (grapheme clusters by default), ending in "…" when cut.

    Cuts only between grapheme clusters, so a Burmese or Khmer syllable never loses its marks.
    """
    if measure(text) <= limit:
        return text
    kept = ""
    for cluster in graphemes(text):
        if measure(kept + cluster + ELLIPSIS) > limit:
            break
        kept += cluster
    return kept.rstrip() + ELLIPSIS


def split_text(text: str, limit: int, measure=utf16_length) -> list[str]:
    """Split `text` into pieces of at most `limit` (by `measure`), preferring to break between
    paragraphs, then lines, then words, and only then between grapheme clusters."""
    if measure(text) <= limit:
        return [text]
    for separator in ("\n\n", "\n", " "):
        parts = text.split(separator)
        if len(parts) > 1:
            return _pack(parts, separator, limit, measure)
    return _pack(graphemes(text), "", limit, measure)


def _pack(parts: list[str], separator: str, limit: int, measure) -> list[str]:
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = part if not current else current + separator + part
        if measure(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if measure(part) <= limit:
            current = part
        else:  # one part alone is too long: split it finer
            *done, current = split_text(part, limit, measure)
            pieces.extend(done)
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or pieces[:1]

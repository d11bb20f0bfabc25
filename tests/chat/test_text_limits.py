"""Grapheme clusters for chat-button limits: Burmese, Khmer, Devanagari, emoji."""

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from webapp.channels.text_limits import (
    fit,
    fits,
    grapheme_count,
    graphemes,
    split_text,
    utf16_length,
)


@pytest.mark.parametrize(
    "text,count",
    [
        ("abc", 3),
        ("日本語", 3),
        ("e\u0301", 1),
        ("👋🏻", 1),
        ("🇯🇵", 1),
        ("👨‍👩‍👧", 1),
        ("မြန်မာ", 4),  # မြ န် မ ာ: marks stay on their consonants
        ("ស្រី", 2),  # ស្ + រី: a coeng conjunct counts as two (conservative)
        ("ខ្មែរ", 3),
        ("क्षि", 2),
        ("Tiếng Việt", 10),
    ],
    ids=[
        "latin",
        "kanji",
        "combining",
        "emoji-skin",
        "flag",
        "zwj-family",
        "burmese",
        "khmer-coeng",
        "khmer-word",
        "devanagari-conjunct",
        "vietnamese",
    ],
)
def test_grapheme_counts(text, count):
    assert grapheme_count(text) == count
    assert "".join(graphemes(text)) == text


def test_never_fewer_clusters_than_regex_itself():
    # Whatever the installed regex version does with conjuncts, we never count fewer.
    for text in ["ខ្មែរ", "ស្រី", "क्षत्रिय", "မြန်မာ", "ক্ষ"]:
        assert grapheme_count(text) >= len(regex.findall(r"\X", text))


def test_utf16_length_counts_emoji_as_two():
    assert utf16_length("🍎") == 2 and utf16_length("あ") == 1 and utf16_length("👋🏻") == 4


@pytest.mark.parametrize(
    "label",
    [
        "ကျွန်ုပ်၏နိုင်ငံကူးလက်မှတ်ကိုကုမ္ပဏီကသိမ်းထားသည်",
        "ក្រុមហ៊ុនរបស់ខ្ញុំកាន់លិខិតឆ្លងដែនរបស់ខ្ញុំ",
        "Công ty hoặc ông chủ của tôi giữ",
        "🇯🇵🇻🇳🇲🇲🇰🇭" * 8,
    ],
)
def test_fit_cuts_between_clusters_with_an_ellipsis(label):
    fitted = fit(label, 20)
    assert grapheme_count(fitted) == 20 and fitted.endswith("…")
    assert label.startswith(fitted[:-1].rstrip())
    assert fits(fitted, 20) and not fits(label, 20)


def test_fit_leaves_short_labels_alone():
    assert fit("မြန်မာ", 20) == "မြန်မာ"


def test_fit_by_another_measure():
    assert utf16_length(fit("🍎" * 300, 400, utf16_length)) <= 400


def test_split_prefers_paragraphs_then_lines_then_words():
    text = "\n\n".join(["a" * 30, "b" * 30, "c" * 30])
    assert split_text(text, 65) == ["a" * 30 + "\n\n" + "b" * 30, "c" * 30]
    pieces = split_text("word " * 20, 24)
    assert pieces == ["word word word word word"] * 4
    assert split_text("line one\nline two", 10) == ["line one", "line two"]


@given(
    st.lists(st.sampled_from(list("ab \n") + ["ស្រី", "🍎", "မြ", "e\u0301"]), max_size=400).map(
        "".join
    ),
    st.integers(min_value=8, max_value=60),
)
def test_split_keeps_every_cluster_within_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert all(utf16_length(piece) <= limit for piece in pieces)
    squashed = "".join(text.split())
    assert "".join("".join(pieces).split()) == squashed  # nothing lost but whitespace

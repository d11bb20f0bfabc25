"""Reading what trainees type and tap in the chat, and fitting buttons (issue 13): prefecture
names in every language, months, labels of at most 20 grapheme clusters, button data."""

import pytest
from flask_babel import force_locale, gettext

from webapp.channels.events import MAX_QUICK_REPLIES
from webapp.channels.interview_chat import postbacks
from webapp.channels.interview_chat.commands import COMMANDS, command_words
from webapp.channels.interview_chat.labels import chat_label, shorten
from webapp.channels.interview_chat.prefectures import REGIONS, regions
from webapp.channels.interview_chat.questions import choices_of
from webapp.channels.interview_chat.typed import TypedAnswers, read_month
from webapp.channels.interview_chat.words import WordIndex, folded_key, word_key
from webapp.channels.text_limits import grapheme_count

from .speech import graphemes


@pytest.fixture
def typed(app, kb, locales):
    with app.app_context():
        yield TypedAnswers(kb, locales)


def test_keys_ignore_case_width_spaces_and_latin_accents():
    assert word_key("ＴＯＫＹＯ ") == word_key("tokyo") == word_key("To-kyo.")
    assert folded_key("Tiếng Việt") == folded_key("tieng viet") != word_key("Tiếng Việt")
    assert word_key("တိုကျို") == "တိုကျို"  # Burmese marks are kept
    index = WordIndex()
    index.add(["Có"], "yes")
    index.add(["Co"], "company")
    assert index.find("có") == "yes" and index.find("CO") == "company"
    index.add(["cơ"], "other")
    assert index.find("cõ") is None  # folds to "co", claimed twice: never a guess


def test_every_prefecture_is_in_exactly_one_region_that_fits_the_buttons(kb):
    question = kb.questions["wages-prefecture"]
    placed = [option.id for group in regions(question) for option in group.options]
    assert sorted(placed) == sorted(kb.wages.prefectures) and len(placed) == 47
    assert [group.id for group in regions(question)] == [r[0] for r in REGIONS]
    # a region's prefectures + "Other regions" + Back + Menu fit in 13 quick replies
    assert max(len(group.options) for group in regions(question)) + 3 <= MAX_QUICK_REPLIES


def test_prefecture_names_typed_in_every_language_are_read(app, kb, locales, typed):
    question = kb.questions["wages-prefecture"]
    with app.app_context():
        for code in locales:
            with force_locale(code):
                for option in question.options:
                    label = gettext(option.label)
                    for variant in (label, label.upper(), label.split("(")[0]):
                        if variant.strip():
                            assert typed.read(question, variant, code).value == option.id, (
                                code,
                                variant,
                            )
        for text, expected in (
            ("東京", "tokyo"),
            ("大阪府", "osaka"),
            ("Ｏｓａｋａ", "osaka"),
            ("aichi-ken", "aichi"),
            ("hokkaido", "hokkaido"),
        ):
            assert typed.read(question, text, "en").value == expected
        assert typed.read(question, "Kanto", "en").region == "kanto"
        assert typed.read(question, "近畿", "vi").region == "kinki"
        assert typed.read(question, "Atlantis", "en") is None


@pytest.mark.parametrize(
    "text, month",
    [
        ("2025-10", "2025-10"),
        ("2025/9", "2025-09"),
        ("２０２５年１０月", "2025-10"),
        ("10/2025", "2025-10"),
        ("၂၀၂၅-၁၀", "2025-10"),
        ("2025 10", "2025-10"),
        ("2025-13", None),
        ("1850-01", None),
        ("October", None),
    ],
)
def test_months_as_trainees_type_them(text, month):
    assert read_month(text) == month


def test_numbers_are_read_in_the_chats_language(app, kb, typed):
    question = kb.questions["wages-hourly-rate"]
    with app.app_context():
        assert typed.read(question, "1.200", "vi").value == 1200.0
        assert typed.read(question, "1.200", "ja").readings == (1.2, 1200.0)
        assert typed.read(question, "１，２００円", "ja").value == 1200.0
        assert typed.read(question, "abc", "en") is None  # words: maybe a command
        assert "between" in typed.read(question, "12abc3", "en").problem


def test_every_chat_label_fits_in_every_language(app, kb, locales):
    with app.app_context():
        for code in locales:
            for question in kb.questions.values():
                for option in choices_of(question):
                    label = chat_label(question, option, code)
                    assert 0 < grapheme_count(label) <= 20, (code, question.id, label)
                    assert graphemes(label) <= 20  # as the platforms' stand-ins count


def test_shortening_cuts_between_words_or_grapheme_clusters():
    assert shorten("Yes, but late or on changing days") == "Yes, but late or on…"
    burmese = "ကျွန်ုပ်မှာ ကိုယ်တိုင် နှစ်ခုလုံး ကိုင်ထားပါတယ်"
    cut = shorten(burmese)
    assert grapheme_count(cut) <= 20 and cut.endswith("…") and burmese.startswith(cut[:-1])
    assert shorten("Short") == "Short"


def test_button_data_is_parsed_strictly():
    assert postbacks.decode("a|g|passport-held-by-other|yes").args == (
        "g",
        "passport-held-by-other",
        "yes",
    )
    assert postbacks.decode("c|change|2").args == ("change", "2")
    for bad in (None, "", "a|g|q", "a||q|v", "x|1", "l", "l|vi|x", "c|a|b|c", "é|1", "a|" * 200):
        assert postbacks.decode(bad) is None, bad
    with pytest.raises(ValueError):
        postbacks.encode("a", "g", "q", "x" * 300)
    guard = postbacks.guard(b"k", "session", "v1", "q")
    assert guard != postbacks.guard(b"k", "session", "v2", "q")
    assert guard != postbacks.guard(b"k", "other", "v1", "q")
    assert postbacks.guard_matches(guard, guard) and not postbacks.guard_matches(guard, "0" * 10)


def test_command_labels_are_understood_in_every_language(app, locales):
    with app.app_context():
        words = command_words(locales)
        for code in locales:
            with force_locale(code):
                for command in COMMANDS.values():
                    assert words.find(gettext(command.label)) == command.id, (code, command.id)
        assert words.find("Start Over") == "restart" and words.find("戻る") == "back"

"""Every shipped locale is complete, checked, consistent with its glossary and up to date."""

import re

import pytest
import yaml
from babel.messages.pofile import read_po

from webapp.config import Settings
from webapp.i18n.catalogues import TEMPLATE, extract, status
from webapp.i18n.locales import read_locales

TRANSLATIONS = Settings().translations_dir
LOCALES = [code for code in read_locales(TRANSLATIONS) if code != "en"]
# Scripts other than Latin: a translated sentence must contain letters of that script.
NON_LATIN = {"ja", "zh_Hans_CN", "my", "km", "th", "ne", "mn"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(code):
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=code)


def test_the_committed_template_matches_a_fresh_extraction(tmp_path):
    fresh = tmp_path / "messages.pot"
    assert extract(fresh).returncode == 0
    with fresh.open("rb") as a, TEMPLATE.open("rb") as b:
        new, old = {m.id for m in read_po(a) if m.id}, {m.id for m in read_po(b) if m.id}
    assert new == old, (
        "translations/messages.pot is stale: run `kenri i18n extract` and "
        f"`kenri i18n update` (added {sorted(new - old)[:5]}, removed "
        f"{sorted(old - new)[:5]})"
    )


def test_all_eleven_languages_ship():
    assert sorted(LOCALES) == sorted(
        ["ja", "vi", "id", "fil", "zh_Hans_CN", "my", "km", "th", "ne", "mn"]
    )


@pytest.mark.parametrize("code", LOCALES)
def test_the_catalogue_is_complete_and_clean(code):
    state = status(TRANSLATIONS, code)
    assert state.problems == ()
    assert (state.translated, state.fuzzy) == (state.total, 0), (
        f"{code}: {state.total - state.translated} untranslated, {state.fuzzy} fuzzy"
    )


@pytest.mark.parametrize("code", LOCALES)
def test_placeholders_survive_translation(code):
    for message in catalog(code):  # fuzzy entries are never compiled, so never shown
        if message.id and message.string and not message.fuzzy:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
                PLACEHOLDER.findall(message.string)
            ), (code, message.id)


@pytest.mark.parametrize("code", sorted(NON_LATIN & set(LOCALES)))
def test_sentences_are_not_left_in_english(code):
    for message in catalog(code):
        if message.id and len(message.id.split()) >= 3 and message.string and not message.fuzzy:
            assert re.search(r"[^\x00-\x7f]", message.string), (code, message.id)


@pytest.mark.parametrize("code", LOCALES)
def test_legal_terms_follow_the_glossary(code):
    path = TRANSLATIONS / "glossary" / f"{code}.yaml"
    glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
    template = yaml.safe_load((TRANSLATIONS / "glossary" / "ja.yaml").read_text("utf-8"))
    assert set(glossary) == set(template), f"{path.name} must define every term of ja.yaml"
    for message in catalog(code):
        if not (message.id and message.string) or message.fuzzy:
            continue
        for term, rendering in glossary.items():
            if term.lower() in message.id.lower():
                assert rendering.lower() in message.string.lower(), (code, term, message.id)


# Wordings a review found misleading (issue 8): they must not come back in new messages.
MISREADINGS = {
    "th": ["ข่มขืน"],  # "coercion" written with the everyday word for rape
    "km": ["មានគ្រោះថ្នាក់"],  # "in danger" that reads as "had an accident"
    "my": ["ကြီးကြပ်ရေးအဖွဲ့"],  # the supervising organisation read as a state inspectorate
    "mn": ["хяналтын байгууллага"],  # the same
}


@pytest.mark.parametrize("code", sorted(MISREADINGS))
def test_wordings_a_reviewer_found_misleading_stay_out(code):
    found = [
        (message.id, word)
        for message in catalog(code)
        if message.id
        for word in MISREADINGS[code]
        for text in ([message.string] if isinstance(message.string, str) else message.string)
        if word in text
    ]
    assert found == []

"""Issue 4: the whole interview in every shipped language, at phone size, without JavaScript."""

import re

import pytest

from testkit.answer_sets import ALL_CLEAR
from webapp.config import Settings
from webapp.i18n.locales import read_locales

from .conftest import SCREENSHOTS
from .steps import path_of, question_id

pytestmark = pytest.mark.browser

LOCALES = read_locales(Settings().translations_dir)
# The all-clear trainee, answered by option value so the walk works in any language.
VALUES = {
    question: f"{value:g}" if isinstance(value, int) else value
    for question, value in ALL_CLEAR.items()
}
ENGLISH_WORDS = ("Continue", "Quick exit", "Check your answers", "See my result")


def submit(page):
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()


def answer_by_value(page, question, value):
    if question == "wages-prefecture":
        page.locator("select[name=answer]").select_option(value)
    elif question == "wages-hourly-rate":
        page.locator("#value").fill(value)
    else:
        page.locator(f"input[name=answer][value='{value}']").check()
    submit(page)


@pytest.mark.parametrize("code", [pytest.param(c, id=c) for c in LOCALES])
def test_the_interview_reads_in_every_language(phone_no_js, live_server, code):
    page, locale = phone_no_js, LOCALES[code]
    # Given a trainee who chose their language on the start page
    page.goto(f"{live_server}/?lang={code}")
    assert page.locator("html").get_attribute("lang") == locale.bcp47
    submit(page)
    # When they answer every question
    shot = False
    while path_of(page).startswith("/q/"):
        question = question_id(page)
        if not shot:
            page.screenshot(path=str(SCREENSHOTS / f"language-{code}-question.png"))
            shot = True
        answer_by_value(page, question, VALUES[question])
    assert path_of(page) == "/check"
    submit(page)
    # Then the result is in their language, with nothing of the interface left in English
    assert path_of(page) == "/result"
    assert page.locator("html").get_attribute("lang") == locale.bcp47
    text = page.locator("body").inner_text()
    if code != "en":
        for word in ENGLISH_WORDS:
            assert word not in text, (code, word)
        assert "This translation has not yet been checked" not in text
        assert page.locator("footer .unreviewed a").count() == 1  # report a bad translation
    page.screenshot(path=str(SCREENSHOTS / f"language-{code}-result.png"), full_page=True)


def test_the_language_picker_works_without_javascript(phone_no_js, live_server):
    page = phone_no_js
    page.goto(f"{live_server}/")
    submit(page)
    assert path_of(page) == "/q/1"
    # When the trainee opens the picker and chooses Tiếng Việt
    with page.expect_navigation():
        page.locator(".bar a.lang").click()
    assert path_of(page) == "/language"
    with page.expect_navigation():
        page.get_by_role("link", name="Tiếng Việt").click()
    # Then the same question is shown in Vietnamese, and later pages stay Vietnamese
    assert path_of(page) == "/q/1"
    assert page.locator("html").get_attribute("lang") == "vi"
    answer_by_value(page, "movement-locked-in", "no")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert re.search(r"\d", page.locator(".progress").inner_text())
    page.screenshot(path=str(SCREENSHOTS / "language-picker-vi.png"))

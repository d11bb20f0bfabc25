"""Issue 10 in a real Chromium at 360×640: danger first, questions that fit a phone, a result
you can act on, numbers as people write them, and a quick exit that stays at hand."""

import re
from urllib.parse import urlsplit

import pytest

from testkit import answer_sets
from testkit.answer_sets import shipped_knowledge

from .steps import axe_violations

pytestmark = pytest.mark.browser
SCREEN = 640


def continue_button(page):
    return page.locator("main form button[type=submit]").last


def fill(page, question_id, value):
    """Give one answer on the current page by option id / value, in any language."""
    kind = shipped_knowledge().questions[question_id].kind
    if isinstance(value, (list, tuple)):
        for item in value:
            page.locator(f"input[name=answer][value='{item}']").check()
    elif kind == "prefecture" and value not in ("not-sure", "rather-not-say"):
        page.locator("select#answer").select_option(value)
    elif isinstance(value, (int, float)) or (kind == "month" and value[:1].isdigit()):
        page.locator("#value").fill(f"{value:g}" if isinstance(value, (int, float)) else value)
    else:
        page.locator(f"input[name=answer][value='{value}']").check()


def walk(page, base, lang, answers, on_question=None):
    """Start in `lang` and answer `answers` to the check page; on_question(page, qid) first."""
    page.goto(f"{base}/?lang={lang}")
    page.locator("main form button[type=submit]").first.click()
    for _ in range(80):
        path = urlsplit(page.url).path
        if path == "/now":
            page.locator("main a.continue").click()  # continue the questions
            continue
        if path == "/check":
            return
        qid = page.locator("input[name=question]").get_attribute("value")
        if on_question:
            on_question(page, qid)
        fill(page, qid, answers[qid])
        with page.expect_navigation():
            continue_button(page).click()
    pytest.fail("the interview did not end")


def test_a_trainee_in_danger_reaches_a_110_button_in_at_most_5_taps(
    phone_no_js, live_server, screenshot
):
    page = phone_no_js
    page.goto(live_server + "/?lang=vi")
    taps = 0
    page.locator("main form button[type=submit]").first.click()  # Start
    taps += 1
    page.locator("input[name=answer][value='yes']").check()  # "Yes, I am locked in"
    taps += 1
    with page.expect_navigation():
        continue_button(page).click()
    taps += 1
    assert urlsplit(page.url).path == "/now"
    call = page.locator("a.call-110")
    assert call.get_attribute("href") == "tel:110" and call.is_visible()
    box = call.bounding_box()
    assert box["y"] + box["height"] <= SCREEN, "the 110 button must be on the first screen"
    taps += 1  # the tap on "Call 110"
    assert taps <= 5
    assert "閉じ込められています。" in page.content()
    screenshot(page)  # axe needs JavaScript: test_accessibility checks this page


@pytest.mark.parametrize("lang", ["vi", "my", "km", "ne"])
def test_continue_is_visible_without_scrolling_on_nine_in_ten_question_pages(
    phone, live_server, lang, screenshot
):
    seen = []

    def measure(page, qid):
        box = continue_button(page).bounding_box()
        seen.append((qid, box["y"] + box["height"] <= SCREEN))
        if not seen[-1][1] and len([s for s in seen if not s[1]]) == 1:
            screenshot(page, f"below-{qid}", full_page=False)

    walk(phone, live_server, lang, answer_sets.PROBLEMS, measure)
    visible = sum(1 for _, ok in seen if ok)
    below = [qid for qid, ok in seen if not ok]
    assert visible / len(seen) >= 0.9, f"{lang}: below the fold on {below}"


def test_the_result_leads_with_the_next_step_and_fits_in_four_screens(
    phone, live_server, screenshot
):
    page = phone
    walk(page, live_server, "vi", answer_sets.PROBLEMS)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()  # see my result
    assert urlsplit(page.url).path == "/result"
    step = page.locator("section.next-step")
    box = step.bounding_box()
    contact = step.locator(".contact").bounding_box()
    assert box["y"] < SCREEN and contact["y"] + contact["height"] <= SCREEN
    screenshot(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 4 * SCREEN, f"the result is {height} px long"
    assert axe_violations(page) == []


def test_the_quick_exit_bar_stays_at_the_top_while_scrolling(phone, live_server):
    page = phone
    walk(page, live_server, "km", answer_sets.PROBLEMS)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    box = page.locator("a.quick-exit").bounding_box()
    assert 0 <= box["y"] <= 10 and box["height"] >= 44


# 1,500 yen an hour: above Tokyo's minimum wage, so the path goes on as for ALL_CLEAR.
@pytest.mark.parametrize(("lang", "typed"), [("vi", "1.500"), ("id", "1.500"), ("ja", "1500円")])
def test_numbers_are_read_as_the_trainee_writes_them(phone_no_js, live_server, lang, typed):
    page = phone_no_js
    page.goto(f"{live_server}/?lang={lang}")
    page.locator("main form button[type=submit]").first.click()
    while "/q/" in page.url:
        qid = page.locator("input[name=question]").get_attribute("value")
        if qid == "wages-hourly-rate":
            page.locator("#value").fill(typed)
        else:
            fill(page, qid, answer_sets.ALL_CLEAR[qid])
        with page.expect_navigation():
            continue_button(page).click()
    assert urlsplit(page.url).path == "/check"
    text = page.locator("main").inner_text()
    assert re.search(r"1[.,]500", text)  # 1,500 yen as this language writes it


def test_an_ambiguous_number_is_asked_back_in_the_browser(phone_no_js, live_server, screenshot):
    page = phone_no_js
    page.goto(f"{live_server}/?lang=vi")
    page.locator("main form button[type=submit]").first.click()
    while True:
        qid = page.locator("input[name=question]").get_attribute("value")
        if qid == "wages-hourly-rate":
            break
        fill(page, qid, answer_sets.ALL_CLEAR[qid])
        with page.expect_navigation():
            continue_button(page).click()
    page.locator("#value").fill("1,200")
    with page.expect_navigation():
        continue_button(page).click()
    assert page.locator("input[name=confirmed]").count() == 2
    screenshot(page)  # axe needs JavaScript: test_accessibility checks this page

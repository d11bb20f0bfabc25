"""axe-core (WCAG 2.0 A/AA and 2.1 AA) finds nothing on the trainee pages at phone size.

axe is the copy shipped in axe_playwright_python, evaluated in the page (TESTING.md §3), so it
runs under the app's strict CSP. Two trainees walk once per session (one all-clear, one with
urgent and serious findings) and each test opens one page in their browser context.
"""

import json

import pytest

from testkit import answer_sets

from .steps import axe_violations, cont, number_of, path_of, question_id, start

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trainees(finished):
    """Browser contexts (JavaScript on: axe needs timers) of an all-clear trainee and of a
    trainee with urgent and serious findings, both at their result."""
    return {"all-clear": finished("all-clear").context, "findings": finished("urgent").context}


def _fresh_start(page, base):
    page.goto(base + "/")


def _first_question_error(page, base):
    start(page, base)
    cont(page)
    assert page.title().startswith("Error:")


def _number_error(page, base):
    page.goto(base + f"/q/{number_of('all-clear', 'wages-hourly-rate')}")
    page.locator("#value").fill("abc")
    cont(page)
    assert page.title().startswith("Error:")


def _checkbox_question(page, base):
    from .test_checkboxes import walk_to_deductions

    walk_to_deductions(page, base)


def _checkbox_error(page, base):
    _checkbox_question(page, base)
    cont(page)
    assert page.title().startswith("Error:")


def _danger_now(page, base):
    start(page, base)
    page.locator("input[name=answer][value='yes']").check()  # locked in
    cont(page)
    assert path_of(page) == "/now"


def _ambiguous_number(page, base):
    start(page, base)
    while question_id(page) != "wages-hourly-rate":
        qid = question_id(page)
        value = answer_sets.ALL_CLEAR[qid]
        if qid == "wages-prefecture":
            page.locator("select#answer").select_option(value)
        else:
            page.locator(f"input[name=answer][value='{value}']").first.check()
        cont(page)
    page.locator("#value").fill("1.200")
    cont(page)
    assert page.locator("input[name=confirmed]").count() == 2


def _result_open(page, base):
    page.goto(base + "/result")
    # open every "The law, and why we think so" so axe checks what is inside too
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


# (id, whose context or None for a fresh phone, what to do)
PAGES = [
    ("start", None, _fresh_start),
    ("choice-question", "all-clear", lambda p, b: p.goto(b + "/q/1")),
    (
        "number-question",
        "all-clear",
        lambda p, b: p.goto(b + f"/q/{number_of('all-clear', 'wages-hourly-rate')}"),
    ),
    (
        "prefecture-question",
        "all-clear",
        lambda p, b: p.goto(b + f"/q/{number_of('all-clear', 'wages-prefecture')}"),
    ),
    ("checkbox-question", None, _checkbox_question),
    ("checkbox-question-with-error", None, _checkbox_error),
    ("question-with-error", None, _first_question_error),
    ("number-question-with-error", "all-clear", _number_error),
    ("check", "all-clear", lambda p, b: p.goto(b + "/check")),
    ("result-with-findings", "findings", _result_open),
    ("result-all-clear", "all-clear", _result_open),
    ("summary", "findings", lambda p, b: p.goto(b + "/summary")),
    ("language-picker", None, lambda p, b: p.goto(b + "/language")),
    ("danger-now", None, _danger_now),
    ("ambiguous-number", None, _ambiguous_number),
    ("safety", None, lambda p, b: p.goto(b + "/safety?lang=km")),
    ("share-organisations", "findings", lambda p, b: p.goto(b + "/share")),
    ("report-translation-burmese", None, lambda p, b: p.goto(b + "/report-translation?lang=my")),
    ("question-in-khmer", "all-clear", lambda p, b: p.goto(b + "/q/1?lang=km")),
    (
        "result-in-japanese",
        "findings",
        lambda p, b: (_result_open(p, b), p.goto(b + "/result?lang=ja")),
    ),
]


@pytest.mark.browser
@pytest.mark.parametrize("whose,open_page", [pytest.param(w, o, id=i) for i, w, o in PAGES])
def test_no_axe_violations(whose, open_page, trainees, browser, phone, live_server, screenshot):
    # Given the page, in the browser of the trainee who would see it
    if whose is None:
        page = phone
    else:
        page = trainees[whose].new_page()
    try:
        open_page(page, live_server)
        if whose is not None and path_of(page).startswith("/q/"):
            assert question_id(page) is not None
        screenshot(page, full_page=False)
        # When axe-core checks it against WCAG 2.0 A/AA and 2.1 AA
        violations = axe_violations(page)
        # Then it finds nothing
        assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    finally:
        if page is not phone:
            # give the shared trainee back their English session for the other tests
            page.goto(live_server + "/language?lang=en")
            page.close()

"""Several deductions at once: tick boxes on a phone, with JavaScript off (issue 8)."""

from urllib.parse import urlsplit

import pytest

from .steps import ALL_CLEAR, answer, cont, question_id, start

pytestmark = pytest.mark.browser

TO_DEDUCTIONS = dict(
    ALL_CLEAR,
    **{
        "wages-pay-ok": "No",
        "wages-paid-in-full": "Yes, all of it, on time",
        "wages-japanese-coworkers": "No, they get the same or less",
        "wages-deductions": "Yes",
    },
)


def walk_to_deductions(page, base):
    """From the start page to the deductions checkboxes."""
    start(page, base)
    while question_id(page) != "wages-deductions-what":
        answer(page, TO_DEDUCTIONS[question_id(page)])
        cont(page)


@pytest.mark.browser
def test_a_trainee_ticks_several_deductions_and_gets_the_follow_ups(
    phone_no_js, live_server, screenshot
):
    page = phone_no_js
    # Given a trainee on the deductions question, with JavaScript off
    walk_to_deductions(page, live_server)
    assert page.locator("input[type=checkbox][name=answer]").count() == 10
    # When they press Continue with nothing ticked, they are told what to do and nothing moves
    deductions_page = urlsplit(page.url).path  # /q/<n>: pages are numbered, never named
    cont(page)
    assert question_id(page) == "wages-deductions-what"
    assert page.locator(".error-summary").is_visible()
    # When they tick rent, the kumiai fee and a loan
    for label in (
        "Rent for my room or dormitory",
        "Fees for the supervising organisation (kumiai)",
        "Paying back money I borrowed",
    ):
        page.get_by_label(label, exact=True).check()
    screenshot(page, "ticked")
    cont(page)
    # Then they are asked who lent the money, then about the rent, then about the agreement
    asked = []
    for label in (
        "The sending organisation or a broker in my home country",
        "Yes, I agreed, and they are about what these really cost",
        "No, there is none",
    ):
        asked.append(question_id(page))
        answer(page, label)
        cont(page)
    assert asked == ["wages-loan-lender", "wages-living-costs-fair", "wages-deductions-agreement"]
    assert question_id(page) == "wages-prefecture"
    # And going back to the deductions shows the three boxes still ticked
    page.goto(live_server + deductions_page)
    ticked = [
        box.get_attribute("value")
        for box in page.locator("input[type=checkbox]").all()
        if box.is_checked()
    ]
    assert ticked == ["housing", "supervision-fee", "loan"]

"""The trainee's phone form in a real Chromium at 360×640, with JavaScript off and on."""

import re
from urllib.parse import urlsplit

import pytest

from .steps import (
    ALL_CLEAR,
    PHONE,
    PROBLEMS,
    answer,
    cont,
    look,
    path_of,
    question_id,
    see_result,
    start,
    walk_to_check,
)

pytestmark = pytest.mark.browser

# Danger first (issue 10): the interview opens with whether the trainee can leave.
FIRST = "movement-locked-in"
FIRST_Q = "Are you locked in, or stopped from leaving where you live or work?"


def finding_titles(page):
    return [t.strip() for t in page.locator("section.finding h3").all_inner_texts()]


def tel_hrefs(page):
    return [a.get_attribute("href") for a in page.locator("a[href^='tel:']").all()]


def walk_until(page, answers, stop):
    """Answer from `answers` until question `stop` shows."""
    while question_id(page) != stop:
        answer(page, answers[question_id(page)])
        cont(page)


def check_rows(page):
    """Check-your-answers as {question: answer}."""
    rows = {}
    for row in page.locator(".answer-row").all():
        rows[row.locator("dt").inner_text()] = row.locator("dd").first.inner_text()
    return rows


# ---- 1. whole interviews -----------------------------------------------------------------


@pytest.mark.browser
def test_all_clear_trainee_reaches_a_clear_result_without_javascript(
    phone_no_js, live_server, screenshot
):
    page = phone_no_js
    # Given a trainee whose phone has JavaScript off, on the start page
    start(page, live_server)
    assert question_id(page) == FIRST
    screenshot(page, "first-question")
    # When they answer every question with its "no problem" answer
    asked = walk_to_check(page, ALL_CLEAR)
    # Then check-your-answers lists every question they were asked
    assert page.locator("h1").inner_text() == "Check your answers"
    assert page.locator(".answer-row").count() == len(asked)
    screenshot(page, "check")
    # And the result says nothing was found and still offers free advice by phone
    see_result(page)
    clear = page.get_by_role("heading", name="We did not find a problem in your answers")
    assert clear.is_visible()
    assert page.locator("section.finding").count() == 0
    assert page.get_by_role("link", name="Call 110").count() == 0
    assert tel_hrefs(page), "the all-clear result offers no phone number"
    screenshot(page)


@pytest.fixture
def problem_result(finished, live_server):
    """The result page of a trainee (JavaScript off) whose passport is kept and refused, paid
    ¥1,000/hour in Tokyo, with overtime paid at the normal rate; walked once per session."""
    walk = finished("problems", js=False)
    page = walk.context.new_page()
    try:
        page.goto(live_server + "/result")
        yield page, walk.asked
    finally:
        page.close()


@pytest.mark.browser
def test_trainee_with_problems_reaches_serious_findings_without_javascript(
    problem_result, screenshot
):
    # Given a trainee (JavaScript off) whose passport is kept and refused, paid ¥1,000/hour in
    # Tokyo, with overtime paid at the normal rate
    # When they answer the interview
    page, asked = problem_result
    # Then the follow-up questions were asked: which month the low pay is for, overtime hours
    assert {
        "passport-which",
        "passport-asked-back",
        "wages-work-month",
        "wages-overtime-hours",
    } <= set(asked)
    # And the result shows one next step, then the findings, each tagged by its severity
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["Your next step", "What we found"]
    tags = page.locator("section.finding p.tag").all_text_contents()
    assert tags and all("Serious" in t for t in tags), tags
    titles = finding_titles(page)
    assert "Your pay is below the minimum wage" in titles
    assert any("passport" in t for t in titles), titles
    assert any("overtime" in t.lower() for t in titles), titles
    # And there is no emergency box, because nothing is urgent
    assert page.locator("main .emergency").count() == 0
    assert page.get_by_role("link", name="Call 110").count() == 0
    # And the referrals have phone links
    assert tel_hrefs(page)
    # And "why" shows the answers that led to the minimum-wage finding (opened without JS)
    wage = page.locator("section.finding", has_text="Your pay is below the minimum wage")
    wage.locator("summary").first.click()
    why = wage.locator("details").inner_text()
    assert "Your answers that led to this:" in why
    assert "1,000 yen" in why
    assert "Tokyo" in why
    screenshot(page)
    screenshot(wage, "minimum-wage-finding")


# Regression: the police consultation line is written `tel:#9110`. In a URL "#" starts the
# fragment, so the link dials nothing; it must be `tel:%239110` (RFC 3966).
@pytest.mark.browser
def test_every_phone_link_on_the_result_dials_a_number(problem_result):
    # Given a trainee with a kept passport and low pay on the result page
    page, _ = problem_result
    # When we read every tel: link
    hrefs = tel_hrefs(page)
    # Then each has a number in its path and nothing in a fragment
    broken = [h for h in hrefs if not urlsplit(h).path or urlsplit(h).fragment]
    assert broken == [], f"tel: links that dial nothing: {broken}"


@pytest.mark.browser
def test_urgent_case_with_javascript_shows_call_110(finished, live_server, screenshot):
    # Given a trainee with JavaScript on who was hit and injured by someone from their company
    # and is paid ¥1,000 an hour in Tokyo (the walk passed the "danger now" page on the way)
    # When they answer the interview and ask for the result (walked once per session)
    walk = finished("urgent")
    assert {"violence-hit", "violence-injured", "wages-work-month"} <= set(walk.asked)
    assert walk.asked[:2] == ["movement-locked-in", "violence-hit"]
    page = walk.context.new_page()
    try:
        page.goto(live_server + "/result")
        # Then the emergency call comes first, then the next step, then the findings, the
        # urgent ones before the serious ones
        call = page.get_by_role("note").get_by_role("link", name="Call 110")
        assert call.get_attribute("href") == "tel:110"
        assert call.is_visible()
        order = page.locator("main .emergency, main section.next-step").evaluate_all(
            "nodes => nodes.map(n => n.className)"
        )
        assert order == ["emergency", "next-step"]
        headings = page.locator("main h2").all_inner_texts()
        assert headings[:2] == ["Your next step", "What we found"]
        severities = [
            c.split("finding-")[1]
            for c in page.locator("section.finding").evaluate_all("s => s.map(e => e.className)")
        ]
        assert severities[0] == "urgent" and "serious" in severities
        assert severities == sorted(severities, key=["urgent", "serious", "concern"].index)
        urgent = page.locator("section.finding-urgent h3").all_inner_texts()
        assert "You were hurt" in urgent
        assert "Your pay is below the minimum wage" in finding_titles(page)
        assert "tel:110" in tel_hrefs(page)
        screenshot(page, full_page=False)
        screenshot(page, "full")
    finally:
        page.close()


# ---- 2. back and change ------------------------------------------------------------------


@pytest.mark.browser
def test_back_link_shows_the_previous_answer_selected(phone_no_js, live_server, screenshot):
    page = phone_no_js
    # Given a trainee who answered the danger questions and the passport question
    start(page, live_server)
    assert page.locator(".progress").inner_text().startswith("Part 1 of ")
    walk_until(page, ALL_CLEAR, "passport-held-by-other")
    answer(page, "No, I keep both myself")
    cont(page)
    assert question_id(page) == "wages-pay-ok"
    # When they follow the Back link
    page.get_by_role("link", name="Back", exact=True).click()
    # Then the passport question shows with their answer chosen
    assert question_id(page) == "passport-held-by-other"
    assert page.get_by_label("No, I keep both myself", exact=True).is_checked()
    assert not page.locator(".progress").inner_text().startswith("Part 1 of ")
    # And a typed number comes back too
    cont(page)
    walk_until(page, ALL_CLEAR, "wages-overtime")
    page.get_by_role("link", name="Back", exact=True).click()
    assert question_id(page) == "wages-hourly-rate"
    # (written back as this language writes numbers; it reads the same when sent again)
    assert page.get_by_label("Amount in yen").input_value() == "1,300"
    screenshot(page)


@pytest.mark.browser
def test_changing_an_answer_from_check_inserts_the_follow_up(phone_no_js, live_server, screenshot):
    page = phone_no_js
    # Given an all-clear trainee on check-your-answers
    start(page, live_server)
    walk_to_check(page, ALL_CLEAR)
    before = check_rows(page)
    overtime_q = next(q for q in before if q.startswith("Do you work overtime"))
    assert before[overtime_q] == "No"
    # When they change the overtime answer to "paid at a higher rate"
    page.get_by_role("link", name=re.compile("^Change – Do you work overtime")).click()
    assert question_id(page) == "wages-overtime"
    assert page.get_by_label("No", exact=True).is_checked()
    assert (
        urlsplit(page.get_by_role("link", name="Back", exact=True).get_attribute("href")).path
        == "/check"
    )
    answer(page, "Yes, paid at a higher rate")
    cont(page)
    # Then the follow-up about overtime hours is asked next
    assert question_id(page) == "wages-overtime-hours"
    page.get_by_label("Number of hours").fill("20")
    cont(page)
    # And they are back on check-your-answers with the new answers and all others kept
    assert path_of(page) == "/check"
    after = check_rows(page)
    assert after[overtime_q] == "Yes, paid at a higher rate"
    hours_q = next(q for q in after if q.startswith("About how many hours of overtime"))
    assert after[hours_q] == "20 hours"
    assert {q: a for q, a in after.items() if q not in (overtime_q, hours_q)} == {
        q: a for q, a in before.items() if q != overtime_q
    }
    screenshot(page)


# ---- 3. errors ---------------------------------------------------------------------------


@pytest.mark.browser
def test_continue_without_an_answer_shows_an_error_summary(phone, live_server, screenshot):
    page = phone
    # Given the first question with nothing chosen
    start(page, live_server)
    # When the trainee presses Continue
    cont(page)
    # Then the same question shows with an error summary and an "Error:" title
    assert question_id(page) == FIRST
    assert page.title().startswith("Error:")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    link = summary.get_by_role("link", name="Choose one answer.")
    # And its link points to the first option of the question
    assert link.get_attribute("href") == "#option-no"
    screenshot(page)
    link.click()
    assert page.evaluate("document.activeElement.id") == "option-no"
    # And choosing an answer now moves on
    answer(page, "No")
    cont(page)
    assert question_id(page) == "violence-hit"


@pytest.mark.browser
def test_an_invalid_number_keeps_what_was_typed(phone_no_js, live_server, screenshot):
    page = phone_no_js
    # Given an all-clear trainee at the hourly pay question
    start(page, live_server)
    walk_until(page, ALL_CLEAR, "wages-hourly-rate")
    field = page.get_by_label("Amount in yen")
    # When they type letters and press Continue
    field.fill("abc")
    cont(page)
    # Then the question shows again with an error pointing at the field, which keeps "abc"
    assert question_id(page) == "wages-hourly-rate"
    assert page.title().startswith("Error:")
    assert page.locator(".error-summary a").get_attribute("href") == "#value"
    assert page.locator(".error-summary").inner_text().count("Enter a number between 1 and") == 1
    assert field.input_value() == "abc"
    assert field.get_attribute("aria-invalid") == "true"
    screenshot(page)
    # And the earlier answers are kept: Back shows the prefecture still chosen
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("Prefecture").input_value() == "tokyo"


@pytest.mark.browser
def test_no_prefecture_chosen_points_to_the_select(phone_no_js, live_server):
    page = phone_no_js
    # Given the prefecture question
    start(page, live_server)
    walk_until(page, ALL_CLEAR, "wages-prefecture")
    # When Continue is pressed with no prefecture chosen
    cont(page)
    # Then the error link points at the select labelled "Prefecture"
    assert page.title().startswith("Error:")
    link = page.locator(".error-summary a")
    assert link.inner_text() == "Choose a prefecture, or one of the other answers."
    assert link.get_attribute("href") == "#answer"
    assert page.locator("select#answer").count() == 1


# Regression: on a choice or prefecture question the error message (#error-message) is tied to
# nothing, so a screen reader moving into the options never hears it. The number input has
# aria-describedby="error-message" aria-invalid="true"; the radio group's fieldset and the
# prefecture select need the same.
@pytest.mark.browser
@pytest.mark.parametrize(
    "stop,field",
    [
        pytest.param(FIRST, "fieldset", id="choice"),
        pytest.param("wages-prefecture", "select#answer", id="prefecture"),
    ],
)
def test_the_error_message_is_part_of_the_field_description(phone_no_js, live_server, stop, field):
    page = phone_no_js
    # Given a question with nothing chosen
    start(page, live_server)
    walk_until(page, ALL_CLEAR, stop)
    # When Continue is pressed
    cont(page)
    assert page.locator("#error-message").count() == 1
    # Then the field (or the group of options) is described by the error message
    described = (page.locator(field).get_attribute("aria-describedby") or "").split()
    assert "error-message" in described, f"{field} aria-describedby={described}"


# ---- 4. quick exit -----------------------------------------------------------------------


@pytest.mark.browser
def test_quick_exit_is_the_first_tab_stop(phone, live_server):
    page = phone
    # Given a question page
    start(page, live_server)
    # When the trainee presses Tab once from the top of the page
    page.keyboard.press("Tab")
    # Then the focus is on "Quick exit"
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.textContent]")
    assert focused == ["A", "Quick exit"]


@pytest.mark.browser
def test_quick_exit_leaves_nothing_behind_for_back(phone, live_server, screenshot):
    page = phone
    # Given a trainee who told us their passport is kept
    start(page, live_server)
    walk_until(page, PROBLEMS, "passport-held-by-other")
    answer(page, PROBLEMS["passport-held-by-other"])
    cont(page)
    assert question_id(page) == "passport-which"
    # When they press Quick exit
    page.get_by_role("link", name="Quick exit").click()
    # Then they land on the neutral exit page and the session cookie is gone
    page.wait_for_url(live_server + "/healthz")
    assert not [c for c in page.context.cookies() if c["name"] == "kenri"]
    # And Back shows no question and no answer: the start page, because the session is gone
    page.go_back()
    page.wait_for_load_state()
    screenshot(page)
    assert path_of(page) == "/", page.url
    assert page.locator("input[type=radio]").count() == 0
    assert "Does anyone else keep your passport" not in page.content()
    # And Back again does not show the first question with its answer either
    if page.go_back() is not None:
        assert page.locator("input[type=radio]:checked").count() == 0


# ---- 5. deleting answers -----------------------------------------------------------------


@pytest.mark.browser
def test_delete_my_answers_now(phone_no_js, live_server, screenshot):
    page = phone_no_js
    # Given a trainee on the result page
    start(page, live_server)
    walk_to_check(page, ALL_CLEAR)
    see_result(page)
    # When they press "Delete my answers now"
    with page.expect_navigation():
        page.get_by_role("button", name="Delete my answers now").click()
    # Then a confirmation says the answers are deleted
    assert page.get_by_role("heading", name="Your answers are deleted").is_visible()
    screenshot(page)
    # And check-your-answers now sends them to the start page
    page.goto(live_server + "/check")
    assert path_of(page) == "/"
    assert page.get_by_role("button", name="Start").is_visible()


# ---- 8, 9. language, viewport, no third parties, few requests ---------------------------


@pytest.mark.browser
def test_every_page_is_english_mobile_and_local(finished, browser, live_server):
    # Given a trainee (JavaScript on) who walked from the start page to the result, with every
    # request and every page recorded (walked once per session)
    walk = finished("urgent")
    requests, pages = list(walk.requests), list(walk.pages)
    # And who then opens the printable summary from the result
    page = walk.context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(live_server + "/result")
        page.get_by_role("link", name="Printable summary to show an office").click()
        page.wait_for_url(re.compile("/summary$"))
        pages.append(look(page))
    finally:
        page.close()
    # And a second trainee who starts and presses Quick exit
    ctx = browser.new_context(**PHONE)
    try:
        page = ctx.new_page()
        page.on("request", lambda r: requests.append(r.url))
        start(page, live_server)
        pages.append(look(page))
        page.get_by_role("link", name="Quick exit").click()
        page.wait_for_url(live_server + "/healthz")
    finally:
        ctx.close()
    # Then every page had lang="en" and a phone viewport
    assert {path for path, _, _ in pages} >= {"/", "/q/1", "/check", "/result", "/summary"}
    wrong = [
        (path, lang, viewport)
        for path, lang, viewport in pages
        if lang != "en" or "width=device-width" not in (viewport or "")
    ]
    assert wrong == []
    # And no request left 127.0.0.1 (quick exit's neutral page is the app's own /healthz here)
    assert len(requests) > 2 * len(walk.asked)
    outside = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert outside == []


@pytest.mark.browser
def test_first_question_loads_with_html_css_and_one_small_script(browser, live_server):
    # Given a fresh phone (empty cache) with a session started
    ctx = browser.new_context(**PHONE)
    try:
        ctx.request.post(live_server + "/start", max_redirects=0)
        page = ctx.new_page()
        requests = []
        page.on("request", lambda r: requests.append((r.resource_type, r.url)))
        # When the first question page loads
        page.goto(f"{live_server}/q/1")
        page.wait_for_load_state("networkidle")
        assert page.locator("legend h1").inner_text().startswith(FIRST_Q)
        # Then it made at most 3 requests: the HTML, the stylesheet and the optional script
        # (quick exit out of the history, read-aloud; issue 12), all from Kenri itself
        assert len(requests) <= 3, requests
        assert sorted(t for t, _ in requests) == ["document", "script", "stylesheet"], requests
        assert all(url.startswith(live_server + "/") for _, url in requests), requests
        assert page.locator("script[src][defer]").count() == 1
    finally:
        ctx.close()

"""Steps shared by the browser tests: walking the interview, axe, the trainee answer sets."""

import importlib.resources
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

AXE_JS = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text()

PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

# A trainee with nothing wrong: every question answered with its "no problem" option.
ALL_CLEAR = {
    "status-residence": "Technical Intern Training (技能実習)",
    "passport-held-by-other": "No, I keep both myself",
    "wages-pay-ok": "Yes",
    "wages-prefecture": ("select", "tokyo"),
    "wages-hourly-rate": ("number", "1300"),
    "wages-overtime": "No",
    "money-taken": "No",
    "movement-restricted": "No",
    "violence-harm": "No",
    "union-problem": "No",
    "reporting-reported": "No",
    "recruitment-fees": "No",
}

# A trainee with problems: passport kept and refused, pay below Tokyo's minimum wage,
# overtime paid at the normal rate.
PROBLEMS = dict(ALL_CLEAR, **{
    "passport-held-by-other": "Yes, someone else keeps one or both",
    "passport-which": "My passport",
    "passport-who": "My company, or someone working for it (a boss, a dormitory manager)",
    "passport-since": ("number", "2025-04"),
    "passport-asked-back": "Yes, and they refused or made excuses",
    "passport-consent": "No, I had to give it, or they just took it",
    "passport-threat": "No",
    "wages-hourly-rate": ("number", "1000"),
    "wages-work-month": "It is my pay now",
    "wages-overtime": "Yes, but it is paid at the normal rate",
    "wages-overtime-hours": ("number", "30"),
    "wages-sector": "Other work (factory, building, care, food and others)",
    "needs-now": "Yes, I have both",
})

# Hit by someone from the company (physical violence is urgent on its own), and paid ¥1,000 an
# hour in Tokyo (below the minimum wage: serious).
URGENT = dict(ALL_CLEAR, **{
    "wages-hourly-rate": ("number", "1000"),
    "wages-work-month": "It is my pay now",
    "violence-harm": "Yes",
    "violence-hit": "Yes",
    "violence-injured": "Yes, I was injured",
    "violence-threatened": "No",
    "violence-forced-work": "No",
    "violence-who": "My company, or someone working for it",
    "needs-now": "Yes, I have both",
})

ANSWER_SETS = {"all-clear": ALL_CLEAR, "problems": PROBLEMS, "urgent": URGENT}


def question_id(page) -> str | None:
    path = urlsplit(page.url).path
    return path[len("/q/"):] if path.startswith("/q/") else None


@dataclass
class Walk:
    """A finished trainee: their browser context, the questions asked, and what the walk saw."""
    context: object
    asked: list
    pages: list = field(default_factory=list)       # (path, html lang, viewport meta content)
    requests: list = field(default_factory=list)    # every request URL, in order


def look(page) -> tuple:
    """(path, html lang, viewport content) of the page now shown."""
    viewport = page.locator("meta[name=viewport]")
    return (path_of(page), page.locator("html").get_attribute("lang"),
            viewport.first.get_attribute("content") if viewport.count() == 1 else None)


def path_of(page) -> str:
    return urlsplit(page.url).path


def start(page, base):
    """Given the start page, when Start is pressed, then the first question shows."""
    page.goto(base + "/")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/q/"))


def answer(page, spec):
    """Fill in the current question page from one spec (label, ("select", v) or ("number", v))."""
    if isinstance(spec, tuple) and spec[0] == "select":
        page.get_by_label("Prefecture").select_option(spec[1])
    elif isinstance(spec, tuple) and spec[0] == "number":
        page.locator("#value").fill(spec[1])
    else:
        page.get_by_label(spec, exact=True).check()


def cont(page):
    """Press Continue and wait for the next page to load."""
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def walk_to_check(page, answers: dict, limit=60, on_page=None) -> list[str]:
    """Answer question after question from `answers` until check-your-answers; return ids asked.

    on_page(page), if given, is called on every question page before it is answered."""
    asked = []
    while path_of(page) != "/check":
        if on_page:
            on_page(page)
        qid = question_id(page)
        assert qid is not None, f"unexpected page {page.url}"
        assert qid in answers, f"the walk has no answer for question {qid}"
        assert len(asked) < limit, f"the interview did not end: {asked}"
        asked.append(qid)
        answer(page, answers[qid])
        cont(page)
    return asked


def see_result(page):
    with page.expect_navigation():
        page.get_by_role("button", name="See my result").click()
    assert path_of(page) == "/result"


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21aa")):
    """axe-core's violations on the page (TESTING.md §3), with the HTML of each node."""
    page.evaluate(AXE_JS)
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, html: n.html,"
        " summary: n.failureSummary}))}))",
        list(tags))

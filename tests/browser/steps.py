"""Steps shared by the browser tests: walking the interview, axe, the trainee answer sets."""

import importlib.resources
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from testkit import answer_sets
from testkit.answer_sets import shipped_knowledge

AXE_JS = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text()

PHONE = {
    "viewport": {"width": 360, "height": 640},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

STANDARD_LABELS = {"not-sure": "I'm not sure", "rather-not-say": "I'd rather not say"}


def spec_for(question_id: str, value) -> object:
    """How a person gives this answer on the page: the option's English label to check,
    ("select", prefecture) or ("number", typed text)."""
    question = shipped_knowledge().questions[question_id]
    if question.kind == "prefecture" and value not in STANDARD_LABELS:
        return ("select", value)
    if isinstance(value, (int, float)):
        return ("number", f"{value:g}")
    labels = {o.id: o.label for o in question.options} | STANDARD_LABELS
    if question.kind == "multi" and isinstance(value, (list, tuple)):
        return ("multi", tuple(labels[item] for item in value))
    if question.kind == "month" and value[:1].isdigit():
        return ("number", value)
    labels = {o.id: o.label for o in question.options} | STANDARD_LABELS
    return labels[value]


def as_specs(values: dict) -> dict:
    return {question: spec_for(question, value) for question, value in values.items()}


# The shared answer sets (testkit.answer_sets), as a person answers them on the page.
ALL_CLEAR = as_specs(answer_sets.ALL_CLEAR)
PROBLEMS = as_specs(answer_sets.PROBLEMS)
URGENT = as_specs(answer_sets.URGENT)
ANSWER_SETS = {"all-clear": ALL_CLEAR, "problems": PROBLEMS, "urgent": URGENT}


def number_of(answer_set: str, question: str) -> int:
    """The page number of `question` for a trainee who answered `answer_set` (today)."""
    asked = [q for q, _ in answer_sets.asked_in_order(answer_sets.ANSWER_SETS[answer_set])]
    return asked.index(question) + 1


def question_id(page) -> str | None:
    """The id of the question on the page (it travels in the form, never in the URL)."""
    if not urlsplit(page.url).path.startswith("/q/"):
        return None
    return page.locator("input[name=question]").get_attribute("value")


@dataclass
class Walk:
    """A finished trainee: their browser context, the questions asked, and what the walk saw."""

    context: object
    asked: list
    pages: list = field(default_factory=list)  # (path, html lang, viewport meta content)
    requests: list = field(default_factory=list)  # every request URL, in order


def look(page) -> tuple:
    """(path, html lang, viewport content) of the page now shown."""
    viewport = page.locator("meta[name=viewport]")
    return (
        path_of(page),
        page.locator("html").get_attribute("lang"),
        viewport.first.get_attribute("content") if viewport.count() == 1 else None,
    )


def path_of(page) -> str:
    return urlsplit(page.url).path


def start(page, base):
    """Given the start page, when Start is pressed, then the first question shows."""
    page.goto(base + "/")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/q/"))


def answer(page, spec):
    """Fill in the current question page from one spec (label, ("select", v) or ("number", v))."""
    if isinstance(spec, tuple) and spec[0] == "multi":
        for label in spec[1]:
            page.get_by_label(label, exact=True).check()
    elif isinstance(spec, tuple) and spec[0] == "select":
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
        if path_of(page).endswith("/now"):  # danger now: 110 first, then the questions go on
            with page.expect_navigation():
                page.locator("main a.continue").click()
            continue
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
        list(tags),
    )

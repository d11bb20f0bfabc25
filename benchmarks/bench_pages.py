"""Page-weight budgets for trainees on prepaid data (issue 3), measured in real Chromium.

Bytes are what crossed the wire (headers + encoded body, gzip), from Chromium's own counts.
Run: `.venv/bin/python benchmarks/bench_pages.py` (needs /usr/bin/chromium). Exits 1 over budget.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit import answer_sets  # noqa: E402
from testkit.form_posts import form_steps  # noqa: E402
from testkit.live_server import kenri_serve  # noqa: E402
from testkit.page_answers import give_answer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BUDGETS = {
    "cold first question page": 20_000,
    "later question page (POST + redirect + GET)": 6_000,
    "whole interview, all clear": 60_000,
    "whole interview, with problems": 60_000,
}
ALL_CLEAR = form_steps(answer_sets.ALL_CLEAR)
PROBLEMS = form_steps(answer_sets.LONG_WALK)


class Meter:
    """Counts requests and bytes on the wire for one page (context)."""

    sent_total = 0  # bytes the browser itself sent (request headers and form bodies)
    received_total = 0

    def __init__(self, page):
        self.requests, self.bytes = [], 0
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        sizes = request.sizes()
        self.requests.append(request.url)
        received = max(0, sizes["responseHeadersSize"] + sizes["responseBodySize"])
        sent = sizes["requestHeadersSize"] + sizes["requestBodySize"]
        Meter.sent_total += sent
        Meter.received_total += received
        self.bytes += sent + received

    def take(self, page=None):
        if page is not None:
            page.wait_for_timeout(150)  # let the last requestfinished events arrive
        taken = (len(self.requests), self.bytes)
        self.requests, self.bytes = [], 0
        return taken


def answer(page, fields):
    give_answer(page, fields)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def walk(browser, base, steps):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    meter = Meter(page)
    page.goto(base + "/")
    start = meter.take(page)
    page.get_by_role("button", name="Start").click()
    page.wait_for_load_state()
    first = meter.take(page)
    later = []
    for number, question, fields in steps:
        assert page.url.endswith(f"/q/{number}"), (question, page.url)
        assert page.locator("input[name=question]").get_attribute("value") == question
        answer(page, fields)
        later.append(meter.take(page))
    page.get_by_role("button", name="See my result").click()
    page.wait_for_load_state()
    result = meter.take(page)
    context.close()
    return start, first, later, result


def cold_first_question(browser, base):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    context.request.post(base + "/start", max_redirects=0)
    page = context.new_page()
    meter = Meter(page)
    page.goto(base + "/q/1")
    taken = meter.take(page)
    context.close()
    return taken


def main() -> int:
    from playwright.sync_api import sync_playwright

    with kenri_serve() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        cold = cold_first_question(browser, base)
        start, first, later, result = walk(browser, base, ALL_CLEAR)
        problem_walk = walk(browser, base, PROBLEMS)
        browser.close()
    whole = start[1] + first[1] + sum(b for _, b in later) + result[1]
    whole_problems = (
        problem_walk[0][1]
        + problem_walk[1][1]
        + sum(b for _, b in problem_walk[2])
        + problem_walk[3][1]
    )
    heaviest_later = max(b for _, b in later[:-1] + problem_walk[2][:-1])
    rows = [
        ("start page, cold", start, None),
        ("cold first question page", cold, BUDGETS["cold first question page"]),
        (
            "later question page (POST + redirect + GET)",
            (2, heaviest_later),
            BUDGETS["later question page (POST + redirect + GET)"],
        ),
        ("result page, all clear", result, None),
        ("result page, with problems", problem_walk[3], None),
        ("whole interview, all clear", (None, whole), BUDGETS["whole interview, all clear"]),
        (
            "whole interview, with problems",
            (None, whole_problems),
            BUDGETS["whole interview, with problems"],
        ),
    ]
    ok = cold[0] <= 3
    print("Kenri page weight in Chromium (360x640, no JavaScript, gzip; bytes on the wire)")
    print(
        f"  {'cold first question page requests':<46} {cold[0]:>8}  budget <= 3    "
        f"{'ok' if cold[0] <= 3 else 'OVER BUDGET'}"
    )
    for name, (_count, size), budget in rows:
        verdict = "" if budget is None else ("ok" if size <= budget else "OVER BUDGET")
        ok = ok and (budget is None or size <= budget)
        print(
            f"  {name:<46} {size / 1000:>7.1f} KB  "
            f"{f'budget <= {budget // 1000} KB' if budget else '':<14} {verdict}"
        )
    share = Meter.sent_total / (Meter.sent_total + Meter.received_total)
    print(
        f"  of all bytes measured, {share:.0%} were the browser's own request headers and "
        "form posts"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

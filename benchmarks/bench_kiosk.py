"""Kiosk page weights (issue 12), measured in real Chromium: within the phone budgets.

Bytes are what crossed the wire (headers + encoded body, gzip), from Chromium's own counts, as
in bench_pages.py. The kiosk is served in-process (werkzeug; the same app and compression as
`kenri serve --kiosk`), so that its take-home address can name the port. Request counts include
the stylesheets and script served from the browser's cache (about 55 bytes each, counted).
Run: `.venv/bin/python benchmarks/bench_kiosk.py` (needs /usr/bin/chromium). Exits 1 over budget.
"""

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_pages import ARGS, CHROMIUM, Meter
from testkit import answer_sets
from testkit.form_posts import form_steps
from testkit.live_server import serving
from testkit.page_answers import give_answer
from webapp import create_app
from webapp.assets import STATIC
from webapp.config import Settings
from webapp.kiosk_config import KioskConfig

BUDGETS = {
    "kiosk first page, cold (grid, stylesheets, script)": 20_000,
    "kiosk later question page (POST + redirect + GET)": 6_000,
    "kiosk QR page (take it home)": 10_000,
    "read-aloud script, gzip": 5_000,
    "phone page the QR opens, cold": 20_000,
}


def answer(page, fields):
    give_answer(page, fields)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def kiosk_walk(browser, base, lang, answers):
    context = browser.new_context(viewport={"width": 800, "height": 1280}, has_touch=True)
    page = context.new_page()
    meter = Meter(page)
    page.goto(base + "/kiosk/")
    first = meter.take(page)
    page.locator(f"button[name=lang][value={lang}]").click()
    page.wait_for_load_state()
    page.locator("main a.button").click()
    page.wait_for_load_state()
    meter.take(page)
    later = []
    for _number, _question, fields in form_steps(answers):
        answer(page, fields)
        later.append(meter.take(page))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    result = meter.take(page)
    page.goto(base + "/kiosk/take-home")
    qr_page = meter.take(page)
    shot = Path(tempfile.mkdtemp()) / "qr.png"
    page.locator("figure.qr svg").screenshot(path=str(shot))
    link = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(shot)], capture_output=True, text=True, check=True
    ).stdout.strip()
    context.close()
    return first, later, result, qr_page, link


def phone_page(browser, link):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    page = context.new_page()
    meter = Meter(page)
    page.goto(link)
    taken = meter.take(page)
    context.close()
    return taken


def main() -> int:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())

    def make(base):
        kiosk = KioskConfig(take_home_url=base + "/")
        settings = Settings(database=folder / "kenri.db", kiosk=True, kiosk_config=kiosk)
        return create_app(settings)

    script = (STATIC / "kenri.js").read_bytes()
    script_gzip = len(gzip.compress(script, 9, mtime=0))
    rows = []
    with serving(make) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for lang, answers in (("my", answer_sets.LONG_WALK), ("en", answer_sets.ALL_CLEAR)):
            first, later, result, qr_page, link = kiosk_walk(browser, base, lang, answers)
            assert re.match(re.escape(base) + r"/t/[\w-]+$", link), link
            phone = phone_page(browser, link)
            heaviest = max(b for _, b in later[:-1])
            rows += [
                (f"kiosk first page, cold (grid, stylesheets, script) [{lang}]", first),
                (f"kiosk later question page (POST + redirect + GET) [{lang}]", (2, heaviest)),
                (f"kiosk result page [{lang}]", result),
                (f"kiosk QR page (take it home) [{lang}]", qr_page),
                (f"phone page the QR opens, cold [{lang}]", phone),
            ]
        browser.close()
    rows.append(("read-aloud script, gzip", (None, script_gzip)))
    print("Kenri kiosk page weight in Chromium (800x1280 kiosk, 360x640 phone; bytes on the wire)")
    ok = True
    for name, (count, size) in rows:
        budget = BUDGETS.get(name.split(" [")[0])
        verdict = "" if budget is None else ("ok" if size <= budget else "OVER BUDGET")
        ok = ok and (budget is None or size <= budget)
        requests = f"{count} req" if count is not None else ""
        print(
            f"  {name:<62} {size / 1000:>6.1f} KB {requests:>7}  "
            f"{f'budget <= {budget // 1000} KB' if budget else '':<15} {verdict}"
        )
    print(f"  read-aloud script: {len(script)} bytes, {script_gzip} gzip (shared by every page)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Lighthouse 12, mobile: performance, accessibility and best practices must each score 100 on
the start page, a question page, the result and the summary (issue 3).

Run: `.venv/bin/python benchmarks/bench_lighthouse.py`. Installs lighthouse@12 with npm into
benchmarks/.lighthouse/ on first use; drives Debian's /usr/bin/chromium.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from testkit.answer_sets import PROBLEMS  # noqa: E402
from testkit.form_posts import form_steps  # noqa: E402
from testkit.live_server import kenri_serve  # noqa: E402

HERE = Path(__file__).resolve().parent
TOOL = HERE / ".lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
ANSWERS = form_steps(PROBLEMS)
PREFECTURE_PAGE = next(n for n, q, _ in ANSWERS if q == "wages-prefecture")


def lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(TOOL), "lighthouse@12"], check=True
        )
    return binary


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def finished_session(base: str) -> str:
    """Answer a whole interview over HTTP; return the session cookie."""
    opener = urllib.request.build_opener(NoRedirect())

    def call(path, data=None, cookie=None):
        request = urllib.request.Request(
            base + path, data=data, headers={"Cookie": f"kenri={cookie}"} if cookie else {}
        )
        try:
            with opener.open(request) as response:
                return response.read().decode(), response.headers
        except urllib.error.HTTPError as redirect:  # 303s surface as errors without redirects
            return "", redirect.headers

    _, headers = call("/start", b"")
    cookie = re.search(r"kenri=([^;]+)", headers["Set-Cookie"]).group(1)
    html, _ = call("/q/1", cookie=cookie)
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    for number, _question, fields in ANSWERS:
        call(f"/q/{number}", urllib.parse.urlencode({**fields, "csrf": token}).encode(), cookie)
    return cookie


def audit(binary: Path, url: str, cookie: str | None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(binary),
            url,
            "--quiet",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": f"kenri={cookie}"}))
        subprocess.run(
            command,
            check=True,
            capture_output=True,
            env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"),
        )
        data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        a["id"]
        for a in data["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
    ]
    return {"scores": scores, "failing": failing}


def main() -> int:
    binary = lighthouse()
    ok = True
    with kenri_serve() as base:
        cookie = finished_session(base)
        pages = [
            ("start page", "/", None),
            ("question page", f"/q/{PREFECTURE_PAGE}", cookie),
            ("check your answers", "/check", cookie),
            ("result", "/result", cookie),
            ("summary", "/summary", cookie),
        ]
        print("Lighthouse 12 (mobile) scores")
        for name, path, page_cookie in pages:
            result = audit(binary, base + path, page_cookie)
            perfect = all(score == 100 for score in result["scores"].values())
            ok = ok and perfect
            scores = "  ".join(f"{k} {v:>3}" for k, v in result["scores"].items())
            print(
                f"  {name:<20} {scores}  {'ok' if perfect else 'BELOW 100'}"
                + (f"  failing: {', '.join(result['failing'])}" if result["failing"] else "")
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Where "go back" links may lead: only this shell's own pages (issue 7, open redirects).

A target is kept only if it is a plain path that the app's routes match to one of this
mount's GET pages; anything else (another host, a backslash or control character trick, an
unknown path) becomes the start page. Browsers read "/\\evil.example" as "//evil.example", so
string prefix checks are not enough.
"""

from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from webapp.views.trainee.mount import mount


def own_page(target: object) -> str:
    """`target` if it is one of this shell's pages, else the start page (path only)."""
    start = url_for(".start")
    if not isinstance(target, str) or not target or len(target) > 200:
        return start
    if any(ord(c) < 0x21 or c in "\\\x7f" for c in target):
        return start
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not parts.path.startswith("/")
        or parts.path.startswith("//")
    ):
        return start
    adapter = current_app.url_map.bind(request.host, script_name=request.script_root or None)
    try:
        endpoint, _ = adapter.match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return start
    if not endpoint.startswith(mount().name + ".") or endpoint.endswith(".exit"):
        return start
    return parts.path

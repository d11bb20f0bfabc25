"""The trainee's phone form: server-rendered, one question per page, no JavaScript needed.

A thin shell over the interview core (webapp.interview): it reads form posts and cookies,
calls the core, and renders pages. `trainee_blueprint(mount)` builds the shell; the app mounts
it once as the phone form ("trainee" at "/"). The kiosk will mount it again with its own
Mount (name "kiosk", url_prefix "/kiosk", templates "kiosk", session kind "kiosk", a short idle
limit, no resuming on Start): every view and template uses blueprint-relative endpoints
(`url_for(".start")`), reads its settings through `mount()` and renders its templates from
`mount().templates`. The blueprint owns its errors and headers (see shell_errors.py).
"""

from flask import Blueprint, Response

from webapp.views.trainee import (
    danger,
    handoff,
    interview_pages,
    languages,
    leaving,
    reports,
    result,
    safety,
    shell_errors,
)
from webapp.views.trainee.mount import PHONE, Mount, register_mount

__all__ = ["PHONE", "Mount", "trainee_blueprint"]


def trainee_blueprint(mount: Mount = PHONE) -> Blueprint:
    bp = Blueprint(mount.name, __name__, url_prefix=mount.url_prefix)
    for pages in (interview_pages, danger, result, handoff, leaving, languages, reports, safety):
        pages.register(bp)
    shell_errors.register(bp, mount)
    bp.after_request(_no_store)
    bp.record_once(lambda state: register_mount(state.app, mount))
    return bp


def _no_store(response: Response) -> Response:
    # Interview pages and their redirects are never cached: Back after a quick exit shows
    # nothing.
    response.headers["Cache-Control"] = "no-store"
    return response

"""Leaving: "Delete my answers now" and quick exit. Both end the interview in the core."""

from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.visit import core, drop_cookie, require_csrf, visit


def delete():
    current = visit()
    if current.interview is not None:
        require_csrf(current.interview)
        core().end(mount().session_kind, current.interview.id)
    response = make_response(
        render_template(
            mount().template("message.html"),
            heading=_("Your answers are deleted"),
            message=_("Nothing of your answers is kept on our server."),
            link_url=url_for(".start"),
            link_text=_("Start again"),
        )
    )
    return drop_cookie(response)


def quick_exit():
    """Delete the interview, clear the cookie, go to a neutral page. No JavaScript needed."""
    session_id = mount().session_in_cookie(request.cookies.get(mount().cookie))
    if session_id:
        core().end(mount().session_kind, session_id)  # nothing to do if it is already gone
    response = drop_cookie(redirect(loaded().settings.exit_url, code=303))
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/delete", "delete", delete, methods=["POST"])
    bp.add_url_rule("/exit", "exit", quick_exit, methods=["GET"])

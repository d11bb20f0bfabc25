"""The kiosk's welcome page (after a language is chosen on the grid) and its language switch.

Languages are chosen by form posts, never `?lang=` links, so no kiosk address in the browser's
history says which language a visitor read.
"""

from flask import Blueprint, redirect, render_template, request

from webapp.views.trainee.mount import mount
from webapp.views.trainee.numbering import where_next
from webapp.views.trainee.own_pages import own_page
from webapp.views.trainee.visit import live_interview, visit


def welcome():
    interview = live_interview()
    return render_template(mount().template("welcome.html"), next_url=where_next(interview))


def choose_language():
    """A language chosen from the kiosk's grid mid-interview: remembered by the interview (the
    core's locale rule reads the posted `lang`), then back to the page the visitor was on."""
    visit()
    return redirect(own_page(request.form.get("next")), code=303)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/welcome", "welcome", welcome, methods=["GET"])
    bp.add_url_rule("/language", "choose_language", choose_language, methods=["POST"])

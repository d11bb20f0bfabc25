"""The trainee's phone form: server-rendered, one question per page, no JavaScript needed."""

from flask import Blueprint

bp = Blueprint("trainee", __name__)

from webapp.views.trainee import pages, outcome  # noqa: E402,F401  (register routes)

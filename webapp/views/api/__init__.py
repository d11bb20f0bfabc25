"""The JSON API for chat front ends and integrators (/api/v1/)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from webapp.views.api import knowledge, evaluate, openapi, sessions  # noqa: E402,F401  (routes)

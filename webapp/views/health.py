"""Liveness check for operators and load balancers."""

from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok", knowledge_version=current_app.extensions["kenri"].kb.version)

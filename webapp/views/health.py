"""Liveness check for operators and load balancers."""

from flask import Blueprint, jsonify

from webapp.loaded import loaded

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok", knowledge_version=loaded().kb.version)

"""Staying safe: what quick exit does and does not do, and how to leave fewer traces."""

from flask import Blueprint, render_template

from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.visit import visit


def safety():
    visit()  # the language
    idle = mount().idle_minutes or loaded().settings.session_idle_minutes
    return render_template(mount().template("safety.html"), idle_minutes=idle)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/safety", "safety", safety, methods=["GET"])

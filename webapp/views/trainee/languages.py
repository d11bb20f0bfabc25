"""The language picker: every shipped language in its own script; works without JavaScript."""

from flask import Blueprint, render_template, request

from webapp.loaded import loaded
from webapp.views.trainee.mount import mount
from webapp.views.trainee.own_pages import own_page
from webapp.views.trainee.visit import visit


def languages():
    visit()
    path = own_page(request.args.get("next"))
    locales = [
        {
            "code": loc.code,
            "bcp47": loc.bcp47,
            "native_name": loc.native_name,
            "url": f"{path}?lang={loc.code}",
        }
        for loc in loaded().locales.values()
    ]
    return render_template(mount().template("languages.html"), locales=locales)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/language", "languages", languages, methods=["GET"])

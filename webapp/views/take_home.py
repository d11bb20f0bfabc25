"""The result a kiosk visitor took home: `/t/<token>` on their own phone (phone form pages).

Stateless: the answers come out of the sealed token (webapp.take_home) and the engine judges
them on the day the kiosk did; nothing is read from or written to the database, so the page
works after the kiosk was wiped and tells nothing to anyone who has not got the link. An
expired, changed or outdated link gets a clear page and never a 500. `?lang=` shows the same
result in another language (the answers are option ids, not words).
"""

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.clock import utc_now
from webapp.engine import evaluate, walk
from webapp.i18n.locales import resolve
from webapp.loaded import loaded
from webapp.take_home import KnowledgeChanged, LinkExpired, LinkInvalid, open_token
from webapp.views.kiosk.qr import take_home_key
from webapp.views.trainee.mount import mount
from webapp.views.trainee.result import result_page, summary_labels
from webapp.views.translated import evaluation_json


def _problem(status: int, heading: str, message: str):
    body = render_template(
        mount().template("message.html"),
        heading=heading,
        message=message,
        link_url=url_for(".start"),
        link_text=_("Check again"),
    )
    return body, status


def taken_home(token: str):
    app = loaded()
    try:
        taken = open_token(app.kb, take_home_key(), token, utc_now())
    except LinkExpired:
        return _problem(
            410,
            _("This link has expired"),
            _("For your safety, a result link works for a few days only. You can check again."),
        )
    except KnowledgeChanged:
        return _problem(
            409,
            _("Kenri has been updated"),
            _(
                "The information Kenri uses has changed since you checked, so this result "
                "may be out of date. Please check again: it takes a few minutes."
            ),
        )
    except LinkInvalid:
        return _problem(
            404,
            _("This link does not work"),
            _("It may be incomplete. Scan the code again, or check again here."),
        )
    code = resolve(request.args.get("lang"), app.locales) or resolve(taken.locale, app.locales)
    code = code or app.settings.default_locale
    g.locale_code = code
    evaluation = evaluate(app.kb, taken.answers, taken.on)
    data = evaluation_json(app.kb, evaluation, code)
    asked = walk(app.kb, taken.answers, taken.on).asked
    page = result_page(app.kb, taken.answers, asked, code, data, evaluation.regime, utc_now())
    other = "ja" if code != "ja" else "en"
    with force_locale(other):
        japanese = {
            "lang": app.locales[other].bcp47,
            "labels": summary_labels(),
            "result": evaluation_json(app.kb, evaluation, other),
        }
    return render_template(
        "take_home/result.html",
        result=data,
        labels=summary_labels(),
        other=japanese,
        **page,
        expires=taken.expires.date().isoformat(),
        report_page=url_for(".start"),  # a translation report must not keep the token
    )


def register(bp: Blueprint) -> None:
    """Added to the phone form's blueprint when the kiosk is served (its links, quick exit,
    language picker and error pages are the phone form's)."""
    bp.add_url_rule("/t/<token>", "taken_home", taken_home, methods=["GET"])

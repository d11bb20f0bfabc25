"""Read-only knowledge endpoints: locales, questions, provisions."""

from flask import request

from webapp.views.api import bp
from webapp.views.api.common import ABSENT, chosen_locale, in_locale, kenri, reply
from webapp.views.translated import provision_with_sources_json, question_json


@bp.get("/locales")
def locales():
    return reply(
        {
            "locales": [
                {
                    "code": loc.code,
                    "tag": loc.bcp47,
                    "name": loc.native_name,
                    "reviewed_by_native_speaker": loc.reviewed,
                }
                for loc in kenri().locales.values()
            ]
        }
    )


@bp.get("/questions")
def questions():
    code = chosen_locale(request.args.get("locale", ABSENT))
    kb = kenri().kb
    with in_locale(code):
        body = {
            "locale": code,
            "knowledge_version": kb.version,
            "questions": [question_json(q) for q in kb.questions.values()],
        }
    return reply(body, code)


@bp.get("/provisions")
def provisions():
    code = chosen_locale(request.args.get("locale", ABSENT))
    kb = kenri().kb
    with in_locale(code):
        body = {
            "locale": code,
            "knowledge_version": kb.version,
            "provisions": [provision_with_sources_json(p) for p in kb.provisions.values()],
        }
    return reply(body, code)

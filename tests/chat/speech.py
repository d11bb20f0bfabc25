"""What Kenri should say, in a language, straight from the catalogues (for assertions)."""

from flask_babel import force_locale, gettext


def say(app, code: str, message: str, **values) -> str:
    with app.app_context(), force_locale(code):
        return gettext(message, **values)


def question_text(app, code: str, question_id: str) -> str:
    kb = app.extensions["kenri"].kb
    return say(app, code, kb.questions[question_id].text)


def graphemes(text: str) -> int:
    import regex

    return len(regex.findall(r"\X", text))

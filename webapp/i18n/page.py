"""Jinja globals for every page: the locale, its BCP 47 tag and its direction."""

from flask import Flask, g

from webapp.loaded import loaded


def register_page_context(app: Flask) -> None:
    @app.context_processor
    def page_context():
        app_state = loaded()
        code = g.get("locale_code", app_state.settings.default_locale)
        current = app_state.locales.get(code) or app_state.locales["en"]
        return {
            "current_locale": current,
            "page_lang": current.bcp47,
            "page_dir": current.direction,
        }

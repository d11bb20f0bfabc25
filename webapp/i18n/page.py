"""Jinja globals for every page: the locale, its BCP 47 tag and its direction."""

from flask import Flask, current_app, g


def register_page_context(app: Flask) -> None:
    @app.context_processor
    def page_context():
        kenri = current_app.extensions["kenri"]
        code = g.get("locale_code", kenri.settings.default_locale)
        current = kenri.locales.get(code) or kenri.locales["en"]
        return {"current_locale": current, "page_lang": current.bcp47,
                "page_dir": current.direction}

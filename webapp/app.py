"""The application factory."""

import logging

from flask import Flask, g, request
from flask_babel import Babel
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp.assets import register_assets
from webapp.compression import register_compression
from webapp.config import Settings
from webapp.connections import init_connections
from webapp.errors import register_error_handlers
from webapp.i18n.compiled import ensure_compiled
from webapp.i18n.locales import Locales, read_locales
from webapp.i18n.page import register_page_context
from webapp.knowledge import load_knowledge
from webapp.knowledge.model import KnowledgeBase
from webapp.loaded import Loaded
from webapp.security import register_security_headers
from webapp.store.db import prepare_database

log = logging.getLogger(__name__)


class KenriFlask(Flask):
    """Flask, with blueprint-relative endpoints (".start") also usable on error pages that a
    shell renders for a request no route matched (errors.py sets g.shell to that shell)."""

    def url_for(self, endpoint: str, *args, **values) -> str:  # type: ignore[override]
        if endpoint.startswith(".") and request and request.blueprint is None and g.get("shell"):
            endpoint = g.shell + endpoint
        return super().url_for(endpoint, *args, **values)


def create_app(
    settings: Settings | None = None,
    kb: KnowledgeBase | None = None,
    locales: Locales | None = None,
) -> Flask:
    """Build the app. Raises KnowledgeInvalid (and so refuses to start) on bad knowledge.

    `kb` and `locales` may be passed in already loaded (tests load them once per session)."""
    settings = settings or Settings()
    kb = kb or load_knowledge(settings.knowledge_dir)
    app = KenriFlask(__name__)
    if settings.behind_proxy:
        # Trust exactly N proxies' X-Forwarded-For/Proto/Host/Port, so that HTTPS at the proxy
        # makes the cookie Secure and sends HSTS, and the client address is the real one.
        n = settings.behind_proxy
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n
        )
    app.jinja_env.trim_blocks = True  # smaller pages: no blank lines from template tags
    app.jinja_env.lstrip_blocks = True
    app.config.update(
        TESTING=settings.testing,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        BABEL_DEFAULT_LOCALE=settings.default_locale,
        BABEL_TRANSLATION_DIRECTORIES=str(settings.translations_dir),
    )
    locales = locales or read_locales(settings.translations_dir)
    compiled = ensure_compiled(settings.translations_dir, [c for c in locales if c != "en"])
    if compiled:
        log.info("compiled the catalogues of %s", ", ".join(compiled))
    app.extensions["kenri"] = Loaded(settings, kb, locales)
    Babel(app, locale_selector=lambda: g.get("locale_code", settings.default_locale))
    prepare_database(settings.database)
    init_connections(app)
    register_assets(app)
    register_page_context(app)
    register_security_headers(app)
    register_compression(app)
    register_error_handlers(app)
    _register_blueprints(app, settings)
    log.info("Kenri started with knowledge %s", kb.version)
    return app


def _register_blueprints(app: Flask, settings: Settings) -> None:
    from webapp.views.api import bp as api
    from webapp.views.chat import bp as chat
    from webapp.views.chat.links import chat_web_blueprint
    from webapp.views.health import bp as health
    from webapp.views.staff import bp as staff_desk
    from webapp.views.staff.assisted import assisted_blueprint
    from webapp.views.trainee import trainee_blueprint

    app.register_blueprint(health)
    app.register_blueprint(api)
    phone = trainee_blueprint()
    if settings.kiosk:
        from webapp.views import take_home
        from webapp.views.kiosk import kiosk_blueprint

        take_home.register(phone)  # the result a kiosk visitor took home, on their phone
        app.register_blueprint(kiosk_blueprint(settings.kiosk_config))
    app.register_blueprint(phone)
    app.register_blueprint(staff_desk)
    app.register_blueprint(assisted_blueprint())
    app.register_blueprint(chat)
    app.register_blueprint(chat_web_blueprint())

"""The application factory."""

import logging
from dataclasses import dataclass

from flask import Flask, g
from flask_babel import Babel
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp.assets import register_assets
from webapp.compression import register_compression
from webapp.config import Settings
from webapp.errors import register_error_handlers
from webapp.i18n.compiled import ensure_compiled
from webapp.i18n.locales import ShippedLocale, read_locales
from webapp.i18n.page import register_page_context
from webapp.knowledge import load_knowledge
from webapp.knowledge.model import KnowledgeBase
from webapp.request_db import init_request_db
from webapp.security import register_security_headers
from webapp.store.db import prepare_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kenri:
    """What every view needs, loaded once: app.extensions['kenri']."""
    settings: Settings
    kb: KnowledgeBase
    locales: dict[str, ShippedLocale]


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app. Raises KnowledgeInvalid (and so refuses to start) on bad knowledge."""
    settings = settings or Settings()
    kb = load_knowledge(settings.knowledge_dir)
    app = Flask(__name__)
    if settings.behind_proxy:
        # Trust exactly N proxies' X-Forwarded-For/Proto/Host/Port, so that HTTPS at the proxy
        # makes the cookie Secure and sends HSTS, and the client address is the real one.
        n = settings.behind_proxy
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]
    app.jinja_env.trim_blocks = True     # smaller pages: no blank lines from template tags
    app.jinja_env.lstrip_blocks = True
    app.config.update(KENRI_SETTINGS=settings, TESTING=settings.testing,
                      MAX_CONTENT_LENGTH=settings.max_body_bytes,
                      BABEL_DEFAULT_LOCALE=settings.default_locale,
                      BABEL_TRANSLATION_DIRECTORIES=str(settings.translations_dir))
    locales = read_locales(settings.translations_dir)
    compiled = ensure_compiled(settings.translations_dir, [c for c in locales if c != "en"])
    if compiled:
        log.info("compiled the catalogues of %s", ", ".join(compiled))
    app.extensions["kenri"] = Kenri(settings, kb, locales)
    Babel(app, locale_selector=lambda: g.get("locale_code", settings.default_locale))
    prepare_database(settings.database)
    init_request_db(app)
    register_assets(app)
    register_page_context(app)
    register_security_headers(app)
    register_compression(app)
    register_error_handlers(app)
    _register_blueprints(app)
    log.info("Kenri started with knowledge %s", kb.version)
    return app


def _register_blueprints(app: Flask) -> None:
    from webapp.views.api import bp as api
    from webapp.views.api.common import ApiProblem
    from webapp.views.chat import bp as chat
    from webapp.views.health import bp as health
    from webapp.views.trainee import bp as trainee

    app.register_blueprint(health)
    app.register_blueprint(api)
    app.register_blueprint(trainee)
    app.register_blueprint(chat)
    app.register_error_handler(ApiProblem, lambda exc: exc.response)

"""Kenri: a rights checker for foreign technical intern trainees in Japan."""


def create_app(settings=None, kb=None, locales=None):
    """The Flask application factory (imported lazily so the engine never loads Flask)."""
    from webapp.app import create_app as factory

    return factory(settings, kb=kb, locales=locales)


__all__ = ["create_app"]

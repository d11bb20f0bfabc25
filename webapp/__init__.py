"""Kenri: a rights checker for foreign technical intern trainees in Japan."""


def create_app(settings=None):
    """The Flask application factory (imported lazily so the engine never loads Flask)."""
    from webapp.app import create_app as factory
    return factory(settings)


__all__ = ["create_app"]

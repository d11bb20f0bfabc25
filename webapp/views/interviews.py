"""The interview core for the current request, as every shell reaches it."""

from webapp.connections import get_db
from webapp.interview import Interviews
from webapp.loaded import loaded
from webapp.store.retention import Limits


def interviews(limits: Limits | None = None) -> Interviews:
    """The core over this thread's connection (`limits`: a shell's own, e.g. the kiosk's)."""
    app = loaded()
    return Interviews(
        app.kb,
        get_db(),
        limits or app.settings.session_limits,
        app.locales,
        app.settings.default_locale,
    )

"""What the app loaded at start-up, and the one way views reach it: `loaded()`."""

from dataclasses import dataclass

from flask import current_app

from webapp.config import Settings
from webapp.i18n.locales import Locales
from webapp.knowledge.model import KnowledgeBase


@dataclass(frozen=True)
class Loaded:
    """Settings, knowledge and shipped locales: loaded once, never changed while serving."""

    settings: Settings
    kb: KnowledgeBase
    locales: Locales


def loaded() -> Loaded:
    """The current app's loaded settings, knowledge and locales."""
    return current_app.extensions["kenri"]

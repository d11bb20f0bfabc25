"""Kenri: a rights checker for foreign technical intern trainees in Japan."""

from webapp.app import create_app

__all__ = ["create_app"]

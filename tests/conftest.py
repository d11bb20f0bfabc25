"""Shared fixtures: a fresh app per test on a real SQLite file, the real knowledge once."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp import create_app
from webapp.config import Settings
from webapp.knowledge import load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge, loaded and validated once."""
    return load_knowledge(Settings().knowledge_dir)


@pytest.fixture(scope="session")
def small_kb():
    """A tiny valid knowledge tree for engine edge cases."""
    return load_knowledge(FIXTURES / "knowledge" / "valid")


@pytest.fixture
def settings(tmp_path):
    return Settings(testing=True, database=tmp_path / "kenri.db")


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    return CliRunner()

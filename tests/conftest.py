"""Shared fixtures: the real knowledge loaded once, one app for the whole session, and a fresh
real SQLite file for every test.

Building an app is cheap once the knowledge is loaded; loading the knowledge is not (it used to
be half of the run). So one app serves every test, and each test gets its own database file:
the `app` fixture points the shared app at it for the test's duration. Tests that change the app
itself (adding a route) take `fresh_app` instead.
"""

import dataclasses
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from testkit.answer_sets import shipped_knowledge
from webapp import create_app
from webapp.config import Settings
from webapp.connections import close_thread_connection
from webapp.i18n.locales import read_locales
from webapp.knowledge import load_knowledge
from webapp.store.db import connect, prepare_database

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge, loaded and validated once."""
    return shipped_knowledge()


@pytest.fixture(scope="session")
def small_kb():
    """A tiny valid knowledge tree for engine edge cases."""
    return load_knowledge(FIXTURES / "knowledge" / "valid")


@pytest.fixture(scope="session")
def locales():
    return read_locales(Settings().translations_dir)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """An empty database with every migration applied, made once and copied for each test
    (applying the migrations takes about 25 ms; copying the file, a fraction of one)."""
    path = tmp_path_factory.mktemp("migrated") / "kenri.db"
    prepare_database(path)
    return path


@pytest.fixture
def settings(tmp_path, migrated_database):
    """Settings for one test, on its own real SQLite file (already migrated)."""
    database = tmp_path / "kenri.db"
    shutil.copyfile(migrated_database, database)
    return Settings(testing=True, database=database)


@pytest.fixture(scope="session")
def shared_app(kb, locales, tmp_path_factory):
    return create_app(
        Settings(testing=True, database=tmp_path_factory.mktemp("shared") / "kenri.db"),
        kb=kb,
        locales=locales,
    )


@pytest.fixture
def app(shared_app, settings):
    """The shared app, on this test's own database file."""
    before = shared_app.extensions["kenri"]
    shared_app.extensions["kenri"] = dataclasses.replace(before, settings=settings)
    try:
        yield shared_app
    finally:
        shared_app.extensions["kenri"] = before
        close_thread_connection(settings.database)


@pytest.fixture
def fresh_app(settings, kb, locales):
    """An app of the test's own, for tests that add routes to it."""
    return create_app(settings, kb=kb, locales=locales)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(settings):
    """The test's database, opened directly (as a reviewer or `kenri purge` would)."""
    connection = connect(settings.database)
    try:
        yield connection
    finally:
        connection.close()

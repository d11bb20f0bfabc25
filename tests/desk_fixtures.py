"""pytest fixtures for the NGO desk: a real app and SQLite file with two organisations, their
staff and cases. Imported by the desk's test modules."""

from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from desk_support import PROBLEMS, URGENT, Account, make_account, make_org, share

from webapp.store import staff_accounts
from webapp.store.db import connect

# Real argon2id, with small parameters so that a test run does not spend minutes hashing;
# test_desk_accounts checks the production parameters.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass
class Desk:
    app: object
    db: object
    sealer: object
    kb: object
    intake: Account  # tokyo-help
    coordinator: Account  # tokyo-help
    other: Account  # osaka-aid (another organisation), a coordinator


@pytest.fixture
def fast_hashing(monkeypatch):
    monkeypatch.setattr(staff_accounts, "HASHER", FAST_HASHER)


@pytest.fixture
def desk(app, settings, fast_hashing):
    db = connect(settings.database)
    sealer = app.extensions["kenri_sealer"]
    make_org(db, "tokyo-help", languages=("vi", "ja", "en", "id"))
    make_org(db, "osaka-aid", languages=("vi", "ja", "en"), prefectures=("osaka", "tokyo"))
    yield Desk(
        app,
        db,
        sealer,
        app.extensions["kenri"].kb,
        make_account(db, sealer, "tokyo-help", "intake@tokyo.example"),
        make_account(db, sealer, "tokyo-help", "coord@tokyo.example", "coordinator"),
        make_account(db, sealer, "osaka-aid", "coord@osaka.example", "coordinator"),
    )
    db.close()


@pytest.fixture
def cases(desk):
    """One urgent Vietnamese case and one serious Indonesian case for tokyo-help, and one case
    for osaka-aid: (urgent, serious, other organisation's)."""
    urgent = share(desk.db, desk.sealer, desk.kb, "tokyo-help", URGENT, locale="vi")
    serious = share(desk.db, desk.sealer, desk.kb, "tokyo-help", PROBLEMS, locale="id")
    other = share(desk.db, desk.sealer, desk.kb, "osaka-aid", URGENT, locale="vi")
    return urgent, serious, other

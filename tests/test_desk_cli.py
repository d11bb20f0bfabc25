"""`kenri org ...`, `kenri staff ...` and the desk's part of `kenri purge`, on a real file."""

import datetime as dt
import re

import pytest
from desk_support import URGENT, share

from webapp.cli import main
from webapp.store import case_work
from webapp.store.db import connect
from webapp.store.orgs import get_org
from webapp.store.sealing import load_sealer
from webapp.store.staff_accounts import check_password, find_by_email

pytest_plugins = ["desk_fixtures"]

ORG = [
    "org",
    "add",
    "--id",
    "tokyo-help",
    "--name-ja",
    "東京支援",
    "--name-en",
    "Tokyo Help",
    "--languages",
    "vi,id,ja",
    "--prefectures",
    "tokyo,saitama",
    "--hours",
    "mon-fri 10:00-17:00, sat 10:00-13:00",
    "--reply-days",
    "2",
]


@pytest.fixture
def kenri(runner, tmp_path, fast_hashing):
    database = tmp_path / "kenri.db"

    def run(*args):
        return runner.invoke(main, [*args, "--db", str(database)])

    run.database = database
    return run


def test_org_add_list_and_edit(kenri):
    added = kenri(*ORG)
    assert added.exit_code == 0, added.output
    listed = kenri("org", "list")
    assert "tokyo-help  Tokyo Help / 東京支援  [accepting]" in listed.output
    assert "mon-fri 10:00-17:00, sat 10:00-13:00" in listed.output
    edited = kenri(
        "org",
        "edit",
        "tokyo-help",
        "--not-accepting",
        "--languages",
        "vi,km",
        "--prefectures",
        "all",
    )
    assert edited.exit_code == 0, edited.output
    db = connect(kenri.database)
    org = get_org(db, "tokyo-help")
    assert not org.accepting and org.languages == ("vi", "km") and org.nationwide
    assert org.hours[1] == {"days": [5], "from": "10:00", "to": "13:00"}
    db.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--languages", "vi,klingon"), "'klingon' is not a shipped language"),
        (("--prefectures", "tokyo,atlantis"), "'atlantis' is not a prefecture id"),
        (("--hours", "every day"), "--hours: 'every day' is not like"),
        (("--hours", "fri-mon 10:00-12:00"), "runs backwards"),
        (("--hours", "mon 12:00-10:00"), "ends before it starts"),
        (("--id", "Not An Id"), "Not added: id"),
    ],
)
def test_org_add_refuses_bad_fields_clearly(kenri, change, message):
    args = list(ORG)
    index = args.index(change[0])
    args[index + 1] = change[1]
    result = kenri(*args)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output
    assert "No organisations yet" in kenri("org", "list").output


def test_org_ids_are_unique_and_edit_knows_unknown_ids(kenri):
    kenri(*ORG)
    assert "already used" in kenri(*ORG).output
    result = kenri("org", "edit", "nobody", "--not-accepting")
    assert result.exit_code == 1 and "No organisation has the id 'nobody'" in result.output


def test_staff_add_prints_a_one_time_password_that_works(kenri):
    kenri(*ORG)
    result = kenri(
        "staff", "add", "--org", "tokyo-help", "--email", "Aki@Example.org", "--role", "coordinator"
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"One-time password: (\S+)", result.output).group(1)
    db = connect(kenri.database)
    member = check_password(db, "aki@example.org", password)
    assert member.is_coordinator and member.must_change_password and not member.enrolled
    db.close()
    assert (
        "aki@example.org  tokyo-help  coordinator  second factor not set up"
        in kenri("staff", "list").output
    )


def test_staff_add_to_an_unknown_organisation_says_so(kenri):
    result = kenri(
        "staff", "add", "--org", "nobody", "--email", "a@example.org", "--role", "intake"
    )
    assert result.exit_code == 1 and "No organisation has the id 'nobody'" in result.output


def test_staff_add_refuses_a_bad_role_or_email(kenri):
    kenri(*ORG)
    assert (
        kenri(
            "staff", "add", "--org", "tokyo-help", "--email", "a@example.org", "--role", "boss"
        ).exit_code
        == 2
    )
    result = kenri("staff", "add", "--org", "tokyo-help", "--email", "nope", "--role", "intake")
    assert result.exit_code == 1 and "not an e-mail address" in result.output


def test_staff_disable_and_reset(kenri):
    kenri(*ORG)
    kenri("staff", "add", "--org", "tokyo-help", "--email", "a@example.org", "--role", "intake")
    assert kenri("staff", "disable", "--email", "a@example.org").exit_code == 0
    assert "disabled" in kenri("staff", "list", "--org", "tokyo-help").output
    reset = kenri("staff", "reset", "--email", "a@example.org")
    password = re.search(r"One-time password: (\S+)", reset.output).group(1)
    db = connect(kenri.database)
    assert check_password(db, "a@example.org", password) is not None
    assert not find_by_email(db, "a@example.org").disabled
    db.close()
    for command in ("disable", "reset"):
        result = kenri("staff", command, "--email", "who@example.org")
        assert result.exit_code == 1 and "No staff account" in result.output


def test_purge_deletes_closed_cases_after_the_retention_period(kenri, kb, tmp_path):
    kenri(*ORG)
    db = connect(kenri.database)
    sealer = load_sealer(tmp_path / "contact.key", environ={})
    kept = share(db, sealer, kb, "tokyo-help", URGENT)
    old = share(db, sealer, kb, "tokyo-help", URGENT)
    closed = (dt.datetime.now(dt.UTC) - dt.timedelta(days=40)).isoformat()
    db.execute(
        "UPDATE cases SET status = 'closed', closed_at = ? WHERE reference = ?",
        [closed, old.reference],
    )
    db.close()

    default = kenri("purge")
    assert "Deleted 0 closed case(s) older than 180 days" in default.output
    contacts = kenri("purge", "--contact-days", "30")
    assert "the contact details of 1 closed case(s)" in contacts.output
    result = kenri("purge", "--closed-days", "30")
    assert result.exit_code == 0 and "Deleted 1 closed case(s) older than 30 days" in result.output
    db = connect(kenri.database)
    assert [c.reference for c in case_work.queue(db, "tokyo-help", status="all")] == [
        kept.reference
    ]
    db.close()
    assert kenri("purge", "--closed-days", "-1").exit_code == 2

"""`kenri org add|list|edit` and `kenri staff add|list|disable|reset`: organisations and staff
accounts are set up on the server, never through the web."""

import datetime as dt
import functools
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from webapp.config import Settings
from webapp.org_hours import HoursInvalid, hours_text, parse_hours

DB_OPTION = click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite database file (default: instance/kenri.db).",
)


def attach(main: click.Group) -> None:
    """Add the desk's commands to the `kenri` group."""
    main.add_command(org)
    main.add_command(staff)


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


@contextmanager
def open_database(path: Path | None):
    from webapp.store.db import connect, prepare_database

    settings = Settings(database=path) if path else Settings()
    prepare_database(settings.database)
    db = connect(settings.database)
    try:
        yield db
    finally:
        db.close()


@functools.lru_cache(maxsize=1)
def _prefecture_ids() -> tuple[str, ...]:
    from webapp.knowledge import load_knowledge

    kb = load_knowledge(Settings().knowledge_dir)
    return tuple(kb.wages.prefectures) if kb.wages else ()


def _languages(text: str) -> list[str]:
    from webapp.i18n.locales import read_locales, resolve

    shipped = read_locales(Settings().translations_dir)
    codes = []
    for item in (part.strip() for part in text.split(",") if part.strip()):
        code = resolve(item, shipped)
        if code is None:
            fail(f"--languages: '{item}' is not a shipped language ({', '.join(shipped)})")
        codes.append(code)
    if not codes:
        fail("--languages: give at least one language, e.g. vi,ja,en")
    return list(dict.fromkeys(codes))


def _prefectures(text: str) -> list[str]:
    items = [part.strip().lower() for part in text.split(",") if part.strip()]
    if items == ["all"]:
        return ["all"]
    known = _prefecture_ids()
    for item in items:
        if item not in known:
            fail(
                f"--prefectures: '{item}' is not a prefecture id (e.g. tokyo, osaka), or use 'all'"
            )
    if not items:
        fail("--prefectures: give prefecture ids, or 'all'")
    return list(dict.fromkeys(items))


def _hours(text: str) -> list[dict]:
    try:
        return parse_hours(text)
    except HoursInvalid as exc:
        fail(f"--hours: {exc}")


@click.group(help="Support organisations that receive shared cases: add | list | edit.")
def org() -> None:
    pass


@org.command("add", help="Add an organisation (it accepts cases at once unless --not-accepting).")
@click.option("--id", "org_id", required=True, help="Short id: lower-case letters, digits, -.")
@click.option("--name-ja", required=True, help="Name in Japanese.")
@click.option("--name-en", required=True, help="Name in English.")
@click.option("--languages", required=True, help="Languages its staff speak, e.g. vi,ja,en.")
@click.option(
    "--prefectures", required=True, help="Prefecture ids it serves, e.g. tokyo,kanagawa, or 'all'."
)
@click.option(
    "--hours",
    required=True,
    help="Contact hours in Japan time, e.g. 'mon-fri 10:00-17:00, sat 10:00-13:00'.",
)
@click.option(
    "--reply-days",
    type=int,
    default=3,
    show_default=True,
    help="Usually answers a new case within this many days.",
)
@click.option(
    "--accepting/--not-accepting",
    default=True,
    show_default=True,
    help="Whether trainees can send cases to it now.",
)
@DB_OPTION
def org_add(
    org_id, name_ja, name_en, languages, prefectures, hours, reply_days, accepting, database
):
    from webapp.store.orgs import OrganisationInvalid, add_org

    fields = dict(
        id=org_id,
        name_ja=name_ja,
        name_en=name_en,
        languages=_languages(languages),
        prefectures=_prefectures(prefectures),
        hours=_hours(hours),
        reply_days=reply_days,
        accepting=accepting,
    )
    with open_database(database) as db:
        try:
            added = add_org(db, **fields)
        except OrganisationInvalid as exc:
            fail(f"Not added: {exc}")
    click.echo(f"Added organisation {added.id} ({added.name_en}).")


@org.command("list", help="List the organisations.")
@DB_OPTION
def org_list(database):
    from webapp.store.orgs import list_orgs

    with open_database(database) as db:
        found = list_orgs(db)
    if not found:
        click.echo("No organisations yet: add one with `kenri org add`.")
    for item in found:
        state = "accepting" if item.accepting else "not accepting"
        click.echo(
            f"{item.id}  {item.name_en} / {item.name_ja}  [{state}]\n"
            f"    languages: {','.join(item.languages)}  prefectures: "
            f"{','.join(item.prefectures)}\n"
            f"    hours: {hours_text(list(item.hours))}  replies within "
            f"{item.reply_days} day(s)"
        )


@org.command("edit", help="Change an organisation's fields (only those given).")
@click.argument("org_id")
@click.option("--name-ja", help="Name in Japanese.")
@click.option("--name-en", help="Name in English.")
@click.option("--languages", help="Languages its staff speak, e.g. vi,ja,en.")
@click.option("--prefectures", help="Prefecture ids it serves, or 'all'.")
@click.option("--hours", help="Contact hours, e.g. 'mon-fri 10:00-17:00'.")
@click.option("--reply-days", type=int, help="Usually answers within this many days.")
@click.option(
    "--accepting/--not-accepting", default=None, help="Whether trainees can send cases to it now."
)
@DB_OPTION
def org_edit(
    org_id, name_ja, name_en, languages, prefectures, hours, reply_days, accepting, database
):
    from webapp.store.orgs import OrganisationInvalid, UnknownOrganisation, edit_org

    changes = {
        "name_ja": name_ja,
        "name_en": name_en,
        "reply_days": reply_days,
        "accepting": accepting,
        "languages": _languages(languages) if languages is not None else None,
        "prefectures": _prefectures(prefectures) if prefectures is not None else None,
        "hours": _hours(hours) if hours is not None else None,
    }
    changes = {key: value for key, value in changes.items() if value is not None}
    with open_database(database) as db:
        try:
            edited = edit_org(db, org_id, **changes)
        except UnknownOrganisation:
            fail(f"No organisation has the id '{org_id}' (see `kenri org list`).")
        except OrganisationInvalid as exc:
            fail(f"Not changed: {exc}")
    click.echo(f"Changed organisation {edited.id}.")


@click.group(help="Staff accounts of the NGO desk: add | list | disable | reset.")
def staff() -> None:
    pass


@staff.command(
    "add",
    help="Add a staff account; prints a one-time password to give to them "
    "(they choose their own and set up a second factor at first "
    "sign-in).",
)
@click.option("--org", "org_id", required=True, help="The organisation's id.")
@click.option("--email", required=True, help="Their e-mail address (their sign-in name).")
@click.option(
    "--role",
    type=click.Choice(["intake", "coordinator"]),
    required=True,
    help="intake: works cases; coordinator: also export, statistics, audit log, team.",
)
@DB_OPTION
def staff_add(org_id, email, role, database):
    from webapp.store.orgs import UnknownOrganisation
    from webapp.store.staff_accounts import StaffInvalid, add_staff

    with open_database(database) as db:
        try:
            member, password = add_staff(db, org_id, email, role)
        except UnknownOrganisation:
            fail(f"No organisation has the id '{org_id}' (see `kenri org list`).")
        except StaffInvalid as exc:
            fail(f"Not added: {exc}")
    click.echo(
        f"Added {member.email} ({member.role}) to {member.org_id}.\n"
        f"One-time password: {password}\n"
        "Give it to them in person or by phone; it is not stored and not shown again."
    )


@staff.command("list", help="List staff accounts.")
@click.option("--org", "org_id", default=None, help="Only this organisation.")
@DB_OPTION
def staff_list(org_id, database):
    from webapp.store.staff_accounts import list_staff

    with open_database(database) as db:
        members = list_staff(db, org_id)
    for member in members:
        state = (
            "disabled"
            if member.disabled
            else ("active" if member.enrolled else "second factor not set up")
        )
        click.echo(f"{member.email}  {member.org_id}  {member.role}  {state}")
    if not members:
        click.echo("No staff accounts.")


@staff.command("disable", help="Disable an account at once (its sessions end).")
@click.option("--email", required=True, help="The account's e-mail address.")
@DB_OPTION
def staff_disable(email, database):
    from webapp.store.staff_accounts import UnknownStaff, disable_staff

    with open_database(database) as db:
        try:
            member = disable_staff(db, email)
        except UnknownStaff:
            fail(f"No staff account has the e-mail address '{email}'.")
    click.echo(f"Disabled {member.email}.")


@staff.command(
    "reset",
    help="Reset a lost password or phone: a new one-time password, the "
    "second factor set up again, any lockout lifted, the account "
    "enabled.",
)
@click.option("--email", required=True, help="The account's e-mail address.")
@DB_OPTION
def staff_reset(email, database):
    from webapp.store.staff_accounts import UnknownStaff, reset_staff

    with open_database(database) as db:
        try:
            member, password = reset_staff(db, email)
        except UnknownStaff:
            fail(f"No staff account has the e-mail address '{email}'.")
    click.echo(
        f"Reset {member.email}.\nOne-time password: {password}\n"
        "They set up their authenticator app again at the next sign-in."
    )


def purge_desk(db, settings: Settings) -> str:
    """Retention of shared cases, for `kenri purge`; returns a line to print."""
    from webapp.store.case_retention import purge_cases
    from webapp.store.cases import now
    from webapp.store.staff_sessions import Limits
    from webapp.store.staff_sessions import purge_expired as purge_staff_sessions

    moment = now()
    result = purge_cases(db, moment, settings.closed_case_days, settings.contact_days)
    purge_staff_sessions(
        db,
        Limits(
            dt.timedelta(minutes=settings.staff_idle_minutes),
            dt.timedelta(minutes=settings.staff_absolute_minutes),
        ),
        moment,
    )
    return (
        f"Deleted {result.cases} closed case(s) older than {settings.closed_case_days} "
        f"days and the contact details of {result.contacts} closed case(s)."
    )

"""Support organisations: who they are, which languages and prefectures, whether accepting.

Deployment data kept in the database (set with `kenri org add|edit`), not in the knowledge tree.
A trainee is shown an organisation only while it accepts cases from Kenri.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

import sqlite_utils

ALL_PREFECTURES = "all"
ORG_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


class UnknownOrganisation(LookupError):
    """No organisation has this id."""


class OrganisationInvalid(ValueError):
    """A field of an organisation is not acceptable; the message names it."""


@dataclass(frozen=True)
class Organisation:
    id: str
    name_ja: str
    name_en: str
    languages: tuple[str, ...]  # shipped locale codes its staff speak
    prefectures: tuple[str, ...]  # prefecture ids, or ("all",)
    hours: tuple[dict, ...]  # see webapp.org_hours
    reply_days: int  # usually answers within this many days
    accepting: bool

    @property
    def nationwide(self) -> bool:
        return ALL_PREFECTURES in self.prefectures

    def speaks(self, locale: str) -> bool:
        return locale in self.languages

    def serves(self, prefecture: str | None) -> bool:
        return self.nationwide or prefecture is None or prefecture in self.prefectures


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _check(fields: dict) -> None:
    if "id" in fields and not (isinstance(fields["id"], str) and ORG_ID.match(fields["id"])):
        raise OrganisationInvalid("id: 2-40 lower-case letters, digits and hyphens")
    for name in ("name_ja", "name_en"):
        if name in fields and not (
            isinstance(fields[name], str) and 0 < len(fields[name].strip()) <= 200
        ):
            raise OrganisationInvalid(f"{name}: 1-200 characters")
    if "languages" in fields and not fields["languages"]:
        raise OrganisationInvalid("languages: at least one")
    if "prefectures" in fields and not fields["prefectures"]:
        raise OrganisationInvalid("prefectures: at least one, or 'all'")
    if "hours" in fields and not fields["hours"]:
        raise OrganisationInvalid("hours: at least one span")
    if "reply_days" in fields and not (
        isinstance(fields["reply_days"], int) and 0 <= fields["reply_days"] <= 60
    ):
        raise OrganisationInvalid("reply_days: a whole number of days from 0 to 60")


def _row(fields: dict) -> dict:
    row: dict[str, object] = {}
    for key, value in fields.items():
        if key in ("languages", "prefectures", "hours"):
            row[key] = json.dumps(list(value))
        elif key == "accepting":
            row[key] = int(bool(value))
        elif key in ("name_ja", "name_en"):
            row[key] = value.strip()
        else:
            row[key] = value
    return row


def add_org(
    db: sqlite_utils.Database,
    *,
    id: str,
    name_ja: str,
    name_en: str,
    languages,
    prefectures,
    hours,
    reply_days: int = 3,
    accepting: bool = True,
) -> Organisation:
    fields = dict(
        id=id,
        name_ja=name_ja,
        name_en=name_en,
        languages=languages,
        prefectures=prefectures,
        hours=hours,
        reply_days=reply_days,
        accepting=accepting,
    )
    _check(fields)
    if _find(db, id):
        raise OrganisationInvalid(f"id: '{id}' is already used")
    stamp = _now()
    with db.atomic():
        db.table("organisations").insert(dict(_row(fields), created_at=stamp, updated_at=stamp))
    return get_org(db, id)


def edit_org(db: sqlite_utils.Database, org_id: str, **changes) -> Organisation:
    """Change some fields (name_ja, name_en, languages, prefectures, hours, reply_days,
    accepting); UnknownOrganisation if there is no such organisation."""
    get_org(db, org_id)
    unknown = set(changes) - {
        "name_ja",
        "name_en",
        "languages",
        "prefectures",
        "hours",
        "reply_days",
        "accepting",
    }
    if unknown:
        raise OrganisationInvalid(f"cannot change {', '.join(sorted(unknown))}")
    _check(changes)
    if changes:
        with db.atomic():
            db.table("organisations").update(org_id, dict(_row(changes), updated_at=_now()))
    return get_org(db, org_id)


def get_org(db: sqlite_utils.Database, org_id) -> Organisation:
    found = _find(db, org_id)
    if found is None:
        raise UnknownOrganisation(org_id)
    return found


def list_orgs(db: sqlite_utils.Database) -> list[Organisation]:
    return [_org(row) for row in db["organisations"].rows_where(order_by="id")]


def accepting_organisations(
    db: sqlite_utils.Database, locale: str, prefecture: str | None
) -> list[Organisation]:
    """What a trainee may choose from: accepting now, speaking their language, serving their
    prefecture (an unknown prefecture, None, matches every organisation). Nationwide ones last,
    so a local organisation comes first."""
    found = [
        org
        for org in list_orgs(db)
        if org.accepting and org.speaks(locale) and org.serves(prefecture)
    ]
    return sorted(found, key=lambda org: (org.nationwide, org.name_en.lower()))


def _find(db, org_id) -> Organisation | None:
    if not isinstance(org_id, str):
        return None
    rows = list(db["organisations"].rows_where("id = ?", [org_id]))
    return _org(rows[0]) if rows else None


def _org(row: dict) -> Organisation:
    return Organisation(
        row["id"],
        row["name_ja"],
        row["name_en"],
        tuple(json.loads(row["languages"])),
        tuple(json.loads(row["prefectures"])),
        tuple(json.loads(row["hours"])),
        row["reply_days"],
        bool(row["accepting"]),
    )

"""Export records written as CSV (spreadsheet-safe) or JSON."""

import csv
import io
import json
import re

from webapp.store.case_export import CONTACT_FIELDS, FIELDS

PHONE_LIKE = re.compile(r"^\+?[0-9 ()\-]+$")


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection): text starting with
    = + - @ or a control character gets a leading apostrophe; phone numbers stay as they are."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r" and not PHONE_LIKE.match(text):
        return "'" + text
    return text


def as_csv(records: list[dict], include_contact: bool) -> str:
    fields = FIELDS + (CONTACT_FIELDS if include_contact else ())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([spreadsheet_safe(record.get(field, "")) for field in fields])
    return "\ufeff" + out.getvalue()  # the BOM lets Excel read Japanese text as UTF-8


def as_json(records: list[dict]) -> str:
    return json.dumps({"cases": records}, ensure_ascii=False, indent=1)

"""How a trainee can be reached, when it is safe, and a shared case's states: the vocabulary
shared by the trainee's handoff pages and the staff desk, and the checks on what was typed.

Ids are stored; the labels are English msgids, translated where they are shown. No Flask here.
"""

import re
from dataclasses import dataclass, field


def N_(message: str) -> str:
    return message


CONTACT_METHODS = {
    "phone": N_("Phone number"),
    "line": N_("LINE ID"),
    "email": N_("E-mail address"),
    "facebook": N_("Facebook name"),
}
# When a call or message will not be seen or heard by the wrong person.
SAFE_TIMES = {
    "lunch-break": N_("Lunch break"),
    "after-work": N_("After work (evening)"),
    "late-night": N_("Late at night"),
    "days-off": N_("Days off"),
    "any-time": N_("Any time"),
}
STATUSES = {
    "new": N_("New"),
    "contacted": N_("Contacted"),
    "in-progress": N_("In progress"),
    "referred": N_("Referred"),
    "closed": N_("Closed"),
}
URGENCIES = {
    "urgent": N_("Urgent"),
    "serious": N_("Serious"),
    "concern": N_("Concern"),
    "none": N_("No finding"),
}
CONSENT_MODES = {
    "trainee": N_("Sent by the trainee"),
    "verbal": N_("Verbal consent to a staff member"),
}
NOTE_LIMIT = 1000
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,24}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LINE_ID = re.compile(r"^[A-Za-z0-9._\-@]{2,50}$")


class ContactInvalid(ValueError):
    """What the trainee typed cannot be used. `field` names the input ('contact' when no way
    to reach them was given) and `problem` is a short code the page turns into words."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class Contact:
    """Contact details: encrypted at rest, shown to staff only on a deliberate, audited click."""

    phone: str = ""
    line: str = ""
    email: str = ""
    facebook: str = ""
    will_contact_them: bool = False  # "I will contact them" (with the case reference)
    note: str = ""  # free text, kept untranslated

    def methods(self) -> dict[str, str]:
        return {m: getattr(self, m) for m in CONTACT_METHODS if getattr(self, m)}

    def as_dict(self) -> dict:
        return {**self.methods(), "will_contact_them": self.will_contact_them, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict) -> "Contact":
        return cls(
            **{k: data.get(k, "") for k in CONTACT_METHODS},
            will_contact_them=bool(data.get("will_contact_them")),
            note=data.get("note", ""),
        )


@dataclass(frozen=True)
class Preferences:
    safe_times: tuple[str, ...] = field(default=())
    messages_only: bool = False  # messages only, no calls


def checked_contact(contact: Contact) -> Contact:
    """Trimmed, validated contact details; ContactInvalid on the first problem."""
    values = {m: " ".join(str(getattr(contact, m) or "").split()) for m in CONTACT_METHODS}
    note = str(contact.note or "").strip()
    checks = {
        "phone": lambda v: PHONE.match(v) and 6 <= len(re.sub(r"\D", "", v)) <= 15,
        "email": lambda v: EMAIL.match(v) and len(v) <= 254,
        "line": lambda v: LINE_ID.match(v),
        "facebook": lambda v: 0 < len(v) <= 100,
    }
    for method, value in values.items():
        if value and not checks[method](value):
            raise ContactInvalid(method, "invalid")
    if len(note) > NOTE_LIMIT:
        raise ContactInvalid("note", "too-long")
    if not any(values.values()) and not contact.will_contact_them:
        raise ContactInvalid("contact", "missing")
    return Contact(**values, will_contact_them=bool(contact.will_contact_them), note=note)


def checked_preferences(preferences: Preferences) -> Preferences:
    times = tuple(dict.fromkeys(preferences.safe_times or ()))
    unknown = [t for t in times if t not in SAFE_TIMES]
    if unknown:
        raise ContactInvalid("safe_times", "unknown")
    return Preferences(times, bool(preferences.messages_only))

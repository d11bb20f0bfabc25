"""The gettext catalogue cycle (extract, update, compile) and each locale's status."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from babel.plural import to_gettext

from webapp.config import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "translations" / "messages.pot"
EXTRACT_ARGS = [
    "-k",
    "lazy_gettext",
    "-k",
    "N_",
    "--add-comments=Translators:",
    "--no-location",
    "--sort-output",
    "--project=Kenri",
    "--version=1",
]


def pybabel(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    # Our own interpreter and fixed arguments: nothing here comes from a request.
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)  # noqa: S603


def extract(output: Path = TEMPLATE) -> subprocess.CompletedProcess:
    return pybabel("extract", "-F", "babel.cfg", "-o", str(output), *EXTRACT_ARGS, ".")


def plural_header(code: str) -> str:
    """CLDR's plural rule as a gettext header (pybabel init gets id and my wrong)."""
    return to_gettext(Locale.parse(code).plural_form)


@dataclass(frozen=True)
class LocaleStatus:
    code: str
    total: int
    translated: int
    fuzzy: int
    problems: tuple[str, ...]  # Catalog.check() errors and header mistakes

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.fuzzy and not self.problems


def status(translations: Path, code: str) -> LocaleStatus:
    path = translations / code / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return LocaleStatus(code, 0, 0, 0, (f"{path} is missing",))
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    messages = [m for m in catalog if m.id]
    translated = [
        m for m in messages if (all(m.string) if m.pluralizable else m.string) and not m.fuzzy
    ]
    problems = [f"{m.id!r}: {error}" for m, errors in catalog.check() for error in errors]
    header = catalog.plural_forms
    if header.replace(" ", "") != plural_header(code).replace(" ", ""):
        problems.append(f"plural header is {header!r}, CLDR says {plural_header(code)!r}")
    return LocaleStatus(
        code, len(messages), len(translated), sum(1 for m in messages if m.fuzzy), tuple(problems)
    )


def catalogue_problems(translations: Path, codes) -> list:
    """Every untranslated, fuzzy or malformed entry as a KnowledgeError (for `kenri check`)."""
    from webapp.knowledge.errors import KnowledgeError

    problems = []
    for code in codes:
        path = translations / code / "LC_MESSAGES" / "messages.po"
        shown = f"translations/{code}/LC_MESSAGES/messages.po"
        if not path.is_file():
            problems.append(
                KnowledgeError(shown, 1, f"missing catalogue for shipped locale {code}")
            )
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        for message in catalog:
            if not message.id:
                continue
            line = message.lineno or 1
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(KnowledgeError(shown, line, f"fuzzy: {message.id!r:.60}"))
            elif not all(strings):
                problems.append(KnowledgeError(shown, line, f"untranslated: {message.id!r:.60}"))
        for message, errors in catalog.check():
            for error in errors:
                problems.append(KnowledgeError(shown, message.lineno or 1, str(error)))
    return problems

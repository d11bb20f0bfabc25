"""Compiled catalogues are never silently missing.

Flask-Babel quietly falls back to the English source when a locale's `.mo` file is absent (after
a plain `pip install -e .`, say), so every page and API answer would be English in every language.
At start-up each shipped locale's `.mo` is compiled when it is missing or older than its `.po`;
when that cannot be done the app refuses to start with a message saying how to fix it.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


class CataloguesUnavailable(Exception):
    """A shipped locale has no usable compiled catalogue and none could be built."""


def catalogue_paths(translations: Path, code: str) -> tuple[Path, Path]:
    folder = Path(translations) / code / "LC_MESSAGES"
    return folder / "messages.po", folder / "messages.mo"


def stale_catalogues(translations: Path, codes) -> list[str]:
    """The locales whose .mo is missing or older than their .po."""
    stale = []
    for code in codes:
        po, mo = catalogue_paths(translations, code)
        if not mo.is_file() or (po.is_file() and po.stat().st_mtime > mo.stat().st_mtime):
            stale.append(code)
    return stale


def ensure_compiled(translations: Path, codes) -> list[str]:
    """Compile every missing or stale catalogue; return the codes compiled.

    Raises CataloguesUnavailable (naming the locales and the fix) when a .po is missing or the
    folder is not writable. Fuzzy entries are left out, as `pybabel compile` does.
    """
    compiled, problems = [], []
    for code in stale_catalogues(translations, codes):
        po, mo = catalogue_paths(translations, code)
        if not po.is_file():
            problems.append(f"{code}: {po} is missing")
            continue
        try:
            with po.open("rb") as source:
                catalog = read_po(source, locale=code)
            tmp = mo.with_suffix(".mo.tmp")
            with tmp.open("wb") as target:
                write_mo(target, catalog, use_fuzzy=False)
            tmp.replace(mo)  # atomic: a server starting beside us never reads half a file
        except OSError as exc:
            problems.append(f"{code}: cannot write {mo} ({exc.strerror})")
            continue
        compiled.append(code)
    if problems:
        raise CataloguesUnavailable(
            "The translation catalogues are not compiled and could not be compiled here:\n  "
            + "\n  ".join(problems)
            + "\nRun `kenri i18n compile` (or `bash scripts/setup`) as a user who can write "
            "to the translations folder, then start Kenri again."
        )
    return compiled

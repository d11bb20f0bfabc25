"""The shipped locales (translations/locales.yaml) and choosing one for a request."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale


@dataclass(frozen=True)
class ShippedLocale:
    code: str                 # Babel code, e.g. zh_Hans_CN
    native_name: str
    reviewed: bool            # reviewed by a native speaker
    bcp47: str                # for <html lang> and API output, e.g. zh-Hans

    @classmethod
    def build(cls, code: str, reviewed: bool) -> "ShippedLocale":
        locale = Locale.parse(code)
        tag = "-".join(p for p in (locale.language, locale.script) if p) if locale.script \
            else locale.language
        return cls(code, locale.get_display_name(code), reviewed, tag)


def read_locales(translations_dir: Path) -> dict[str, ShippedLocale]:
    """The locales listed in translations/locales.yaml (English always ships)."""
    path = Path(translations_dir) / "locales.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    locales = {"en": ShippedLocale.build("en", True)}
    for item in (entries or {}).get("locales", []):
        locales[item["code"]] = ShippedLocale.build(item["code"], bool(item.get("reviewed")))
    return locales


def resolve(requested: str | None, shipped: dict[str, ShippedLocale]) -> str | None:
    """Map a requested code (Babel or BCP 47, e.g. 'zh-Hans', 'tl', 'vi-VN') to a shipped one."""
    if not requested:
        return None
    wanted = requested.strip().replace("-", "_")
    if wanted.lower() in ("tl", "tl_ph"):
        wanted = "fil"
    by_lower = {code.lower(): code for code in shipped}
    by_lower.update({loc.bcp47.lower().replace("-", "_"): loc.code for loc in shipped.values()})
    if wanted.lower() in by_lower:
        return by_lower[wanted.lower()]
    language = wanted.split("_")[0].lower()
    by_language = {}
    for loc in shipped.values():
        by_language.setdefault(Locale.parse(loc.code).language, loc.code)
    return by_lower.get(language) or by_language.get(language)


def choose(shipped: dict[str, ShippedLocale], explicit: str | None, remembered: str | None,
           accepted: list[str], default: str) -> str:
    """Explicit choice, then the session's, then Accept-Language (in order), then the default."""
    for candidate in (explicit, remembered, *accepted):
        code = resolve(candidate, shipped)
        if code:
            return code
    return default

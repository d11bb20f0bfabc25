"""The shipped locales (translations/locales.yaml) and choosing one for a request."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale


@dataclass(frozen=True)
class ShippedLocale:
    code: str  # Babel code, e.g. zh_Hans_CN
    native_name: str
    reviewed: bool  # reviewed by a native speaker
    bcp47: str  # for <html lang> and API output, e.g. zh-Hans
    direction: str = "ltr"  # for <html dir>

    @classmethod
    def build(cls, code: str, reviewed: bool) -> "ShippedLocale":
        locale = Locale.parse(code)
        tag = (
            "-".join(p for p in (locale.language, locale.script) if p)
            if locale.script
            else locale.language
        )
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
        return cls(code, locale.get_display_name(code) or code, reviewed, tag, direction)


class Locales(dict):
    """The shipped locales by Babel code, with the lookups `resolve` needs built once."""

    def __init__(self, locales: dict[str, ShippedLocale]):
        super().__init__(locales)
        self.exact = {code.lower(): code for code in self}
        self.exact.update({loc.bcp47.lower().replace("-", "_"): loc.code for loc in self.values()})
        # The API takes exactly these spellings (its OpenAPI enum): each code and BCP 47 tag.
        self.api_names = {code: code for code in self}
        self.api_names.update({loc.bcp47: loc.code for loc in self.values()})
        self.by_language: dict[str, str] = {}
        for loc in self.values():
            self.by_language.setdefault(Locale.parse(loc.code).language, loc.code)


def read_locales(translations_dir: Path) -> Locales:
    """The locales listed in translations/locales.yaml (English always ships)."""
    path = Path(translations_dir) / "locales.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    locales = {"en": ShippedLocale.build("en", True)}
    for item in (entries or {}).get("locales", []):
        locales[item["code"]] = ShippedLocale.build(item["code"], bool(item.get("reviewed")))
    return Locales(locales)


def resolve(requested: str | None, shipped: dict[str, ShippedLocale]) -> str | None:
    """Map a requested code (Babel or BCP 47, e.g. 'zh-Hans', 'tl', 'vi-VN') to a shipped one."""
    if not requested:
        return None
    table = shipped if isinstance(shipped, Locales) else Locales(shipped)
    wanted = requested.strip().replace("-", "_").lower()
    if wanted in ("tl", "tl_ph"):
        wanted = "fil"
    if wanted in table.exact:
        return table.exact[wanted]
    language = wanted.split("_")[0]
    return table.exact.get(language) or table.by_language.get(language)


def choose(
    shipped: dict[str, ShippedLocale],
    explicit: str | None,
    remembered: str | None,
    accepted: list[str],
    default: str,
) -> str:
    """Explicit choice, then the session's, then Accept-Language (in order), then the default."""
    for candidate in (explicit, remembered, *accepted):
        code = resolve(candidate, shipped)
        if code:
            return code
    return default

"""Settings, as one frozen dataclass. Paths are absolute so nothing depends on the cwd."""

from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    translations_dir: Path = PROJECT_ROOT / "translations"
    database: Path = PROJECT_ROOT / "instance" / "kenri.db"
    default_locale: str = "en"
    testing: bool = False
    kiosk: bool = False
    max_body_bytes: int = 64 * 1024
    extra: dict = field(default_factory=dict)

"""One error type for everything wrong in the knowledge tree."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class KnowledgeError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class KnowledgeInvalid(Exception):
    """Raised when the knowledge tree has errors; carries all of them."""

    def __init__(self, errors: list[KnowledgeError]):
        self.errors = sorted(errors)
        super().__init__(f"{len(self.errors)} knowledge error(s)")


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the knowledge root's parent when possible."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)

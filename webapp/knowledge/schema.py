"""Reading typed fields out of strict-YAML nodes, collecting every error with its line."""

import datetime as dt
import re

from webapp.knowledge.errors import KnowledgeError
from webapp.knowledge.strict_yaml import Node, Seq

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
VERIFICATION_WORDS = ("confirmed", "secondary", "unconfirmed")


class Problems:
    """Collects KnowledgeErrors for one file."""

    def __init__(self, path: str, errors: list[KnowledgeError]):
        self.path = path
        self.errors = errors

    def add(self, line: int, message: str) -> None:
        self.errors.append(KnowledgeError(self.path, line, message))


class Fields:
    """The keys of one mapping, checked against the keys a schema allows.

    Unknown keys and missing required keys are reported at once; getters report bad values and
    return None so that loading can carry on and find every other problem too.
    """

    def __init__(
        self,
        node,
        problems: Problems,
        what: str,
        required: set[str],
        optional: set[str] = frozenset(),
        line: int = 1,
    ):
        self.problems = problems
        self.what = what
        if not isinstance(node, Node):
            problems.add(getattr(node, "line", line), f"{what} must be a mapping of keys to values")
            node = Node()
            node.line, node.key_lines = line, {}
            self.valid = False
        else:
            self.valid = True
        self.node = node
        self.line = node.line
        for key in node:
            if key not in required and key not in optional:
                allowed = ", ".join(sorted(required | set(optional)))
                problems.add(
                    node.line_of(key), f"unknown key '{key}' in {what} (allowed: {allowed})"
                )
        if self.valid:
            for key in sorted(required - set(node)):
                problems.add(node.line, f"{what} is missing required key '{key}'")

    def line_of(self, key: str) -> int:
        return self.node.line_of(key)

    def has(self, key: str) -> bool:
        return key in self.node

    def raw(self, key: str):
        return self.node.get(key)

    def error(self, key: str, message: str) -> None:
        self.problems.add(self.line_of(key), message)

    def text(self, key: str) -> str | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"'{key}' must be non-empty text")
            return None
        return value.strip()

    def ident(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not ID_PATTERN.match(value):
            self.error(key, f"bad id '{value}': use lower-case words joined by hyphens")
            return None
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(key)
        if value is not None and value not in allowed:
            self.error(key, f"'{key}' must be one of {', '.join(allowed)}, not '{value}'")
            return None
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date()
        except ValueError:
            self.error(key, f"'{key}' must be a date written YYYY-MM-DD, not '{value}'")
            return None

    def number(self, key: str) -> float | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return float(value)
        except ValueError:
            self.error(key, f"'{key}' must be a number, not '{value}'")
            return None

    def boolean(self, key: str) -> bool | None:
        value = self.text(key)
        if value is None:
            return None
        if value not in ("true", "false"):
            self.error(key, f"'{key}' must be true or false, not '{value}'")
            return None
        return value == "true"

    def seq(self, key: str) -> Seq | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.error(key, f"'{key}' must be a list")
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.seq(key)
        if items is None:
            return ()
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.problems.add(
                    items.line_of(index), f"each item of '{key}' must be non-empty text"
                )
            else:
                result.append(item.strip())
        return tuple(result)

    def idents(self, key: str) -> tuple[str, ...]:
        items = self.seq(key)
        if items is None:
            return ()
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not ID_PATTERN.match(item):
                self.problems.add(items.line_of(index), f"bad id '{item}' in '{key}'")
            else:
                result.append(item)
        return tuple(result)


def _bad_date():
    raise ValueError


def list_items(data, problems: Problems, what: str):
    """Yield (index, item, line) for a top-level list, reporting a file that is not one."""
    if data is None:
        return
    if not isinstance(data, Seq):
        problems.add(getattr(data, "line", 1), f"the file must be a list of {what}")
        return
    for index, item in enumerate(data):
        yield index, item, data.line_of(index)

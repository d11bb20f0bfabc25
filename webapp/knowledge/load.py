"""Load the knowledge tree from YAML files into a KnowledgeBase, collecting every error."""

from pathlib import Path

from webapp.knowledge.errors import KnowledgeError, KnowledgeInvalid, display_path
from webapp.knowledge.model import KnowledgeBase
from webapp.knowledge.read_cases import read_cases
from webapp.knowledge.read_interview import read_meta, read_questions, read_rules
from webapp.knowledge.read_law import read_provisions, read_referrals, read_wages
from webapp.knowledge.schema import ID_PATTERN, Problems
from webapp.knowledge.strict_yaml import NOT_YAML, StrictYamlError, parse
from webapp.knowledge.validate import validate

TOPIC_FOLDERS = ("questions", "rules", "cases")


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load and validate; raise KnowledgeInvalid listing every problem."""
    kb, errors = read_knowledge(root)
    if errors:
        raise KnowledgeInvalid(errors)
    return kb


def read_knowledge(root: Path) -> tuple[KnowledgeBase | None, list[KnowledgeError]]:
    root = Path(root)
    errors: list[KnowledgeError] = []
    if not (root / "meta.yaml").is_file():
        return None, [
            KnowledgeError(
                str(root / "meta.yaml"), 1, "missing: every knowledge tree needs meta.yaml"
            )
        ]

    def each(folder: str):
        for path in sorted((root / folder).glob("*.yaml")):
            problems = Problems(display_path(path, root), errors)
            if folder in TOPIC_FOLDERS and not ID_PATTERN.match(path.stem):
                problems.add(1, f"file name '{path.name}' must be a topic id such as wages.yaml")
                continue
            data = _parse(path, problems)
            if data is not None:
                yield path.stem, data, problems

    meta_problems = Problems(display_path(root / "meta.yaml", root), errors)
    meta = read_meta(_parse(root / "meta.yaml", meta_problems), meta_problems)
    provisions, questions, rules, referrals, cases = {}, {}, [], {}, []
    for _, data, problems in each("provisions"):
        read_provisions(data, problems, provisions)
    for topic, data, problems in each("questions"):
        read_questions(data, problems, topic, questions)
    for topic, data, problems in each("rules"):
        read_rules(data, problems, topic, rules)
    for _, data, problems in each("referrals"):
        read_referrals(data, problems, referrals)
    for _, data, problems in each("cases"):
        read_cases(data, problems, cases)
    wages = None
    wage_path = root / "minimum-wages.yaml"
    if wage_path.is_file():
        wage_problems = Problems(display_path(wage_path, root), errors)
        wages = read_wages(_parse(wage_path, wage_problems), wage_problems)
    if meta is None:
        return None, errors
    kb = KnowledgeBase(meta, provisions, questions, tuple(rules), referrals, wages, tuple(cases))
    if not any(e.message.startswith(NOT_YAML) for e in errors):
        # Cross-file checks after a file failed to parse would only list its missing ids.
        validate(kb, errors, meta_problems.path)
    return kb, errors


def _parse(path: Path, problems: Problems):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(1, f"cannot read the file: {exc.__class__.__name__}")
        return None
    try:
        data, duplicates = parse(text)
    except StrictYamlError as exc:
        problems.add(exc.line, exc.message)
        return None
    for duplicate in duplicates:
        problems.add(duplicate.line, duplicate.message)
    return data

"""Every case under knowledge/cases/ runs as its own test (ids are the case names)."""

import pytest

from webapp.config import Settings
from webapp.engine.cases import case_failures
from webapp.knowledge import load_knowledge

_KB = load_knowledge(Settings().knowledge_dir)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in _KB.cases])
def test_knowledge_case(case):
    failures = case_failures(_KB, case)
    assert not failures, f"{case.where.path}:{case.where.line}: " + "; ".join(failures)


def test_there_are_at_least_sixty_cases():
    assert len(_KB.cases) >= 60

"""Every case under knowledge/cases/ runs as its own test (ids are the case names)."""

import pytest

from testkit.answer_sets import shipped_knowledge
from webapp.engine.cases import case_failures

_KB = shipped_knowledge()  # the same object as the session's `kb` fixture: loaded once


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in _KB.cases])
def test_knowledge_case(case):
    failures = case_failures(_KB, case)
    assert not failures, f"{case.where.path}:{case.where.line}: " + "; ".join(failures)


def test_there_are_at_least_sixty_cases():
    assert len(_KB.cases) >= 60

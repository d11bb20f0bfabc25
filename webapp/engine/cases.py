"""Running a knowledge case (knowledge/cases/) against the engine: returns what went wrong."""

from webapp.engine.evaluate import evaluate
from webapp.knowledge.answers import normalise_answers
from webapp.knowledge.model import END, Case, KnowledgeBase


def case_failures(kb: KnowledgeBase, case: Case) -> list[str]:
    """Every way the engine's result differs from what the case expects (empty: it passes)."""
    answers = normalise_answers(kb, case.answers)
    result = evaluate(kb, answers, case.on)
    found = {f.id: f for f in result.findings}
    problems = []
    for fid, expected in case.findings.items():
        finding = found.get(fid)
        if finding is None:
            problems.append(f"expected finding '{fid}', got {sorted(found) or 'none'}")
            continue
        if expected.severity and finding.severity != expected.severity:
            problems.append(
                f"'{fid}': expected severity {expected.severity}, got {finding.severity}"
            )
        cited = [p.id for p in finding.provisions]
        positions = [cited.index(pid) for pid in expected.cites if pid in cited]
        missing = [pid for pid in expected.cites if pid not in cited]
        if missing or positions != sorted(positions):
            problems.append(
                f"'{fid}': expected to cite {list(expected.cites)} in that order, got {cited}"
            )
        if expected.crime is not None and finding.may_be_crime != expected.crime:
            problems.append(f"'{fid}': expected crime={expected.crime}, got {finding.may_be_crime}")
    for fid in case.absent:
        if fid in found:
            problems.append(f"finding '{fid}' should be absent but was found")
    for pid in case.not_cited:
        citing = [f.id for f in result.findings if pid in {p.id for p in f.provisions}]
        if citing:
            problems.append(f"provision '{pid}' should not be cited, but {citing} cite it")
    if case.next is not None:
        actual = result.next_question or END
        if actual != case.next:
            problems.append(f"expected next question '{case.next}', got '{actual}'")
    if case.indicators is not None and len(result.indicators) != case.indicators:
        problems.append(
            f"expected {case.indicators} indicator(s), got {len(result.indicators)} "
            f"{list(result.indicators)}"
        )
    return problems

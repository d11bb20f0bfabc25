"""The evaluation as the trainee saw it, reduced to what a shared case keeps."""

from webapp.engine import Evaluation
from webapp.knowledge.model import KnowledgeBase
from webapp.store.cases import CaseSnapshot


def snapshot_of(kb: KnowledgeBase, evaluation: Evaluation) -> CaseSnapshot:
    """Finding ids and severities, regime, date, knowledge version and the prefecture."""
    wiring = kb.meta.wage_check
    prefecture = evaluation.answers.get(wiring.prefecture) if wiring else None
    if kb.wages is None or prefecture not in kb.wages.prefectures:
        prefecture = None
    return CaseSnapshot(
        tuple((f.id, f.severity) for f in evaluation.findings),
        evaluation.regime,
        evaluation.on,
        kb.version,
        prefecture,
    )

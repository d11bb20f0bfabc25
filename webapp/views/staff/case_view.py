"""A shared case put into words twice: in the staff member's language and, beside it, in the
trainee's. Structured answers translate; nothing the trainee typed is machine-translated.

The findings come from the real engine on the stored answers and the day the trainee checked
them, presented by the same code as the trainee's result page (webapp.views.translated).
"""

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from webapp.engine import evaluate
from webapp.knowledge.answers import AnswerError, normalise_answer
from webapp.store.case_work import Case
from webapp.views.staff.labels import SEVERITIES
from webapp.views.translated import answer_label, evaluation_json


def usable_answers(kb, answers: dict) -> tuple[dict, list[str]]:
    """The answers the current knowledge still understands, and the ids of those it does not
    (a question removed or changed since the trainee answered)."""
    usable, dropped = {}, []
    for qid, value in answers.items():
        question = kb.questions.get(qid)
        try:
            usable[qid] = normalise_answer(question, value) if question else None
        except AnswerError:
            usable[qid] = None
        if usable[qid] is None:
            usable.pop(qid)
            dropped.append(qid)
    return usable, dropped


def _side(kb, evaluation, answers: dict, code: str) -> dict:
    locales = current_app.extensions["kenri"].locales
    shipped = locales.get(code)
    with force_locale(code):
        result = evaluation_json(kb, evaluation, code)
        for finding in result["findings"]:
            finding["severity_label"] = _(SEVERITIES[finding["severity"]])
        rows = [
            {
                "question": _(kb.questions[qid].text),
                "answer": answer_label(kb.questions[qid], value),
            }
            for qid, value in answers.items()
        ]
    return {
        "code": code,
        "lang": shipped.bcp47 if shipped else code.replace("_", "-"),
        "result": result,
        "answers": rows,
    }


def bilingual_case(kb, case: Case, ui_code: str) -> dict:
    answers, dropped = usable_answers(kb, case.answers)
    evaluation = evaluate(kb, answers, case.evaluated_on)
    trainee_code = case.locale if case.locale in current_app.extensions["kenri"].locales else "en"
    codes = [ui_code] if trainee_code == ui_code else [ui_code, trainee_code]
    sides = [_side(kb, evaluation, answers, code) for code in codes]
    seen = {finding.id for finding in evaluation.findings}
    return {
        "sides": sides,
        "findings": list(zip(*[side["result"]["findings"] for side in sides], strict=False)),
        "answers": list(zip(*[side["answers"] for side in sides], strict=False)),
        "dropped": dropped,
        "changed": seen != {finding_id for finding_id, _severity in case.findings},
        "same_knowledge": case.knowledge_version == kb.version,
    }

"""Reader for rule test cases (knowledge/cases/)."""

from webapp.knowledge.model import Case, ExpectedFinding, Where
from webapp.knowledge.schema import Fields, Problems, list_items
from webapp.knowledge.strict_yaml import Node


def read_cases(data, problems: Problems, cases: list) -> None:
    for _, raw, line in list_items(data, problems, "cases"):
        f = Fields(
            raw,
            problems,
            "a case",
            {"name", "on", "answers"},
            {"findings", "absent", "not_cited", "next", "indicators"},
            line,
        )
        if not any(f.has(k) for k in ("findings", "absent", "next")):
            problems.add(line, "a case needs at least one of 'findings', 'absent' or 'next'")
        answers = f.raw("answers")
        if answers is not None and not isinstance(answers, Node):
            f.error("answers", "'answers' must be a mapping of question id to answer")
            answers = None
        findings = {}
        raw_findings = f.raw("findings")
        if raw_findings is not None and not isinstance(raw_findings, Node):
            f.error("findings", "'findings' must be a mapping of finding id to expectations")
        elif raw_findings is not None:
            for finding_id, expected in raw_findings.items():
                e_line = raw_findings.line_of(finding_id)
                e = Fields(
                    expected,
                    problems,
                    "an expected finding",
                    set(),
                    {"severity", "cites", "crime"},
                    e_line,
                )
                findings[finding_id] = ExpectedFinding(
                    e.choice("severity", ("urgent", "serious", "concern"))
                    if e.has("severity")
                    else None,
                    e.idents("cites"),
                    e.boolean("crime"),
                    e_line,
                )
        indicators = f.number("indicators")
        values = (f.text("name"), f.date("on"))
        if None in values or answers is None:
            continue
        cases.append(
            Case(
                name=values[0],
                on=values[1],
                answers=dict(answers),
                findings=findings,
                absent=f.idents("absent"),
                not_cited=f.idents("not_cited"),
                next=f.text("next"),
                indicators=int(indicators) if indicators is not None else None,
                where=Where(problems.path, line),
            )
        )

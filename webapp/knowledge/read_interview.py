"""Readers for the interview: meta.yaml, questions and rules."""

import re

from webapp.knowledge.conditions import (
    WAGE_FACTS,
    parse_condition,
    questions_of,
    uses_fact,
    uses_indicators,
)
from webapp.knowledge.model import (
    END,
    QUESTION_KINDS,
    SEVERITIES,
    STANDARD_OPTIONS,
    Branch,
    DangerWiring,
    Meta,
    Option,
    Question,
    RegimeWiring,
    Rule,
    Topic,
    WageCheckWiring,
    Where,
)
from webapp.knowledge.schema import ID_PATTERN, Fields, Problems, list_items

# Placeholders rule texts may use; the presenter fills them in the reader's language.
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
BODY_PLACEHOLDERS = ("otit",)  # OTIT, or its successor for an ESD worker
WAGE_PLACEHOLDERS = ("prefecture", "pay", "minimum", "minimum_from", "revision")


def read_meta(data, problems: Problems) -> Meta | None:
    f = Fields(
        data,
        problems,
        "meta.yaml",
        {"version", "reviewed_on", "start"},
        {"minimum_wage_check", "regime", "all_clear_referrals", "danger", "topics"},
    )
    start = read_branches(f.seq("start"), problems, f.line_of("start"))
    wage_check = regime = None
    if f.has("minimum_wage_check"):
        w = Fields(
            f.raw("minimum_wage_check"),
            problems,
            "minimum_wage_check",
            {"prefecture", "hourly_rate", "monthly_pay", "monthly_hours", "work_month"},
            line=f.line_of("minimum_wage_check"),
        )
        ids = [
            w.ident(k)
            for k in ("prefecture", "hourly_rate", "monthly_pay", "monthly_hours", "work_month")
        ]
        wage_check = WageCheckWiring(*ids) if None not in ids else None
    if f.has("regime"):
        r = Fields(
            f.raw("regime"),
            problems,
            "regime",
            {"question", "changes_on", "esd_options", "titp_options", "other_options"},
            line=f.line_of("regime"),
        )
        values = (r.ident("question"), r.date("changes_on"))
        if None not in values:
            regime = RegimeWiring(
                values[0],
                values[1],
                r.idents("esd_options"),
                r.idents("titp_options"),
                r.idents("other_options"),
            )
    danger = None
    if f.has("danger"):
        d = Fields(
            f.raw("danger"), problems, "danger", {"questions", "answers"}, line=f.line_of("danger")
        )
        danger = DangerWiring(d.idents("questions"), d.idents("answers"))
    topics: dict[str, Topic] = {}
    for _, item, line in list_items(f.raw("topics"), problems, "topics"):
        t = Fields(item, problems, "topic", {"id", "label", "check", "referrals"}, line=line)
        values = (t.ident("id"), t.text("label"), t.text("check"))
        if None not in values:
            if values[0] in topics:
                t.error("id", f"duplicate topic '{values[0]}'")
            topics[values[0]] = Topic(values[0], values[1], values[2], t.idents("referrals"))
    version, reviewed = f.text("version"), f.date("reviewed_on")
    if None in (version, reviewed):
        return None
    return Meta(
        version,
        reviewed,
        start,
        wage_check,
        regime,
        f.idents("all_clear_referrals"),
        danger,
        topics,
    )


def read_branches(items, problems: Problems, line: int) -> tuple[Branch, ...]:
    """A `next:` (or `start:`) list: conditional branches, then exactly one default."""
    branches = []
    if items is None:
        return ()
    if not items:
        problems.add(line, "'next' needs at least one branch")
    for index, raw, item_line in list_items(items, problems, "branches"):
        f = Fields(raw, problems, "a branch", {"go"}, {"when"}, item_line)
        go = f.text("go")
        if go and go != END and not ID_PATTERN.match(go):
            f.error("go", f"bad question id '{go}' in 'go'")
            go = None
        when = (
            parse_condition(f.raw("when"), problems, f.line_of("when")) if f.has("when") else None
        )
        is_last = index == len(items) - 1
        if f.has("when") and is_last:
            problems.add(
                item_line,
                "dead end: the last branch must have no 'when', so every answer leads somewhere",
            )
        if not f.has("when") and not is_last:
            problems.add(item_line, "a branch without 'when' must be the last one")
        if go and (when is not None or not f.has("when")):
            branches.append(Branch(when, go, Where(problems.path, item_line)))
    return tuple(branches)


def read_questions(data, problems: Problems, topic: str, questions: dict) -> None:
    for _, raw, line in list_items(data, problems, "questions"):
        f = Fields(
            raw,
            problems,
            "a question",
            {"id", "text", "next"},
            {"help", "kind", "options", "unit", "min", "max", "fact_label"},
            line,
        )
        qid, text = f.ident("id"), f.text("text")
        kind = f.choice("kind", QUESTION_KINDS) if f.has("kind") else "choice"
        options = _read_options(f, problems)
        if kind in ("choice", "multi") and len(options) < 2:
            problems.add(line, f"a {kind} question needs at least two options")
        if kind == "number":
            for key in ("unit", "min", "max"):
                if not f.has(key):
                    problems.add(line, f"a number question needs '{key}'")
        elif any(f.has(k) for k in ("unit", "min", "max")):
            problems.add(line, "'unit', 'min' and 'max' are only for number questions")
        if qid and not qid.startswith(topic + "-"):
            f.error("id", f"question id '{qid}' must start with its topic '{topic}-'")
        branches = read_branches(f.seq("next"), problems, f.line_of("next"))
        if None in (qid, text, kind):
            continue
        if qid in questions:
            other = questions[qid].where
            problems.add(line, f"duplicate question id '{qid}' (also {other.path}:{other.line})")
            continue
        questions[qid] = Question(
            qid,
            topic,
            text,
            f.text("help"),
            kind,
            options,
            f.text("unit"),
            f.number("min"),
            f.number("max"),
            branches,
            Where(problems.path, line),
            fact=f.text("fact_label"),
        )


def _read_options(f: Fields, problems: Problems) -> tuple[Option, ...]:
    options, seen = [], set()
    for _, raw, line in list_items(f.seq("options"), problems, "options"):
        o = Fields(raw, problems, "an option", {"id", "label"}, line=line)
        oid, label = o.ident("id"), o.text("label")
        if oid in STANDARD_OPTIONS:
            o.error("id", f"'{oid}' is offered by every question; do not write it")
        elif oid in seen:
            o.error("id", f"duplicate option id '{oid}'")
        elif oid and label:
            seen.add(oid)
            options.append(Option(oid, label))
    return tuple(options)


def read_rules(data, problems: Problems, topic: str, rules: list) -> None:
    for _, raw, line in list_items(data, problems, "rules"):
        f = Fields(
            raw,
            problems,
            "a rule",
            {"id", "severity", "when", "title", "explanation", "actions", "referrals"},
            {
                "cites",
                "indicators",
                "crime_when",
                "crime_note",
                "evidence",
                "lead",
                "summary_title",
            },
            line,
        )
        when = (
            parse_condition(f.raw("when"), problems, f.line_of("when")) if f.has("when") else None
        )
        crime_when = (
            parse_condition(f.raw("crime_when"), problems, f.line_of("crime_when"))
            if f.has("crime_when")
            else None
        )
        if f.has("crime_when") != f.has("crime_note"):
            problems.add(line, "'crime_when' and 'crime_note' go together")
        indicators = []
        for text in f.texts("indicators"):
            if not text.isdigit() or not 1 <= int(text) <= 11:
                f.error("indicators", f"ILO indicators are numbers 1 to 11, not '{text}'")
            else:
                indicators.append(int(text))
        cites, actions = f.idents("cites"), f.texts("actions")
        if f.has("cites") and not cites:
            f.error(
                "cites",
                "'cites' lists at least one provision; leave it out only for a "
                "finding about immediate needs that no provision covers",
            )
        if not f.has("cites") and (f.has("crime_when") or f.raw("severity") != "urgent"):
            problems.add(line, "a rule without 'cites' must be urgent and cannot be a crime")
        if f.has("actions") and not actions:
            f.error("actions", "a rule needs at least one action")
        values = (
            f.ident("id"),
            f.choice("severity", SEVERITIES),
            when,
            f.text("title"),
            f.text("explanation"),
        )
        _check_placeholders(f, problems, uses_fact(when, *WAGE_FACTS))
        if None in values or (f.has("cites") and not cites):
            continue
        rules.append(
            Rule(
                id=values[0],
                topic=topic,
                severity=values[1],
                when=when,
                cites=cites,
                indicators=tuple(sorted(set(indicators))),
                crime_when=crime_when,
                crime_note=f.text("crime_note"),
                title=values[3],
                summary_title=f.text("summary_title"),
                explanation=values[4],
                actions=actions,
                evidence=f.texts("evidence"),
                referrals=f.idents("referrals"),
                where=Where(problems.path, line, dict(f.node.key_lines)),
                uses_indicators=uses_indicators(when),
                when_questions=questions_of(when),
                crime_questions=questions_of(crime_when),
                uses_wage_fact=uses_fact(when, *WAGE_FACTS),
                lead=f.boolean("lead") or False,
            )
        )


def _check_placeholders(f: Fields, problems: Problems, uses_wage: bool) -> None:
    """Rule texts may name the oversight body, and wage rules the figures of the wage check."""
    allowed = set(BODY_PLACEHOLDERS) | (set(WAGE_PLACEHOLDERS) if uses_wage else set())
    for key in ("title", "summary_title", "explanation", "crime_note", "actions", "evidence"):
        raw = f.raw(key)
        texts = [raw] if isinstance(raw, str) else [t for t in (raw or []) if isinstance(t, str)]
        for text in texts:
            for name in PLACEHOLDER.findall(text):
                if name not in allowed:
                    hint = (
                        " (wage figures only in a rule whose 'when' uses a minimum-wage fact)"
                        if name in WAGE_PLACEHOLDERS
                        else ""
                    )
                    f.error(
                        key,
                        f"unknown placeholder %({name})s in '{key}'{hint}; known: "
                        f"{', '.join(sorted(allowed))}",
                    )
            if "%" in PLACEHOLDER.sub("", text):
                f.error(
                    key,
                    f"a lone '%' in '{key}': write 'percent', or a placeholder such as %(otit)s",
                )

"""Cross-file checks: every id exists, the interview graph is sound, dates make sense."""

import datetime as dt

from webapp.knowledge.answers import AnswerError, normalise_answer
from webapp.knowledge.conditions import references
from webapp.knowledge.errors import KnowledgeError
from webapp.knowledge.model import END, TIERS, KnowledgeBase, Option

LOCALES = ("ja", "en", "vi", "id", "fil", "zh", "my", "km", "th", "ne", "mn")


class Report:
    def __init__(self, errors: list[KnowledgeError]):
        self.errors = errors

    def add(self, where, message: str, line: int | None = None) -> None:
        self.errors.append(KnowledgeError(where.path, line or where.line, message))


def validate(kb: KnowledgeBase, errors: list[KnowledgeError], meta_path: str) -> None:
    report = Report(errors)
    _attach_prefectures(kb, report)
    _check_questions(kb, report, meta_path)
    _check_rules(kb, report)
    _check_law(kb, report)
    _check_cases(kb, report)


def _attach_prefectures(kb: KnowledgeBase, report: Report) -> None:
    """A `prefecture` question offers the prefectures of the minimum-wage table."""
    for question in list(kb.questions.values()):
        if question.kind != "prefecture":
            continue
        if kb.wages is None:
            report.add(question.where, "a prefecture question needs knowledge/minimum-wages.yaml")
            continue
        options = tuple(Option(p.id, p.name) for p in kb.wages.prefectures.values())
        object.__setattr__(question, "options", options)  # filled once, at load time


def _check_condition(kb, report, where, condition, line=None) -> None:
    for ref in references(condition):
        question = kb.questions.get(ref.question)
        if question is None:
            report.add(where, f"condition names unknown question '{ref.question}'", ref.line)
            continue
        if ref.numeric and question.kind != "number":
            report.add(
                where,
                f"'{ref.question}' is not a number question, so it cannot be compared",
                ref.line,
            )
        for option in ref.options or ():
            if option not in question.option_ids():
                report.add(
                    where,
                    f"'{option}' is not an option of '{ref.question}' (options: "
                    f"{', '.join(question.option_ids())})",
                    ref.line,
                )


def _check_questions(kb: KnowledgeBase, report: Report, meta_path: str) -> None:
    meta = kb.meta
    edges: dict[str, list] = {}
    for branch in meta.start:
        _check_condition(kb, report, branch.where, branch.when)
        if branch.go not in kb.questions:
            report.add(branch.where, f"'start' goes to unknown question '{branch.go}'")
    for question in kb.questions.values():
        edges[question.id] = []
        for branch in question.next:
            _check_condition(kb, report, branch.where, branch.when)
            if branch.go == END:
                continue
            if branch.go not in kb.questions:
                report.add(branch.where, f"'go' names unknown question '{branch.go}'")
            else:
                edges[question.id].append(branch)
    _check_wiring(kb, report, meta_path)
    reachable = _reachable(kb, edges)
    for question in kb.questions.values():
        if question.id not in reachable:
            report.add(
                question.where, f"question '{question.id}' can never be reached from the start"
            )
    for branch in _cycle_branches(kb, edges):
        report.add(
            branch.where,
            f"cycle: going to '{branch.go}' here leads back to a question already asked",
        )


def _check_wiring(kb: KnowledgeBase, report: Report, meta_path: str) -> None:
    class MetaWhere:
        path, line = meta_path, 1

    wiring = kb.meta.wage_check
    if wiring:
        expected = {
            wiring.prefecture: "prefecture",
            wiring.hourly_rate: "number",
            wiring.monthly_pay: "number",
            wiring.monthly_hours: "number",
            wiring.work_month: "month",
        }
        for qid, kind in expected.items():
            question = kb.questions.get(qid)
            if question is None or question.kind != kind:
                report.add(MetaWhere, f"minimum_wage_check: '{qid}' must be a {kind} question")
    regime = kb.meta.regime
    if regime:
        question = kb.questions.get(regime.question)
        if question is None:
            report.add(MetaWhere, f"regime: unknown question '{regime.question}'")
        else:
            for option in regime.esd_options + regime.titp_options + regime.other_options:
                if option not in question.option_ids():
                    report.add(
                        MetaWhere, f"regime: '{option}' is not an option of '{regime.question}'"
                    )
    danger = kb.meta.danger
    if danger:
        for qid in danger.questions:
            question = kb.questions.get(qid)
            if question is None:
                report.add(MetaWhere, f"danger: unknown question '{qid}'")
            elif not set(danger.answers) & set(question.option_ids()):
                report.add(
                    MetaWhere, f"danger: none of {list(danger.answers)} is an option of '{qid}'"
                )
    if kb.meta.topics:
        for topic in sorted({q.topic for q in kb.questions.values()} - set(kb.meta.topics)):
            report.add(MetaWhere, f"topics: no entry for the question topic '{topic}'")
        for topic in kb.meta.topics.values():
            for rid in topic.referrals:
                if rid not in kb.referrals:
                    report.add(MetaWhere, f"topics: '{topic.id}' names unknown referral '{rid}'")
    for rid in kb.meta.all_clear_referrals:
        if rid not in kb.referrals:
            report.add(MetaWhere, f"all_clear_referrals: unknown referral '{rid}'")


def _reachable(kb, edges) -> set[str]:
    seen: set[str] = set()
    todo = [b.go for b in kb.meta.start if b.go in kb.questions]
    while todo:
        qid = todo.pop()
        if qid not in seen:
            seen.add(qid)
            todo.extend(b.go for b in edges.get(qid, ()))
    return seen


def _cycle_branches(kb, edges) -> list:
    """Branches that close a cycle (found by depth-first search with colours)."""
    colour, found = {}, []

    def visit(qid):
        colour[qid] = "grey"
        for branch in edges.get(qid, ()):
            state = colour.get(branch.go)
            if state == "grey":
                found.append(branch)
            elif state is None:
                visit(branch.go)
        colour[qid] = "black"

    for qid in kb.questions:
        if qid not in colour:
            visit(qid)
    return found


def _check_rules(kb: KnowledgeBase, report: Report) -> None:
    today = dt.date.today()
    seen: dict[str, object] = {}
    tier_rank = {tier: rank for rank, tier in enumerate(TIERS)}
    for rule in kb.rules:
        if rule.id in seen:
            report.add(
                rule.where,
                f"duplicate rule id '{rule.id}' (also {seen[rule.id].path}:{seen[rule.id].line})",
            )
        seen[rule.id] = rule.where
        _check_condition(kb, report, rule.where, rule.when)
        _check_condition(kb, report, rule.where, rule.crime_when)
        cites_at, referrals_at = rule.where.at("cites"), rule.where.at("referrals")
        cited = [kb.provisions.get(pid) for pid in rule.cites]
        for pid, provision in zip(rule.cites, cited, strict=True):
            if provision is None:
                report.add(cites_at, f"rule '{rule.id}' cites unknown provision '{pid}'")
        known = [p for p in cited if p is not None]
        ranks = [tier_rank[p.tier] for p in known]
        if ranks != sorted(ranks):
            report.add(
                cites_at,
                f"rule '{rule.id}' must cite Japanese law first, then treaties "
                "Japan ratified, then international standards",
            )
        if known and not any(p.in_force_until is None or p.in_force_until >= today for p in known):
            report.add(cites_at, f"rule '{rule.id}' cites nothing that is still in force")
        for rid in rule.referrals:
            if rid not in kb.referrals:
                report.add(referrals_at, f"rule '{rule.id}' names unknown referral '{rid}'")


def _check_law(kb: KnowledgeBase, report: Report) -> None:
    today = dt.date.today()
    for provision in kb.provisions.values():
        if provision.checked_on > today:
            report.add(
                provision.where,
                f"'{provision.id}' checked_on {provision.checked_on} is in the future",
            )
        for source in provision.sources + provision.instrument.sources:
            if source.read_on > today:
                report.add(
                    provision.where,
                    f"'{provision.id}': a source read_on {source.read_on} is in the future",
                )
    for referral in kb.referrals.values():
        phone_languages = referral.phone.languages if referral.phone else ()
        for code in referral.languages + phone_languages:
            if code not in LOCALES:
                report.add(
                    referral.where,
                    f"referral '{referral.id}': unknown language code "
                    f"'{code}' (known: {', '.join(LOCALES)})",
                )
        _check_successor(kb, report, referral)
    if kb.wages:
        for prefecture in kb.wages.prefectures.values():
            if not prefecture.rates:
                report.add(prefecture.where, f"prefecture '{prefecture.id}' has no rates")


def _check_successor(kb: KnowledgeBase, report: Report, referral) -> None:
    """A successor stands in for a TITP body for ESD workers, so it must be an ESD referral."""
    if referral.successor is None:
        return
    successor = kb.referrals.get(referral.successor)
    if successor is None:
        report.add(
            referral.where, f"referral '{referral.id}': unknown successor '{referral.successor}'"
        )
    elif referral.regime != "titp" or successor.regime != "esd":
        report.add(
            referral.where,
            f"referral '{referral.id}' (regime titp) can only have an "
            f"ESD successor (regime esd), not '{successor.id}'",
        )


def _check_cases(kb: KnowledgeBase, report: Report) -> None:
    rule_ids = {r.id for r in kb.rules}
    for case in kb.cases:
        for qid, value in case.answers.items():
            question = kb.questions.get(qid)
            if question is None:
                report.add(case.where, f"case names unknown question '{qid}'")
                continue
            try:
                normalise_answer(question, value)
            except AnswerError as exc:
                report.add(case.where, f"case answer: {exc.message}")
        for fid, expected in case.findings.items():
            if fid not in rule_ids:
                report.add(case.where, f"case expects unknown finding '{fid}'", expected.line)
            for pid in expected.cites:
                if pid not in kb.provisions:
                    report.add(case.where, f"case expects unknown provision '{pid}'", expected.line)
        for fid in case.absent:
            if fid not in rule_ids:
                report.add(case.where, f"case lists unknown finding '{fid}' as absent")
        for pid in case.not_cited:
            if pid not in kb.provisions:
                report.add(case.where, f"case lists unknown provision '{pid}' in not_cited")
        if case.next and case.next != END and case.next not in kb.questions:
            report.add(case.where, f"case expects unknown next question '{case.next}'")

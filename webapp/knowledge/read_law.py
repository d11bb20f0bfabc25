"""Readers for the legal data: provisions, referrals and the minimum-wage table."""

from webapp.knowledge.model import (
    BINDS_WORDS,
    REGIMES,
    TIERS,
    Instrument,
    Penalty,
    Phone,
    Provision,
    Referral,
    Where,
)
from webapp.knowledge.opening_hours import HoursInvalid, Schedule, parse_break, parse_span
from webapp.knowledge.schema import VERIFICATION_WORDS, Fields, Problems, list_items
from webapp.knowledge.wage_table import Prefecture, Source, WageRate, WageRevision, WageTable


def read_provisions(data, problems: Problems, provisions: dict) -> None:
    top = Fields(
        data,
        problems,
        "a provisions file",
        {"instrument", "name", "short_name", "tier", "provisions"},
        {"name_ja", "regime", "tier_note", "sources"},
    )
    instrument = Instrument(
        id=top.ident("instrument") or "?",
        name=top.text("name") or "?",
        short_name=top.text("short_name") or "?",
        name_ja=top.text("name_ja"),
        tier=top.choice("tier", TIERS) or TIERS[0],
        regime=top.choice("regime", REGIMES),
        tier_note=top.text("tier_note"),
        sources=read_sources(top, "sources", problems),
    )
    for _, item, line in list_items(top.seq("provisions"), problems, "provisions"):
        provision = _read_provision(item, problems, line, instrument)
        if provision is None:
            continue
        if provision.id in provisions:
            other = provisions[provision.id].where
            problems.add(
                line, f"duplicate provision id '{provision.id}' (also {other.path}:{other.line})"
            )
        else:
            provisions[provision.id] = provision


def _read_provision(item, problems, line, instrument):
    f = Fields(
        item,
        problems,
        "a provision",
        {
            "id",
            "title",
            "summary",
            "binds",
            "in_force_from",
            "source_url",
            "checked_on",
            "verification",
        },
        {"article", "paragraph", "item", "penalty", "in_force_until", "sources", "articles"},
        line,
    )
    pid = f.ident("id")
    article, paragraph, number = f.text("article"), f.text("paragraph"), f.text("item")
    verification = f.choice("verification", VERIFICATION_WORDS)
    if pid and article:
        expected = "-".join(p.lower() for p in (instrument.id, article, paragraph, number) if p)
        if pid != expected:
            f.error(
                "id",
                f"provision id '{pid}' should be '{expected}' for {instrument.id} "
                f"article {article}",
            )
    elif pid and not pid.startswith(instrument.id + "-"):
        f.error("id", f"provision id '{pid}' must start with '{instrument.id}-'")
    elif pid and not article and verification != "unconfirmed":
        f.error(
            "id",
            f"provision '{pid}' has no article number, so its verification must be 'unconfirmed'",
        )
    articles = _article_range(f) if f.has("articles") else None
    if articles and article:
        f.error("articles", "'articles' (a range) is only for a provision without 'article'")
    binds = f.texts("binds")
    for word in binds:
        if word not in BINDS_WORDS:
            f.error("binds", f"unknown 'binds' word '{word}' (known: {', '.join(BINDS_WORDS)})")
    penalty = None
    if f.has("penalty"):
        p = Fields(
            f.raw("penalty"),
            problems,
            "a penalty",
            {"article", "text", "verification"},
            line=f.line_of("penalty"),
        )
        penalty = Penalty(
            p.text("article") or "",
            p.text("text") or "",
            p.choice("verification", VERIFICATION_WORDS) or "unconfirmed",
        )
    start, until = f.date("in_force_from"), f.date("in_force_until")
    if start and until and until < start:
        f.error("in_force_until", f"in_force_until {until} is before in_force_from {start}")
    values = (
        pid,
        f.text("title"),
        f.text("summary"),
        start,
        f.text("source_url"),
        f.date("checked_on"),
        verification,
    )
    if None in values:
        return None
    return Provision(
        id=pid,
        instrument=instrument,
        article=article,
        paragraph=paragraph,
        item=number,
        title=values[1],
        summary=values[2],
        binds=binds,
        penalty=penalty,
        in_force_from=start,
        in_force_until=until,
        source_url=values[4],
        checked_on=values[5],
        verification=verification,
        where=Where(problems.path, line),
        sources=read_sources(f, "sources", problems),
        articles=articles,
    )


def _article_range(f: Fields) -> tuple[str, str] | None:
    """'46-49': the articles a provision is known to be among when its own number is not."""
    value = f.text("articles")
    parts = value.split("-") if value else []
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) >= int(parts[1]):
        f.error(
            "articles", f"'articles' is a range of article numbers such as 46-49, not '{value}'"
        )
        return None
    return parts[0], parts[1]


def read_referrals(data, problems: Problems, referrals: dict) -> None:
    for _, item, line in list_items(data, problems, "referrals"):
        f = Fields(
            item,
            problems,
            "a referral",
            {"id", "name", "description", "languages", "source_url", "checked_on", "verification"},
            {"hours", "open", "closed", "phone", "website", "regime", "successor", "sources"},
            line,
        )
        phone = None
        if f.has("phone"):
            p = Fields(
                f.raw("phone"),
                problems,
                "a phone",
                {"number", "verification"},
                {"languages"},
                line=f.line_of("phone"),
            )
            phone = Phone(
                p.text("number") or "",
                p.choice("verification", VERIFICATION_WORDS) or "unconfirmed",
                p.texts("languages"),
            )
        values = (
            f.ident("id"),
            f.text("name"),
            f.text("description"),
            f.text("source_url"),
            f.date("checked_on"),
            f.choice("verification", VERIFICATION_WORDS),
        )
        languages = f.texts("languages")
        if None in values:
            continue
        referral = Referral(
            id=values[0],
            name=values[1],
            description=values[2],
            languages=languages,
            hours=f.text("hours"),
            phone=phone,
            website=f.text("website"),
            source_url=values[3],
            checked_on=values[4],
            verification=values[5],
            where=Where(problems.path, line),
            regime=f.choice("regime", REGIMES),
            successor=f.ident("successor"),
            sources=read_sources(f, "sources", problems),
            schedule=read_schedule(f),
        )
        if referral.id in referrals:
            problems.add(line, f"duplicate referral id '{referral.id}'")
        referrals[referral.id] = referral


def read_schedule(f: Fields) -> Schedule | None:
    """`open: ["mon-fri 17:00-22:00", ...]` and `closed: ["12-29..01-03"]`, beside the
    free-text `hours` they must agree with (webapp/knowledge/opening_hours.py reads them)."""
    if not f.has("open"):
        if f.has("closed"):
            f.error("closed", "'closed' needs 'open' beside it")
        return None
    if not f.has("hours"):
        f.error("open", "'open' needs 'hours' beside it: the text a trainee reads")
    spans, breaks = [], []
    for text in f.texts("open"):
        try:
            spans.append(parse_span(text))
        except HoursInvalid as problem:
            f.error("open", f"bad opening hours: {problem}")
    for text in f.texts("closed") if f.has("closed") else ():
        try:
            breaks.append(parse_break(text))
        except HoursInvalid as problem:
            f.error("closed", f"bad closing dates: {problem}")
    return Schedule(tuple(spans), tuple(breaks)) if spans else None


def read_sources(f: Fields, key: str, problems: Problems) -> tuple[Source, ...]:
    """A `sources:` list: each entry {url, read_on, verification, about?}."""
    sources = []
    for _, raw, line in list_items(f.seq(key), problems, "sources"):
        s = Fields(raw, problems, "a source", {"url", "read_on", "verification"}, {"about"}, line)
        url, read_on = s.text("url"), s.date("read_on")
        verification = s.choice("verification", VERIFICATION_WORDS)
        if url and not url.startswith(("https://", "http://")):
            s.error("url", f"a source url must start with https:// or http://, not '{url}'")
        elif None not in (url, read_on, verification):
            sources.append(Source(url, read_on, verification, s.text("about")))
    return tuple(sources)


def read_wages(data, problems: Problems) -> WageTable | None:
    top = Fields(data, problems, "the minimum-wage table", {"revisions", "prefectures"})
    revisions: dict[str, WageRevision] = {}
    for _, item, line in list_items(top.seq("revisions"), problems, "revisions"):
        r = Fields(
            item,
            problems,
            "a revision",
            {"id", "fiscal_year", "checked_on", "verification", "sources"},
            line=line,
        )
        rid, year = r.ident("id"), r.number("fiscal_year")
        sources = read_sources(r, "sources", problems)
        if r.has("sources") and not sources:
            r.error("sources", "a revision needs at least one source")
        values = (rid, year, r.date("checked_on"), r.choice("verification", VERIFICATION_WORDS))
        if None in values:
            continue
        if rid in revisions:
            problems.add(line, f"duplicate revision id '{rid}'")
        revisions[rid] = WageRevision(
            rid, int(year), values[2], values[3], sources, Where(problems.path, line)
        )
    prefectures: dict[str, Prefecture] = {}
    for _, item, line in list_items(top.seq("prefectures"), problems, "prefectures"):
        f = Fields(
            item,
            problems,
            "a prefecture",
            {"id", "name", "name_ja", "rates"},
            {"labour_bureau"},
            line=line,
        )
        bureau = f.text("labour_bureau")
        if bureau is not None and not bureau.startswith("https://"):
            f.error("labour_bureau", "the labour bureau's website must start with https://")
            bureau = None
        rates = []
        for _, raw, rate_line in list_items(f.seq("rates"), problems, "rates"):
            rate = _read_rate(raw, problems, rate_line, revisions, rates)
            if rate is not None:
                rates.append(rate)
        pid, name, name_ja = f.ident("id"), f.text("name"), f.text("name_ja")
        if pid and name and name_ja:
            if pid in prefectures:
                problems.add(line, f"duplicate prefecture id '{pid}'")
            prefectures[pid] = Prefecture(
                pid, name, name_ja, tuple(rates), Where(problems.path, line), bureau
            )
    return WageTable(revisions, prefectures)


def _read_rate(raw, problems: Problems, line: int, revisions: dict, earlier: list):
    r = Fields(raw, problems, "a rate", {"from", "yen", "revision"}, {"notice_url"}, line=line)
    day, yen, rid = r.date("from"), r.number("yen"), r.ident("revision")
    revision = revisions.get(rid) if rid else None
    if rid and revision is None:
        r.error("revision", f"unknown revision '{rid}' (known: {', '.join(revisions)})")
    if yen is not None and (yen != int(yen) or not 500 <= yen <= 5000):
        r.error("yen", f"an hourly minimum must be whole yen between 500 and 5000, not {yen}")
        return None
    if day is None or yen is None:
        return None
    if earlier and day <= earlier[-1].effective_from:
        r.error(
            "from", f"rates must be in date order: {day} is not after {earlier[-1].effective_from}"
        )
        return None
    if revision and not revision.first_start <= day <= revision.last_start:
        r.error(
            "from",
            f"a rate of revision '{revision.id}' (fiscal year {revision.fiscal_year}) "
            f"must start between {revision.first_start} and {revision.last_start}, "
            f"not on {day}",
        )
    if revision and any(e.revision is revision for e in earlier):
        r.error("revision", f"two rates of revision '{revision.id}' for one prefecture")
    return WageRate(day, int(yen), revision, r.text("notice_url"))

"""The `kenri` command: serve, check, i18n, purge, reports, explain."""

import logging
import sys
from pathlib import Path

import click

from webapp.config import Settings
from webapp.knowledge.load import read_knowledge


@click.group(help="Kenri, a rights checker for foreign technical intern trainees in Japan.")
def main() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@main.command(
    help="Validate the knowledge tree and every shipped catalogue; print every "
    "problem as path:line: message."
)
@click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Knowledge folder (default: the shipped knowledge/; catalogues are then not checked).",
)
def check(knowledge_dir: Path | None) -> None:
    from webapp.i18n.catalogues import catalogue_problems
    from webapp.i18n.locales import read_locales

    root = knowledge_dir or Settings().knowledge_dir
    kb, errors = read_knowledge(root)
    if knowledge_dir is None:
        translations = Settings().translations_dir
        codes = [c for c in read_locales(translations) if c != "en"]
        errors += catalogue_problems(translations, codes)
    for error in sorted(errors):
        click.echo(str(error))
    for warning in _wage_warnings(kb):
        click.echo(f"warning: {warning}")  # a warning alone keeps exit status 0
    if errors:
        click.echo(f"{len(errors)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(
        f"Knowledge {kb.version}: {len(kb.provisions)} provisions, {len(kb.questions)} "
        f"questions, {len(kb.rules)} rules, {len(kb.referrals)} referrals, "
        f"{len(kb.cases)} cases; catalogues checked. No problems found."
    )


def _wage_warnings(kb) -> list[str]:
    from webapp.engine import today_in_japan
    from webapp.knowledge.freshness import wage_table_warnings

    return wage_table_warnings(kb, today_in_japan())


@main.group(help="Translations: extract | update | compile | status.")
def i18n() -> None:
    pass


@i18n.command(
    "extract", help="Extract every user-facing and knowledge string into translations/messages.pot."
)
def i18n_extract() -> None:
    from webapp.i18n.catalogues import TEMPLATE, extract

    _run_or_fail(extract())
    click.echo(f"Wrote {TEMPLATE.relative_to(Settings().translations_dir.parent)}.")


@i18n.command(
    "update",
    help="Merge messages.pot into every locale's messages.po "
    "(then translate new and fuzzy entries).",
)
def i18n_update() -> None:
    from webapp.i18n.catalogues import TEMPLATE, pybabel

    _run_or_fail(
        pybabel(
            "update",
            "-i",
            str(TEMPLATE),
            "-d",
            str(Settings().translations_dir),
            "--ignore-obsolete",
        )
    )
    click.echo("Catalogues updated.")


@i18n.command("compile", help="Compile the .po catalogues to .mo files (a build step).")
def i18n_compile() -> None:
    from webapp.i18n.catalogues import pybabel

    _run_or_fail(pybabel("compile", "-d", str(Settings().translations_dir), "--statistics"))
    click.echo("Catalogues compiled.")


@i18n.command("status", help="Coverage per shipped locale; exit 1 if any is incomplete.")
def i18n_status() -> None:
    from webapp.i18n.catalogues import status
    from webapp.i18n.locales import read_locales

    settings = Settings()
    failed = False
    for code, locale in read_locales(settings.translations_dir).items():
        if code == "en":
            continue
        state = status(settings.translations_dir, code)
        review = "reviewed" if locale.reviewed else "not reviewed by a native speaker"
        click.echo(
            f"{code:<11} {locale.native_name:<16} {state.translated:>4}/{state.total:<4} "
            f"fuzzy {state.fuzzy:<3} {review}"
        )
        for problem in state.problems:
            click.echo(f"    {problem}")
        failed = failed or not state.complete
    sys.exit(1 if failed else 0)


def _run_or_fail(result) -> None:
    if result.returncode != 0:
        click.echo(result.stderr.strip(), err=True)
        sys.exit(1)


@main.command(
    help="Apply data retention: delete unshared sessions past their idle or absolute "
    "limit, with their answers and results; translation reports older than the report "
    "retention period; closed shared cases past theirs, leaving anonymous counts."
)
@click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite database file (default: instance/kenri.db).",
)
@click.option("--idle-minutes", type=int, default=None, help="Idle limit (default 30).")
@click.option("--absolute-minutes", type=int, default=None, help="Absolute limit (default 120).")
@click.option(
    "--report-days",
    "report_retention_days",
    type=int,
    default=None,
    help="Keep translation reports this many days (default 90).",
)
@click.option(
    "--closed-days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete shared cases this many days after they were closed (default 180).",
)
@click.option(
    "--contact-days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete the contact details of closed cases this many days after closing "
    "(default: with the case).",
)
def purge(
    database: Path | None,
    idle_minutes: int | None,
    absolute_minutes: int | None,
    report_retention_days: int | None,
    closed_days: int | None,
    contact_days: int | None,
) -> None:
    settings = _settings(
        database=database,
        session_idle_minutes=idle_minutes,
        session_absolute_minutes=absolute_minutes,
        report_retention_days=report_retention_days,
        closed_case_days=closed_days,
        contact_days=contact_days,
    )
    sessions, reports, desk = _purge(settings)
    click.echo(f"Deleted {sessions} expired session(s) and {reports} old translation report(s).")
    click.echo(desk)


def _purge(settings: Settings) -> tuple[int, int, str]:
    """Every retention rule at once: (sessions deleted, reports deleted, the desk's line)."""
    from webapp.commands.staff import purge_desk
    from webapp.store.db import connect, prepare_database
    from webapp.store.retention import purge_expired, purge_reports

    prepare_database(settings.database)
    db = connect(settings.database)
    try:
        # Kiosk interviews first, by the kiosk's own (much shorter) idle limit.
        kiosk = purge_expired(db, settings.kiosk_limits, kind="kiosk") if settings.kiosk else 0
        return (
            kiosk + purge_expired(db, settings.session_limits),
            purge_reports(db, settings.report_retention),
            purge_desk(db, settings),
        )
    finally:
        db.close()


@main.command(
    help="Print the kept translation reports, oldest first, for whoever reviews "
    "translations (`kenri purge` deletes them after the retention period)."
)
@click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite database file (default: instance/kenri.db).",
)
@click.option("--locale", default=None, help="Only reports about this locale (e.g. vi).")
def reports(database: Path | None, locale: str | None) -> None:
    from webapp.store.db import connect, prepare_database
    from webapp.store.reports import list_reports

    settings = _settings(database=database)
    prepare_database(settings.database)
    db = connect(settings.database)
    try:
        found = list_reports(db, locale)
    finally:
        db.close()
    for report in found:
        click.echo(f"{report['created_at'][:16]}  {report['locale']:<11} {report['page']}")
        for line in report["text"].splitlines() or [""]:
            click.echo(f"    {line}")
    click.echo(f"{len(found)} report(s).")


@main.command(
    help="Print a rule in plain English: its conditions with the question texts, "
    "and the provisions it cites (for legal reviewers)."
)
@click.argument("rule_id")
@click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Knowledge folder (default: the shipped knowledge/).",
)
def explain(rule_id: str, knowledge_dir: Path | None) -> None:
    from webapp.knowledge import KnowledgeInvalid, load_knowledge
    from webapp.knowledge.explain import explain as explain_rule
    from webapp.knowledge.explain import rule_ids

    try:
        kb = load_knowledge(knowledge_dir or Settings().knowledge_dir)
    except KnowledgeInvalid:
        click.echo("The knowledge tree has problems: run `kenri check`.", err=True)
        sys.exit(1)
    try:
        click.echo(explain_rule(kb, rule_id))
    except KeyError:
        click.echo(f"No rule '{rule_id}'. Rules: {', '.join(rule_ids(kb))}", err=True)
        sys.exit(1)


def _settings(**overrides) -> Settings:
    return Settings(**{key: value for key, value in overrides.items() if value is not None})


@main.command(help="Run Kenri with a production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite database file (default: instance/kenri.db).",
)
@click.option(
    "--kiosk",
    is_flag=True,
    help="Also serve the kiosk pages at /kiosk/ (a shared tablet that erases itself).",
)
@click.option(
    "--kiosk-config",
    "kiosk_config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Kiosk settings file (TOML; default: instance/kiosk.toml if it exists). See README.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker threads (requests beyond them wait in a queue).",
)
@click.option(
    "--behind-proxy",
    "behind_proxy",
    default=0,
    show_default=True,
    type=click.IntRange(0, 10),
    metavar="N",
    help="Trust N reverse proxies' X-Forwarded-For/Proto/Host/Port headers (use 1 "
    "behind one HTTPS proxy such as nginx or Caddy; never when exposed directly).",
)
def serve(
    host: str,
    port: int,
    database: Path | None,
    kiosk: bool,
    kiosk_config_path: Path | None,
    threads: int,
    behind_proxy: int,
) -> None:
    import waitress

    from webapp import create_app
    from webapp.channels import describe_channels
    from webapp.i18n.compiled import CataloguesUnavailable
    from webapp.knowledge import KnowledgeInvalid
    from webapp.server_logs import summarise_queue_warnings
    from webapp.store.sealing import KeyProblem

    if kiosk_config_path is not None and not kiosk:
        click.echo("--kiosk-config is for the kiosk: add --kiosk.", err=True)
        sys.exit(2)
    kiosk_config = _kiosk_config(kiosk_config_path) if kiosk else None
    settings = _settings(
        kiosk=kiosk, kiosk_config=kiosk_config, database=database, behind_proxy=behind_proxy
    )
    try:
        app = create_app(settings)
    except KnowledgeInvalid as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        click.echo(
            "Kenri will not start: the knowledge tree has problems (run `kenri check`).", err=True
        )
        sys.exit(1)
    except CataloguesUnavailable as exc:
        click.echo(f"Kenri will not start. {exc}", err=True)
        sys.exit(1)
    except KeyProblem as exc:
        click.echo(f"Kenri will not start: {exc}", err=True)
        sys.exit(1)
    # A kiosk's interviews expire within minutes: purge every minute rather than every five.
    start_purging(settings, every_seconds=60 if kiosk else 300)
    summarise_queue_warnings()
    proxied = f" behind {behind_proxy} trusted proxy hop(s)" if behind_proxy else ""
    click.echo(f"Kenri is running on http://{host}:{port}/{proxied}")
    if kiosk:
        click.echo(f"The kiosk is at http://{host}:{port}/kiosk/ (README: kiosk browser set-up)")
    click.echo(describe_channels(app))
    # trusted_proxy is left unset: ProxyFix (create_app) is the one place X-Forwarded-* is read.
    waitress.serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="kenri",
        connection_limit=max(100, threads * 16),
    )


def _kiosk_config(path: Path | None):
    """The kiosk's settings, or a clear refusal (exit 2) listing every problem in the file."""
    from webapp.kiosk_config import KioskConfig, KioskConfigInvalid, read_kiosk_config

    if path is None:
        default = Settings().database.parent / "kiosk.toml"
        if not default.is_file():
            return KioskConfig()
        path = default
    try:
        return read_kiosk_config(path)
    except KioskConfigInvalid as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        click.echo("Kenri will not start: the kiosk configuration has problems.", err=True)
        sys.exit(2)


@main.command(
    "kiosk-visits",
    help="Print how many people started an interview on the kiosk, per day and language "
    "(the only thing a kiosk keeps about its visitors).",
)
@click.option(
    "--db",
    "database",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite database file (default: instance/kenri.db).",
)
@click.option("--days", type=click.IntRange(1, 3660), default=31, show_default=True)
def kiosk_visits(database: Path | None, days: int) -> None:
    import datetime as dt

    from webapp.clock import day_in_japan, utc_now
    from webapp.store.db import connect, prepare_database
    from webapp.store.kiosk_visits import visits

    settings = _settings(database=database)
    prepare_database(settings.database)
    db = connect(settings.database)
    try:
        rows = visits(db, day_in_japan(utc_now()) - dt.timedelta(days=days - 1))
    finally:
        db.close()
    for row in rows:
        click.echo(f"{row['day']}  {row['locale']:<11} {row['visits']:>5}")
    click.echo(f"{sum(row['visits'] for row in rows)} visit(s) in the last {days} day(s).")


def start_purging(settings: Settings, every_seconds: int = 300) -> None:
    """Apply retention every few minutes while the server runs (sessions and reports)."""
    import threading

    def loop():
        log = logging.getLogger("webapp.retention")
        while True:
            try:
                sessions, reports, _ = _purge(settings)
                if sessions or reports:
                    log.info("purged %d expired sessions, %d old reports", sessions, reports)
            except Exception as exc:  # keep serving; the next round tries again
                log.error("purge failed: %s", exc.__class__.__name__)
            stop.wait(every_seconds)

    stop = threading.Event()
    threading.Thread(target=loop, name="kenri-purge", daemon=True).start()


from webapp.commands.staff import attach as attach_desk_commands  # noqa: E402

attach_desk_commands(main)  # kenri org ..., kenri staff ...

if __name__ == "__main__":
    main()

"""The `kenri` command: serve, check."""

import logging
import sys
from pathlib import Path

import click

from webapp.config import Settings
from webapp.knowledge.load import read_knowledge


@click.group(help="Kenri, a rights checker for foreign technical intern trainees in Japan.")
def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.command(help="Validate the knowledge tree; print every problem as path:line: message.")
@click.option("--knowledge", "knowledge_dir", type=click.Path(path_type=Path), default=None,
              help="Knowledge folder (default: the shipped knowledge/).")
def check(knowledge_dir: Path | None) -> None:
    root = knowledge_dir or Settings().knowledge_dir
    kb, errors = read_knowledge(root)
    for error in sorted(errors):
        click.echo(str(error))
    if errors:
        click.echo(f"{len(errors)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(f"Knowledge {kb.version}: {len(kb.provisions)} provisions, {len(kb.questions)} "
               f"questions, {len(kb.rules)} rules, {len(kb.referrals)} referrals, "
               f"{len(kb.cases)} cases. No problems found.")


@main.command(help="Run Kenri with a production WSGI server (waitress).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--db", "database", type=click.Path(path_type=Path), default=None,
              help="SQLite database file (default: instance/kenri.db).")
@click.option("--kiosk", is_flag=True, help="Run in kiosk mode.")
@click.option("--threads", default=4, show_default=True, type=int)
def serve(host: str, port: int, database: Path | None, kiosk: bool, threads: int) -> None:
    import waitress

    from webapp import create_app
    from webapp.knowledge import KnowledgeInvalid

    settings = Settings(kiosk=kiosk, **({"database": database} if database else {}))
    try:
        app = create_app(settings)
    except KnowledgeInvalid as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        click.echo("Kenri will not start: the knowledge tree has problems (run `kenri check`).",
                   err=True)
        sys.exit(1)
    click.echo(f"Kenri is running on http://{host}:{port}/")
    waitress.serve(app, host=host, port=port, threads=threads, ident="kenri")


if __name__ == "__main__":
    main()

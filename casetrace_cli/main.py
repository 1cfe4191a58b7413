"""casetrace: document intake, extraction and skip tracing for collection teams."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import typer

from casetrace_cli.console import err, reason
from core.errors import SettingsError
from core.logging_setup import setup_logging

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
user_app = typer.Typer(help="Workbench users.", no_args_is_help=True)
db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(db_app, name="db")


class OutputFormat(StrEnum):
    json = "json"


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging.")) -> None:
    setup_logging(verbose)
    _check_settings()


def _check_settings() -> None:
    """Every CASETRACE_* variable is checked before any work: a bad one is one coded line
    naming it (docs/configuration.md) and exit 2, as for any other usage error."""
    from core.settings import Settings

    try:
        Settings.from_env()
    except SettingsError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="PDF or image files."),
            format: OutputFormat = typer.Option(OutputFormat.json, "--format")) -> None:
    """Read files and print one JSON object per file (JSON Lines); no database."""
    from casetrace_cli.extract_cmd import run_extract

    raise typer.Exit(run_extract(files))


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files and folders (recursive)."),
           queue: bool = typer.Option(False, "--queue",
                                      help="Store and queue one job per document for "
                                           "`casetrace worker` (needs PostgreSQL).")
           ) -> None:
    """Store documents, pages, fields and parties in the database and link identities."""
    from pipeline.batches import IngestOutcome, ingest_paths

    if queue:
        raise typer.Exit(_ingest_queued(paths))
    counts = {"extracted": 0, "duplicate": 0, "failed": 0}

    def show(outcome: IngestOutcome) -> None:
        counts[outcome.status] += 1
        style = {"extracted": "green", "duplicate": "yellow", "failed": "red"}[outcome.status]
        label = {"extracted": "ok", "duplicate": "known", "failed": "error"}[outcome.status]
        err.print(f"[{style}]{label:5}[/{style}] {outcome.path}: {outcome.message}")

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from casetrace_cli.uploads import within_upload_limits
    from pipeline.batches import expand_paths

    files, refused = within_upload_limits(expand_paths(paths))
    for _path, line in refused:
        counts["failed"] += 1
        err.print(f"[red]error[/red] {line}")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=len(files))

        def advance(outcome: IngestOutcome) -> None:
            show(outcome)
            bar.update(task, advance=1, description="ingesting")

        ingest_paths(files, on_outcome=advance,
                     progress=lambda message: bar.update(task, description=message))
    total = sum(counts.values())
    err.print(f"{total} files: {counts['extracted']} ingested, {counts['duplicate']} already "
              f"known, {counts['failed']} failed")
    raise typer.Exit(1 if counts["failed"] else 0)


def os_account() -> str:
    """The operating-system account running this command (logged with every look)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _ingest_queued(paths: list[Path]) -> int:
    from casetrace_cli.worker_cmd import DATABASE_DOWN, database_down_line, ingest_to_queue
    from pipeline.job_queue import QueueUnavailable

    try:
        outcomes = ingest_to_queue(paths)
    except QueueUnavailable as exc:
        err.print(f"[red]error[/red] {reason(exc)}")
        return 2
    except DATABASE_DOWN as exc:
        err.print(f"[red]error[/red] {database_down_line(exc)}")
        return 2
    counts = {"queued": 0, "duplicate": 0, "failed": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
        style = {"queued": "green", "duplicate": "yellow", "failed": "red"}[outcome.status]
        label = {"queued": "queued", "duplicate": "known", "failed": "error"}[outcome.status]
        err.print(f"[{style}]{label:6}[/{style}] {outcome.path}: {outcome.message}")
    err.print(f"{len(outcomes)} files: {counts['queued']} queued, {counts['duplicate']} already "
              f"known, {counts['failed']} failed; `casetrace worker` processes the queue")
    return 1 if counts["failed"] else 0


@app.command()
def worker(concurrency: int = typer.Option(1, "--concurrency", min=1,
                                           help="Worker processes on this machine."),
           once: bool = typer.Option(False, "--once", help="Stop when the queue is empty.")
           ) -> None:
    """Process queued documents (PostgreSQL); run it on as many machines as you like."""
    from casetrace_cli.worker_cmd import run_worker

    raise typer.Exit(run_worker(concurrency, once))


@app.command()
def serve(port: int = typer.Option(8501, help="Port for the workbench."),
          address: str = typer.Option("localhost", help="Address to listen on.")) -> None:
    """Start the Streamlit workbench on the same database."""
    app_file = Path(__file__).resolve().parent.parent / "workbench_app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app_file),
               "--server.port", str(port), "--server.address", address,
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    raise typer.Exit(subprocess.call(command, env=os.environ.copy()))


@app.command()
def link(input_csv: Path = typer.Argument(..., help="Person records (CONTRACT.md section 2)."),
         out: Path = typer.Option(..., "--out", help="Where to write record_id,identity_id.")
         ) -> None:
    """Batch entity resolution of person records from a CRM export."""
    from skiptrace.link_csv import LinkInputError, link_csv

    try:
        summary = link_csv(input_csv, out)
    except LinkInputError as exc:  # its message names the file and the row
        err.print(f"[red]error[/red] {reason(exc)}")
        raise typer.Exit(1) from None
    except FileNotFoundError:
        err.print(f"[red]error[/red] {input_csv}: no such file")
        raise typer.Exit(1) from None
    err.print(str(summary))


@app.command()
def relink(document: int | None = typer.Option(None, "--document", help="One document's id."),
           all_documents: bool = typer.Option(False, "--all",
                                              help="Every document marked link_failed (or "
                                                   "review_policy_failed), and every person "
                                                   "party still without an identity.")
           ) -> None:
    """Retry identity linking (and the review policy) where it failed during ingest."""
    from pipeline.processing import retry_later_stages

    if (document is None) == (not all_documents):
        err.print("[red]error[/red] give either --document N or --all")
        raise typer.Exit(2)
    try:
        outcomes = retry_later_stages(None if document is None else [document])
    except LookupError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1) from None
    for outcome in outcomes:
        mark = "[green]ok[/green]" if outcome.ok else "[red]failed[/red]"
        err.print(f"{mark} document #{outcome.document_id}: {outcome.linked} linked, "
                  f"{outcome.unlinked} unlinked" + (f"; {outcome.error}" if outcome.error
                                                    else ""))
    if not outcomes:
        err.print("no document is marked link_failed")
    raise typer.Exit(0 if all(o.ok for o in outcomes) else 1)


@app.command()
def trace(query: str = typer.Argument(..., help="A name, phone, address, SSN last four or DOB."),
          purpose: str = typer.Option(..., "--purpose", help="Permissible purpose: collection, "
                                      "judgment, skiptrace, verify, fraud or court."),
          user: str | None = typer.Option(None, "--user",
                                          help="Who is searching, when not the account "
                                               "running this (logged beside that account)."),
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Find identities and show the best one's ranked address and phone history.

    Every search, and the identity it shows, is logged with its permissible purpose and
    the operating-system account that ran it (a --user name is recorded beside it)."""
    import json

    from casetrace_cli.trace_view import print_trace, purpose_from_key
    from models.db import session_scope
    from review.purpose_log import SearchRefused, check_search, log_identity_view, log_search
    from skiptrace.trace import trace_report

    try:
        full_purpose = purpose_from_key(purpose)
        cleaned = check_search(query, full_purpose)
    except (ValueError, SearchRefused) as exc:
        err.print(f"[red]error[/red] {reason(exc)}")
        raise typer.Exit(2) from None
    account = os_account()
    who = (user or "").strip() or account
    with session_scope() as session:
        report = trace_report(session, cleaned)
        log_search(session, user=who, os_user=account, query=cleaned, purpose=full_purpose,
                   result_count=len(report["identities"]))
        best = report.get("best")
        if best:
            log_identity_view(session, user=who, os_user=account,
                              identity_id=int(best["identity_id"]), purpose=full_purpose,
                              detail="casetrace trace: best match shown")
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    print_trace(report)


@app.command()
def samples(out: Path = typer.Option(..., "--out", help="Folder to write into."),
            count: int = typer.Option(30, "--count", min=1),
            seed: int = typer.Option(1, "--seed"),
            scans: bool = typer.Option(True, "--scans/--no-scans",
                                       help="Also render scanned versions."),
            procedural: bool = typer.Option(True, "--procedural/--templates-only",
                                            help="Also draw the procedurally composed "
                                            "key-value sheets (samples/procedural).")) -> None:
    """Generate synthetic collection documents with ground truth."""
    from samples.generate import generate_corpus

    with err.status("generating") as status:
        truths = generate_corpus(out, count, seed, scans=scans, procedural=procedural,
                                 progress=lambda done, total: status.update(
                                     f"generating {done}/{total}"))
    err.print(f"wrote {len(truths)} documents with ground truth to {out}")


@app.command("eval")
def evaluate(docs: Path | None = typer.Option(None, "--docs", help="Folder of generated "
                                              "documents (the in-family regression check)."),
             truth: Path | None = typer.Option(None, "--truth",
                                               help="Folder of *.truth.json (with --docs)."),
             transformer: bool = typer.Option(True, "--transformer/--no-transformer",
                                              help="Use the transformer role model (--docs)."),
             max_scans: int = typer.Option(10, "--max-scans", min=0,
                                           help="Scanned renderings to OCR (slow: ~4 s/page)."),
             ablation: bool = typer.Option(False, "--ablation",
                                           help="Also score without the transformer (--docs)."),
             real: Path | None = typer.Option(None, "--real", help="Real documents with "
                                              "labels in REAL/truth (../shared/realdocs): "
                                              "contract scorer, text and scanned, with and "
                                              "without the role model."),
             heldout: bool = typer.Option(False, "--heldout-families", help="Leave one "
                                          "generator layout family out: fit the role head and "
                                          "calibration without it, score it."),
             count: int = typer.Option(72, "--count", min=2,
                                       help="Generated documents per held-out corpus."),
             seed: int = typer.Option(4242, "--seed", help="Evaluation corpus seed (the "
                                      "role-head training corpus uses seed + 1)."),
             heldout_scans: int = typer.Option(0, "--heldout-scans", min=0,
                                               help="Scans to OCR in the held-out run."),
             work: Path | None = typer.Option(None, "--work", help="Folder for the held-out "
                                              "corpora and folds (default: temporary)."),
             scorer: Path | None = typer.Option(None, "--scorer", help="The contract scorer "
                                                "(default ../shared/eval/score_extract.py).")
             ) -> None:
    """Score extraction: real documents and held-out layout families by the contract scorer
    (--real, --heldout-families), or generated documents by their truth (--docs/--truth)."""
    from intake.read import read_file

    if (docs is None) != (truth is None) or (docs is None and real is None and not heldout):
        err.print("[red]error[/red] give --docs and --truth, --real DIR, or --heldout-families")
        raise typer.Exit(2)
    if docs is not None and truth is not None:
        from extraction.evaluate import evaluate as run_evaluation

        report = run_evaluation(docs, truth, use_transformer=transformer, read=read_file,
                                max_scans=max_scans, ablation=ablation)
        typer.echo(report.render())
    if real is None and not heldout:
        return
    import tempfile

    from extraction import heldout as measure

    contract_scorer = measure.load_scorer(scorer or measure.DEFAULT_SCORER)

    def log(message: str) -> None:
        err.print(f"[dim]{message}[/dim]")

    real_report = None
    if real is not None:
        real_report = measure.real_set(real, real / "truth", contract_scorer, read_file, log=log)
    heldout_report = None
    notes = []
    if heldout:
        from samples.generate import generate_corpus

        folder = work or Path(tempfile.mkdtemp(prefix="casetrace-heldout-"))
        generate_corpus(folder / "eval", count, seed, scans=heldout_scans > 0)
        generate_corpus(folder / "train", count, seed + 1, scans=False)
        eval_docs = measure.read_generated(folder / "eval", read_file, max_scans=heldout_scans)
        train_docs = measure.read_generated(folder / "train", read_file)
        log(f"held-out corpora in {folder}: {len(eval_docs)} evaluation renderings "
            f"(seed {seed}), {len(train_docs)} role-head training documents (seed {seed + 1})")
        heldout_report = measure.heldout_families(eval_docs, train_docs, contract_scorer,
                                                  folder / "folds", log=log)
        notes.append(f"held-out corpora: --count {count} --seed {seed} (training seed "
                     f"{seed + 1}), scans {heldout_scans}; folder {folder}")
    typer.echo(measure.render(real_report, heldout_report, notes))


@user_app.command("add")
def user_add(username: str = typer.Argument(...),
             role: str = typer.Option(..., "--role",
                                      help="intake | reviewer | investigator | compliance | "
                                           "admin"),
             password: str = typer.Option(..., prompt=True, hide_input=True,
                                          confirmation_prompt=True)) -> None:
    """Create a workbench user (the password is stored as a bcrypt hash)."""
    from models.db import session_scope
    from review.users import add_user

    try:
        with session_scope() as session:
            add_user(session, username, password, role)
    except ValueError as exc:  # AuthError: a bad name, role or password
        err.print(f"[red]error[/red] {reason(exc)}")
        raise typer.Exit(1) from None
    err.print(f"user {username} ({role}) created")


@user_app.command("ensure-admin")
def user_ensure_admin() -> None:
    """Create a local admin with a random password if there are no users yet."""
    from models.db import session_scope
    from review.users import ensure_default_admin

    with session_scope() as session:
        password = ensure_default_admin(session)
    if password:
        err.print(f"[bold]Created workbench user 'admin' with password: {password}[/bold]")
    else:
        err.print("workbench users exist already; no default admin created")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply Alembic migrations to the configured database."""
    from models.db import display_url, init_db

    init_db()
    err.print(f"database at {display_url()} is up to date")


if __name__ == "__main__":
    app()

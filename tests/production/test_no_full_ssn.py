"""A full SSN never reaches a log, export, database or screen; only its last four do.

Documents built in code print full SSNs in several formats: a text-layer PDF (reportlab)
and a scan (rendered to an image, real tesseract OCR). They are ingested through the real
pipeline (``casetrace -v ingest``) into a real SQLite database; then the whole database
file (and its WAL), every export of workbench/exports.py (CSV, XLSX, JSON Lines), the log
records at DEBUG level, the ``casetrace extract`` JSON and every workbench page rendered
through Streamlit's AppTest are searched for the full digits, with and without
separators. The last four must be where they belong (ssn_last4 in extract output, the
database and the debtors export), and the page image drawn from the original has the
masked words blacked out.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from casetrace_cli.main import app as cli
from core.vocabulary import ReviewStatus
from models.db import get_engine
from models.tables import Document, Identity, Page, Party
from review.purpose_log import PERMISSIBLE_PURPOSES
from tests.intake.builders import image_pdf_bytes, page_image, text_pdf_bytes
from tests.workbench.test_app_review import signed_in_app
from workbench import exports
from workbench.db import db_session
from workbench.overlay import render_original
from workbench.page_image import REVIEW_DPI, original_path
from workbench.page_image import page_image as review_page_image

# (full SSN as printed, its nine digits, its last four) for each document
TEXT_LINES = ["ACCOUNT PLACEMENT", "Placed by: Midland Credit Management, Inc.",
              "Debtor: Maria L. Gonzalez", "1420 W Elm St Apt 3B, Springfield, IL 62704",
              "Phone: (217) 555-0143", "SSN: 472-91-3856", "Date of Birth: 04/09/1981",
              "Account Number: 4417-0093-2218", "Balance Due: $1,234.56",
              "Co-signer: Dwayne Okafor", "Social Security No. 538 27 6194", "SS# 619482735"]
SCAN_LINES = ["ACCOUNT PLACEMENT", "Placed by: Portfolio Recovery Associates",
              "Debtor: Ann-Marie Boyd", "88 N Lake Dr, Columbus, OH 43215",
              "Phone: (614) 555-0188", "SSN: 384-62-9157", "Date of Birth: 11/23/1975",
              "Account Number: 5521-7780-1934", "Balance Due: $2,310.00",
              "Soc. Sec. No. 273 84 5169"]
FULL_SSNS = ["472913856", "538276194", "619482735", "384629157", "273845169"]
DEBTOR_LAST4 = {"placement.pdf": ("Maria L. Gonzalez", "3856"),
                "placement-scan.pdf": ("Ann-Marie Boyd", "9157")}


def full_forms(digits: str) -> list[bytes]:
    """The ways a full SSN could be written down: bare, hyphens, spaces, dots."""
    a, b, c = digits[:3], digits[3:5], digits[5:]
    forms = [digits, f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}.{b}.{c}", f"{a}{b}-{c}"]
    return [form.encode() for form in forms]


def assert_no_full_ssn(blob: bytes, where: str) -> None:
    for digits in FULL_SSNS:
        for form in full_forms(digits):
            assert form not in blob, f"full SSN {form.decode()!r} found in {where}"
    # the first five digits of a printed SSN never appear next to its last four either
    for digits in FULL_SSNS:
        assert re.search(rf"{digits[:3]}\D{{0,3}}{digits[3:5]}\D{{0,3}}{digits[5:]}".encode(),
                         blob) is None, f"full SSN {digits} found in {where}"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@dataclass
class Ingested:
    url: str
    db_file: Path
    files: dict[str, Path]
    log_lines: list[str]
    cli_output: str
    document_ids: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Iterator[Ingested]:
    root = tmp_path_factory.mktemp("no_full_ssn")
    inbox = root / "inbox"
    inbox.mkdir()
    files = {"placement.pdf": inbox / "placement.pdf",
             "placement-scan.pdf": inbox / "placement-scan.pdf"}
    files["placement.pdf"].write_bytes(text_pdf_bytes(TEXT_LINES))
    files["placement-scan.pdf"].write_bytes(image_pdf_bytes([page_image(SCAN_LINES)]))
    url = f"sqlite:///{root / 'casetrace.db'}"
    handler = _Records()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root_logger = logging.getLogger()
    old_level = root_logger.level
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASETRACE_DATABASE_URL", url)
        patch.setenv("CASETRACE_FILE_STORE", str(root / "files"))
        patch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
        root_logger.addHandler(handler)
        root_logger.setLevel(logging.DEBUG)
        try:
            result = CliRunner().invoke(cli, ["-v", "ingest", str(inbox)])
        finally:
            root_logger.removeHandler(handler)
            root_logger.setLevel(old_level)
        assert result.exit_code == 0, result.output
        state = Ingested(url, root / "casetrace.db", files, handler.lines, result.output)
        with db_session(url) as session:
            for document in session.exec(select(Document)).all():
                assert document.id is not None
                state.document_ids[document.file_name] = document.id
                document.review_status = ReviewStatus.REVIEWED  # so training data exports it
                session.add(document)
            session.commit()
        assert set(state.document_ids) == set(files)
        yield state
        get_engine(url).dispose()


def test_the_database_file_and_wal_hold_no_full_ssn(ingested: Ingested) -> None:
    for suffix in ("", "-wal", "-journal"):
        path = Path(str(ingested.db_file) + suffix)
        if path.exists():
            assert_no_full_ssn(path.read_bytes(), path.name)
    get_engine(ingested.url).dispose()  # checkpoint the WAL into the file, then look again
    assert_no_full_ssn(ingested.db_file.read_bytes(), "the database after a checkpoint")
    with db_session(ingested.url) as session:
        words = [w["text"] for p in session.exec(select(Page)).all() for w in p.words]
        parties = session.exec(select(Party)).all()
    assert "SSN:" in words and "***-**-3856" in words and "***-**-9157" in words
    found = {(p.name, p.ssn_last4) for p in parties if p.role == "debtor"}
    assert set(DEBTOR_LAST4.values()) <= found


def test_the_original_keeps_the_evidence(ingested: Ingested) -> None:
    """The stored original is unchanged: the test really printed what it searches for."""
    with db_session(ingested.url) as session:
        document = session.get(Document, ingested.document_ids["placement.pdf"])
        assert document is not None
        path = original_path(document)
    assert path is not None
    assert path.read_bytes() == ingested.files["placement.pdf"].read_bytes()


def test_logs_at_debug_and_cli_output_hold_no_full_ssn(ingested: Ingested) -> None:
    assert ingested.log_lines, "no DEBUG records were captured"
    assert any("full SSN(s) masked" in line for line in ingested.log_lines)
    assert_no_full_ssn("\n".join(ingested.log_lines).encode(), "the DEBUG log")
    assert_no_full_ssn(ingested.cli_output.encode(), "casetrace ingest output")


def test_every_export_holds_no_full_ssn(ingested: Ingested) -> None:
    with db_session(ingested.url) as session:
        cases = exports.cases_frame(session)
        debtors = exports.debtors_frame(session)
        records = exports.training_records(session)
    assert len(records) == 2 and all(r["pages"][0]["words"] for r in records)
    corrections = exports.corrections_frame(records)
    blobs = {"debtors CSV": exports.to_csv_bytes(debtors),
             "cases CSV": exports.to_csv_bytes(cases),
             "corrections CSV": exports.to_csv_bytes(corrections),
             "training JSON Lines": exports.to_jsonl(records)}
    workbook = exports.to_xlsx_bytes({"Debtors": debtors, "Cases": cases})
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        blobs["XLSX"] = b"".join(archive.read(name) for name in archive.namelist())
    for where, blob in blobs.items():
        assert_no_full_ssn(blob, where)
    assert {"3856", "9157"} <= set(debtors["ssn_last4"].astype(str))
    assert b"***-**-3856" in blobs["training JSON Lines"]


def test_casetrace_extract_gives_the_last_four_only(ingested: Ingested) -> None:
    result = CliRunner().invoke(cli, ["extract", *map(str, ingested.files.values())])
    assert result.exit_code == 0, result.output
    assert_no_full_ssn(result.output.encode(), "casetrace extract output")
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(records) == 2
    for record in records:
        name, last4 = DEBTOR_LAST4[Path(record["file"]).name]
        assert (name, last4) in {(p["name"], p["ssn_last4"]) for p in record["parties"]}


def _tree_bytes(node) -> bytes:
    """Everything an AppTest run sent to the browser for the page: every element's proto
    (markdown, tables as Arrow, chart specs and data with their tooltips, select options)."""
    out = b""
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "SerializeToString"):
        out += proto.SerializeToString()
    for child in getattr(node, "children", {}).values():
        out += _tree_bytes(child)
    return out


def _rendered(app) -> bytes:
    assert not app.exception, app.exception
    return _tree_bytes(app._tree)


@pytest.mark.parametrize("page", ["intake", "review", "export", "overview", "audit"])
def test_workbench_pages_show_no_full_ssn(ingested: Ingested, page: str) -> None:
    role = "compliance" if page == "audit" else "admin"
    app = signed_in_app("ada", role)
    if page == "review":
        app.query_params["doc"] = str(ingested.document_ids["placement.pdf"])
    app.switch_page(f"workbench/pages/{page}.py")
    app.run()
    shown = _rendered(app)
    assert_no_full_ssn(shown, f"the {page} page")
    if page == "review":
        assert b"***-**-3856" in shown  # the page's words (tooltips, line choices), masked


def test_skip_trace_identity_with_its_source_documents_shows_no_full_ssn(
        ingested: Ingested) -> None:
    """Opened the way the page expects: a search for the last four with a purpose; its hit
    opens with the search's purpose (the page's permissible-purpose gate)."""
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/skip_trace.py")
    app.run()
    app.text_input(key="skip_query").input("3856")
    app.selectbox(key="skip_purpose").select(PERMISSIBLE_PURPOSES[0])
    next(b for b in app.button if b.label == "Search").click()
    app.run()
    shown = _rendered(app)
    assert any("Maria" in s.value for s in app.subheader), "the identity did not open"
    assert b"3856" in shown  # the last four are there
    assert_no_full_ssn(shown, "the skip-trace identity page")
    with db_session(ingested.url) as session:
        identities = session.exec(select(Identity)).all()
    for identity in identities:
        app.query_params["identity"] = str(identity.id)
        app.run()
        assert_no_full_ssn(_rendered(app), f"skip trace identity #{identity.id}")


def test_the_page_image_blacks_out_masked_words(ingested: Ingested) -> None:
    document_id = ingested.document_ids["placement.pdf"]
    with db_session(ingested.url) as session:
        page = session.exec(select(Page).where(Page.document_id == document_id)).one()
        document = session.get(Document, document_id)
        assert document is not None
        image, original = review_page_image(session, document_id, 1)
        path = original_path(document)
    assert original and path is not None
    plain = render_original(path, 1, REVIEW_DPI)
    assert plain is not None
    masked = [w for w in page.words if w.get("redacted")]
    assert {w["text"] for w in masked} >= {"***-**-3856", "***", "**", "***-**-2735"}
    scale = REVIEW_DPI / 72.0
    for word in masked:
        x0, top, x1, bottom = (int(round(v * scale)) for v in word["bbox"])
        box = (x0, top, x1, bottom)
        covered = np.asarray(image.convert("L").crop(box))
        shown = np.asarray(plain.convert("L").crop(box))
        assert covered.max() < 40, f"{word['text']} is not blacked out"
        assert shown.min() < 128 and shown.mean() > 100  # the original prints ink on paper
    kept = next(w for w in page.words if w["text"] == "6194")  # a last four stays readable
    x0, top, x1, bottom = (int(round(v * scale)) for v in kept["bbox"])
    assert np.asarray(image.convert("L").crop((x0, top, x1, bottom))).mean() > 100


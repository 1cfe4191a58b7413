"""`casetrace extract FILE...`: JSON Lines per file, no database (CONTRACT.md section 1)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from intake import errors
from intake.filestore import sha256_hex


def contract_record(path: Path) -> dict:
    """One file's CONTRACT.md JSON object; a bad file gives a record with "error" set."""
    from intake.read import read_bytes

    record: dict = {"file": str(path), "sha256": None, "doc_type": None, "pages": 0,
                    "ocr_pages": [], "fields": [], "parties": [], "error": None}
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        record["error"] = f"{path}: {errors.not_found().message}"
        return record
    except OSError as exc:
        record["error"] = f"{path}: cannot read file ({exc.strerror or exc})"
        return record
    record["sha256"] = sha256_hex(data)
    try:
        document = read_bytes(data, str(path))
    except errors.IntakeError as exc:
        record["error"] = f"{path}: {exc.message}"
        return record
    record.update(doc_type=document.doc_type, pages=len(document.pages),
                  ocr_pages=document.ocr_pages)
    from extraction.pipeline import extract_document

    extraction = extract_document(document)
    record["doc_type"] = extraction.doc_type or document.doc_type
    record["fields"] = [f.to_contract() for f in extraction.fields]
    record["parties"] = [p.to_contract() for p in extraction.parties]
    failed = [p for p in document.pages if p.status == "failed"]
    if failed:
        record["page_errors"] = {str(p.number): p.error for p in failed}
    return record


def run_extract(files: list[Path]) -> int:
    from casetrace_cli.console import err

    exit_code = 0
    for path in files:
        err.print(f"[dim]reading {path}[/dim]")
        try:
            record = contract_record(path)
        except Exception as exc:  # last line of defence: one line, never a traceback
            record = {"file": str(path), "sha256": None, "doc_type": None, "pages": 0,
                      "ocr_pages": [], "fields": [], "parties": [],
                      "error": f"{path}: internal error ({type(exc).__name__})"}
        if record["error"]:
            exit_code = 1
            err.print(f"[red]error[/red] {record['error']}")
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return exit_code

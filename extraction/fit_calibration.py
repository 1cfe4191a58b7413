"""Fit the confidence table (``calibration.json``) on a held-out generated set.

    python -m extraction.fit_calibration --docs DIR [--docs DIR ...] [--scans N]

Every extracted field and party is counted under its evidence bucket (see
``confidence.field_bucket`` / ``party_bucket``) and at each coarser prefix of the bucket,
as right or wrong against the truth. A bucket's confidence is the Wilson lower bound of its
share right (z = 1), so small buckets claim less than they showed; buckets seen fewer than
MIN_COUNT times are left out and fall back to a coarser one. Use a seed that neither the
role model's training nor the evaluation uses.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from core.document import ReadDocument
from core.results import Extraction
from extraction.confidence import TABLE_PATH
from extraction.evaluate import SCAN_SUFFIXES, _names_match, field_key
from extraction.pipeline import extract_document
from extraction.role_model import Head
from intake.classify import classify_document
from intake.read import read_file

MIN_COUNT = 4
Z = 1.0


def wilson_lower(right: int, total: int, z: float = Z) -> float:
    if total == 0:
        return 0.0
    p = right / total
    denominator = 1 + z * z / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, (centre - margin) / denominator)


def outcomes(extraction: Extraction, truth: dict) -> tuple[list[tuple[str, bool]],
                                                           list[tuple[str, bool]]]:
    """(bucket key, right?) for every field and party of one extraction."""
    truth_fields = {(f["name"], field_key(f["name"], f["value"])) for f in truth["fields"]}
    fields = [(f.evidence, (f.name, field_key(f.name, f.value)) in truth_fields)
              for f in extraction.fields]
    parties = [(p.evidence, any(t["role"] == p.role and _names_match(t["name"], p.name)
                                for t in truth["parties"])) for p in extraction.parties]
    return fields, parties


def table_from_counts(counts: dict[str, list[int]]) -> dict[str, float]:
    return {key: round(wilson_lower(right, total), 4)
            for key, (right, total) in sorted(counts.items()) if total >= MIN_COUNT}


def _count(counts: dict[str, list[int]], key: str, right: bool) -> None:
    parts = key.split("|")
    for cut in range(1, len(parts) + 1):
        entry = counts["|".join(parts[:cut])]
        entry[0] += int(right)
        entry[1] += 1


def fit(dirs: list[Path], read: Callable[[Path], ReadDocument], *, max_scans: int = 0
        ) -> dict:
    """The calibration table from the documents under ``dirs`` (text layer + some scans)."""
    return fit_documents(read_truth_documents(dirs, read, max_scans=max_scans))


def read_truth_documents(dirs: list[Path], read: Callable[[Path], ReadDocument], *,
                         max_scans: int = 0) -> Iterator[tuple[ReadDocument, dict]]:
    """(read and classified document, generator truth) for every rendering under ``dirs``:
    each text layer, and the first ``max_scans`` scans."""
    scans = 0
    for folder in dirs:
        for truth_path in sorted(Path(folder).glob("*.truth.json")):
            doc_id = truth_path.name[: -len(".truth.json")]
            truth = json.loads(truth_path.read_text())
            paths = [truth_path.with_name(f"{doc_id}.pdf")]
            scan = next((truth_path.with_name(doc_id + s) for s in SCAN_SUFFIXES
                         if truth_path.with_name(doc_id + s).exists()), None)
            if scan is not None and scans < max_scans:
                paths.append(scan)
                scans += 1
            for path in paths:
                if not path.exists():
                    continue
                doc = read(path)
                doc.doc_type, _ = classify_document(doc.pages)
                yield doc, truth


def fit_documents(documents: Iterable[tuple[ReadDocument, dict]], *,
                  role_head: Head | Path | None = None) -> dict:
    """The calibration table from read documents and their generator truth, each extracted
    with and without the role model (``role_head``: a fold's head instead of the committed
    one, so the table describes the extraction it will calibrate)."""
    field_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    party_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    scans = rendered = 0
    for doc, truth in documents:
        rendered += 1
        scans += bool(doc.ocr_pages)
        for use_transformer in (True, False):
            extraction = extract_document(doc, use_transformer=use_transformer,
                                          role_head=role_head)
            fields, parties = outcomes(extraction, truth)
            for key, right in fields:
                _count(field_counts, key, right)
            for key, right in parties:
                _count(party_counts, key, right)
    return {"fields": table_from_counts(field_counts),
            "parties": table_from_counts(party_counts),
            "meta": {"documents": rendered, "scans": scans, "min_count": MIN_COUNT,
                     "estimate": f"Wilson lower bound, z={Z}"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, action="append", required=True)
    parser.add_argument("--scans", type=int, default=0, help="scanned renderings to include")
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    args = parser.parse_args(argv)
    table = fit(args.docs, read_file, max_scans=args.scans)
    if not table["meta"]["documents"]:
        print("error: no documents with truth found under --docs", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.out}: {len(table['fields'])} field and {len(table['parties'])} party "
          f"buckets from {table['meta']['documents']} renderings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

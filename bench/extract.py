"""Extraction speed: ms per text-layer page (models warm) and documents per minute end to end.

    python bench/extract.py [--docs DIR | --count 40 --seed 515] [--scans 0] [--repeat 3]

Text-layer documents are read once (pdfplumber), then extraction alone is timed per
document, models warm, in three configurations: rules only (the baseline), rules + spaCy,
and the full pipeline with the transformer role model; the figure is the median of
(ms per document / pages). End to end (read + classify + extract) is timed per document
and reported as documents and pages per minute. With ``--scans N`` the first N scanned
renderings are read by OCR as well, and extraction's share of the OCR time is reported.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction.pipeline import extract_document  # noqa: E402
from intake.classify import classify_document  # noqa: E402
from intake.read import read_file  # noqa: E402

CONFIGS = (("rules only (baseline)", False, False), ("rules + spaCy", False, True),
           ("full: rules + spaCy + role model", True, True))


def _corpus(args: argparse.Namespace) -> Path:
    if args.docs:
        return args.docs
    from samples.generate import generate_corpus

    folder = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    generate_corpus(folder, args.count, args.seed, scans=args.scans > 0)
    return folder


def _forget_encoded_contexts() -> None:
    from extraction import role_model

    if role_model.Encoder._instance is not None:
        role_model.Encoder._instance.clear_cache()


def _extract_ms_per_page(docs, use_transformer: bool, use_ner: bool, repeat: int
                         ) -> list[float]:
    per_page = []
    for doc in docs:
        best = float("inf")
        for _ in range(repeat):
            _forget_encoded_contexts()  # time the role model on contexts it has not seen
            start = time.perf_counter()
            extract_document(doc, use_transformer=use_transformer, use_ner=use_ner)
            best = min(best, time.perf_counter() - start)
        per_page.append(1000 * best / max(1, len(doc.pages)))
    return per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, help="folder of <id>.pdf (default: generate)")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=515)
    parser.add_argument("--scans", type=int, default=0, help="scanned renderings to OCR")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = _corpus(args)
    paths = sorted(p for p in folder.glob("*.pdf") if ".scan." not in p.name)
    if not paths:
        print(f"error: no text-layer PDFs in {folder}", file=sys.stderr)
        return 1
    docs = []
    for path in paths:
        doc = read_file(path)
        doc.doc_type, _ = classify_document(doc.pages)
        docs.append(doc)
    pages = sum(len(d.pages) for d in docs)
    extract_document(docs[0])  # warm every model once
    print(f"{len(docs)} text-layer documents, {pages} pages ({folder})")
    baseline = None
    for label, use_transformer, use_ner in CONFIGS:
        per_page = _extract_ms_per_page(docs, use_transformer, use_ner, args.repeat)
        median = statistics.median(per_page)
        baseline = baseline or median
        print(f"extraction, {label:<34} median {median:7.1f} ms/page  "
              f"p90 {statistics.quantiles(per_page, n=10)[-1]:7.1f}  x{median / baseline:.2f}")
    _forget_encoded_contexts()
    start = time.perf_counter()
    for path in paths:
        doc = read_file(path)
        doc.doc_type, _ = classify_document(doc.pages)
        extract_document(doc)
    elapsed = time.perf_counter() - start
    print(f"end to end (read + classify + extract, models warm): "
          f"{60 * len(paths) / elapsed:.1f} documents/min, {pages / elapsed:.2f} pages/s")
    if args.scans:
        scans = sorted(p for p in folder.glob("*.scan.*"))[: args.scans]
        read_s = extract_s = 0.0
        for path in scans:
            start = time.perf_counter()
            doc = read_file(path)
            doc.doc_type, _ = classify_document(doc.pages)
            read_s += time.perf_counter() - start
            start = time.perf_counter()
            extract_document(doc)
            extract_s += time.perf_counter() - start
        print(f"scans: {len(scans)} documents, OCR + classify {read_s:.1f} s, extraction "
              f"{extract_s:.1f} s = {100 * extract_s / max(read_s, 1e-9):.1f} % on top of OCR")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

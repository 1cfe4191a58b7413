"""OCR word accuracy on the generator's scans, against the text layer of the same page.

    python -m bench.ocr_accuracy [--limit 8] [--corpus samples/corpus]

samples/corpus holds each document twice: ``dNNNN-kind.pdf`` (born-digital text
layer) and ``dNNNN-kind.scan.pdf`` (the same pages printed to an image with scan
noise). Each scan page goes through intake's OCR exactly as a user's file would
(``read_bytes``); the reference is intake's text-layer reading of the matching
page. Per page, two figures: sequence accuracy, 1 - word edit distance / reference
words (order counts), and bag accuracy, the share of reference words OCR also gave
(order-free, so a column read in another order is not punished). Medians over pages.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from intake.read import read_bytes

CORPUS = Path("samples/corpus")


def _tokens(text: str) -> list[str]:
    return [t for t in text.split() if t]


def page_accuracy(reference: list[str], read: list[str]) -> tuple[float, float]:
    """(sequence accuracy, bag accuracy) of ``read`` against ``reference`` words."""
    if not reference:
        return (1.0, 1.0) if not read else (0.0, 0.0)
    sequence = max(0.0, 1.0 - Levenshtein.distance(reference, read) / len(reference))
    common = sum((Counter(reference) & Counter(read)).values())
    return sequence, common / len(reference)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=8, help="documents to read (0: all)")
    args = parser.parse_args(argv)
    scans = sorted(args.corpus.glob("d*.scan.pdf"))
    if args.limit:
        scans = scans[:args.limit]
    if not scans:
        raise SystemExit(f"{args.corpus}: no d*.scan.pdf files (generate the corpus first)")
    sequences: list[float] = []
    bags: list[float] = []
    seconds = 0.0
    pages = 0
    for scan in scans:
        text_pdf = scan.with_name(scan.name.replace(".scan.pdf", ".pdf"))
        if not text_pdf.exists():
            print(f"{scan}: no matching text PDF {text_pdf.name}; skipped")
            continue
        reference = read_bytes(text_pdf.read_bytes(), text_pdf.name)
        start = time.perf_counter()
        ocr = read_bytes(scan.read_bytes(), scan.name)
        seconds += time.perf_counter() - start
        for ref_page, ocr_page in zip(reference.pages, ocr.pages, strict=False):
            sequence, bag = page_accuracy(_tokens(ref_page.text), _tokens(ocr_page.text))
            sequences.append(sequence)
            bags.append(bag)
            pages += 1
            print(f"{scan.name} p{ref_page.number} ({ocr_page.source}): "
                  f"sequence {sequence:.3f} bag {bag:.3f}")
    if not pages:
        raise SystemExit("no page pairs read")
    print(f"pages {pages} from {len(scans)} scans; median word accuracy: sequence "
          f"{statistics.median(sequences):.3f}, bag {statistics.median(bags):.3f}; "
          f"worst page sequence {min(sequences):.3f}; OCR {seconds / pages:.2f} s/page")


if __name__ == "__main__":
    main()

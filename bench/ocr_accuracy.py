"""OCR word accuracy of intake on scans, with the smoothing of coarse scans off and on.

    python -m bench.ocr_accuracy [--limit 8] [--corpus samples/corpus]
    python -m bench.ocr_accuracy --real FILE.pdf [FILE.pdf ...] [--pages 2] [--as-images]

samples/corpus holds each document twice: ``dNNNN-kind.pdf`` (born-digital text
layer) and ``dNNNN-kind.scan.pdf`` (the same pages printed to a 200-dpi image with
scan noise). Each scan goes through intake exactly as a user's file would
(``read_bytes``), twice in one run, alternating: with the smoothing of pictures captured
coarser than the OCR resolution, and the enlarging of such image files, turned off
(``intake.ocr.preprocess.UPSAMPLED_SHARE`` set to 0, the reading before they existed)
and on (the default). The reference is
intake's text-layer reading of the matching page. Per page, two figures: sequence
accuracy, 1 - word edit distance / reference words (order counts), and bag accuracy,
the share of reference words OCR also gave (order-free, so a column read in another
order is not punished). Medians over pages, and OCR seconds per page for each mode.

``--real FILE ...``: real scans have no reference text, so for every page intake OCRs
(the first ``--pages`` of each file) the figures are tesseract's mean word confidence
and the share of words that are English dictionary words, off and on, per page and
as medians: a proxy, reported as one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from core.document import ReadDocument
from intake.ocr import preprocess
from intake.read import read_bytes
from intake.wordlist import dictionary_ratio

CORPUS = Path("samples/corpus")
MODES = ("off", "on")


def _tokens(text: str) -> list[str]:
    return [t for t in text.split() if t]


def page_accuracy(reference: list[str], read: list[str]) -> tuple[float, float]:
    """(sequence accuracy, bag accuracy) of ``read`` against ``reference`` words."""
    if not reference:
        return (1.0, 1.0) if not read else (0.0, 0.0)
    sequence = max(0.0, 1.0 - Levenshtein.distance(reference, read) / len(reference))
    common = sum((Counter(reference) & Counter(read)).values())
    return sequence, common / len(reference)


@contextmanager
def _smoothing(mode: str) -> Iterator[None]:
    """Smoothing of coarse scans as ``mode`` says, for the reads inside the block."""
    saved = preprocess.UPSAMPLED_SHARE
    if mode == "off":
        preprocess.UPSAMPLED_SHARE = 0.0
    try:
        yield
    finally:
        preprocess.UPSAMPLED_SHARE = saved


def _timed_read(data: bytes, name: str, mode: str) -> tuple[ReadDocument, float]:
    with _smoothing(mode):
        start = time.perf_counter()
        document = read_bytes(data, name)
        return document, time.perf_counter() - start


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f}" if values else "n/a"


def corpus_accuracy(corpus: Path, limit: int) -> None:
    scans = sorted(corpus.glob("d*.scan.pdf"))
    if limit:
        scans = scans[:limit]
    if not scans:
        raise SystemExit(f"{corpus}: no d*.scan.pdf files (generate the corpus first)")
    sequences: dict[str, list[float]] = {m: [] for m in MODES}
    bags: dict[str, list[float]] = {m: [] for m in MODES}
    seconds = dict.fromkeys(MODES, 0.0)
    pages = 0
    for index, scan in enumerate(scans):
        text_pdf = scan.with_name(scan.name.replace(".scan.pdf", ".pdf"))
        if not text_pdf.exists():
            print(f"{scan}: no matching text PDF {text_pdf.name}; skipped")
            continue
        reference = read_bytes(text_pdf.read_bytes(), text_pdf.name)
        data = scan.read_bytes()
        order = MODES if index % 2 == 0 else MODES[::-1]  # alternate which goes first
        reads: dict[str, ReadDocument] = {}
        for mode in order:
            reads[mode], spent = _timed_read(data, scan.name, mode)
            seconds[mode] += spent
        for number, ref_page in enumerate(reference.pages):
            row = []
            for mode in MODES:
                ocr_pages = reads[mode].pages
                if number >= len(ocr_pages):
                    continue
                sequence, bag = page_accuracy(_tokens(ref_page.text),
                                              _tokens(ocr_pages[number].text))
                sequences[mode].append(sequence)
                bags[mode].append(bag)
                row.append(f"{mode}: sequence {sequence:.3f} bag {bag:.3f}")
            pages += 1
            print(f"{scan.name} p{ref_page.number}: " + "; ".join(row))
    if not pages:
        raise SystemExit("no page pairs read")
    for mode in MODES:
        print(f"smoothing {mode}: pages {pages} from {len(scans)} scans; median word accuracy: "
              f"sequence {_median(sequences[mode])}, bag {_median(bags[mode])}; worst page "
              f"sequence {min(sequences[mode]):.3f}; read {seconds[mode] / pages:.2f} s/page")
    print(f"time ratio on/off {seconds['on'] / max(seconds['off'], 1e-9):.2f}")


def _pictures_as_files(path: Path, pages: int) -> list[tuple[str, bytes]]:
    """The largest picture of each of the first ``pages`` pages of a PDF, as a TIFF file at
    its own resolution (1-bit kept 1-bit), the way a scanner or fax would deliver it."""
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    out: list[tuple[str, bytes]] = []
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        for index in range(min(pages, len(document))):
            objects = list(document[index].get_objects(
                filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4))
            if not objects:
                continue
            biggest = max(objects, key=lambda o: o.get_metadata().width * o.get_metadata().height)
            metadata = biggest.get_metadata()
            image = biggest.get_bitmap().to_pil()
            if metadata.bits_per_pixel == 1:
                image = image.convert("1")
            dpi = round((metadata.horizontal_dpi * metadata.vertical_dpi) ** 0.5)
            buffer = io.BytesIO()
            image.save(buffer, format="TIFF", dpi=(dpi, dpi))
            out.append((f"{path.name[:24]}-p{index + 1}-{dpi}dpi.tiff", buffer.getvalue()))
    finally:
        document.close()
    return out


def real_proxies(files: list[Path], pages_per_file: int, as_images: bool = False) -> None:
    confidence: dict[str, list[float]] = {m: [] for m in MODES}
    english: dict[str, list[float]] = {m: [] for m in MODES}
    seconds = dict.fromkeys(MODES, 0.0)
    inputs = ([item for path in files for item in _pictures_as_files(path, pages_per_file)]
              if as_images else [(path.name, path.read_bytes()) for path in files])
    for index, (name, data) in enumerate(inputs):
        order = MODES if index % 2 == 0 else MODES[::-1]
        reads: dict[str, ReadDocument] = {}
        for mode in order:
            reads[mode], spent = _timed_read(data, name, mode)
            seconds[mode] += spent
        ocr_numbers = [p.number for p in reads["on"].pages if p.source == "ocr"]
        for number in ocr_numbers[:pages_per_file]:
            row = []
            for mode in MODES:
                page = next(p for p in reads[mode].pages if p.number == number)
                words = list(page.words)
                mean = statistics.fmean(w.confidence for w in words) if words else 0.0
                share = dictionary_ratio([w.text for w in words])
                confidence[mode].append(mean)
                english[mode].append(share)
                row.append(f"{mode}: words {len(words)} confidence {mean:.3f} english {share:.3f}")
            print(f"{name[:40]} p{number}: " + "; ".join(row))
    for mode in MODES:
        print(f"smoothing {mode}: {len(confidence[mode])} OCR pages; median confidence "
              f"{_median(confidence[mode])}, median English share {_median(english[mode])}; "
              f"read {seconds[mode]:.1f} s in all")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=8, help="documents to read (0: all)")
    parser.add_argument("--real", type=Path, nargs="+", help="real scans without references")
    parser.add_argument("--pages", type=int, default=2, help="with --real: OCR pages per file")
    parser.add_argument("--as-images", action="store_true",
                        help="with --real: read each page's picture as an image file")
    args = parser.parse_args(argv)
    if args.real:
        real_proxies(args.real, args.pages, args.as_images)
    else:
        corpus_accuracy(args.corpus, args.limit)


if __name__ == "__main__":
    main()

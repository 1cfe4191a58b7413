"""Intake speed: text-layer pages/s, OCR s/page against bare tesseract, 2-core speed-up.

    python -m bench.intake [--scan-pages 6] [--repeats 3]

Everything is measured in one run on the same pages, so the ratios hold on a
noisy shared machine. Scanned pages come from samples/corpus/*.scan.pdf.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from intake.ocr.tesseract import TESSERACT_CONFIG
from intake.read import read_bytes
from intake.settings import IntakeSettings

CORPUS = Path("samples/corpus")


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _scan_pages(limit: int, dpi: int) -> tuple[bytes, list[Path], Path]:
    """An image-only PDF of `limit` scanned pages and the same pages as 300-dpi PNGs."""
    import io

    from PIL import Image

    sources = sorted(CORPUS.glob("*.scan.pdf"))
    if not sources:
        raise SystemExit("no samples/corpus/*.scan.pdf: generate the corpus first")
    images: list[Image.Image] = []
    for source in sources:
        document = pdfium.PdfDocument(source.read_bytes())
        for page in document:
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            if len(images) == limit:
                break
        document.close()
        if len(images) == limit:
            break
    folder = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    pngs = []
    for i, image in enumerate(images):
        path = folder / f"page{i}.png"
        image.save(path, dpi=(dpi, dpi))
        pngs.append(path)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue(), pngs, folder


def bare_tesseract(pngs: list[Path], dpi: int) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    for png in pngs:
        subprocess.run(["tesseract", str(png), "stdout", *TESSERACT_CONFIG.split(),
                        "--dpi", str(dpi), "tsv"], check=True, capture_output=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan-pages", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    dpi = 300

    text_pdfs = sorted(p for p in CORPUS.glob("*.pdf") if ".scan." not in p.name)
    blobs = [p.read_bytes() for p in text_pdfs]
    page_total = 0

    def read_text_layer() -> None:
        nonlocal page_total
        page_total = 0
        for blob in blobs:
            page_total += len(read_bytes(blob, "bench.pdf").pages)

    text_seconds = _median_time(read_text_layer, args.repeats)
    print(f"text layer: {len(blobs)} PDFs, {page_total} pages, median {text_seconds:.2f} s "
          f"-> {page_total / text_seconds:.1f} pages/s")

    pdf_bytes, pngs, _folder = _scan_pages(args.scan_pages, dpi)
    n = len(pngs)
    one = IntakeSettings(workers=1)
    two = IntakeSettings(workers=2)
    bare = _median_time(lambda: bare_tesseract(pngs, dpi), args.repeats) / n
    ours_one = _median_time(lambda: read_bytes(pdf_bytes, "bench.pdf", settings=one),
                            args.repeats) / n
    ours_two = _median_time(lambda: read_bytes(pdf_bytes, "bench.pdf", settings=two),
                            args.repeats) / n
    print(f"scanned: {n} pages at {dpi} dpi, medians of {args.repeats} runs")
    print(f"  bare tesseract CLI (1 thread, same flags): {bare:.2f} s/page")
    print(f"  casetrace, 1 worker (render+deskew+OCR):   {ours_one:.2f} s/page "
          f"(overhead ratio {ours_one / bare:.2f})")
    print(f"  casetrace, 2 workers:                      {ours_two:.2f} s/page "
          f"(speed-up {ours_one / ours_two:.2f}x over 1 worker)")


if __name__ == "__main__":
    main()

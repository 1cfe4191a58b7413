"""Tesseract against RapidOCR on generated scans, clean and broken, and where a page is
worth reading with RapidOCR too.

Why: issue 11 asks to compare rapidocr with tesseract and to spend a second reading only
where it pays. Each text-layer PDF of ``--corpus`` is rasterized and printed three ways:
``grey`` (200 dpi, as the generator's scans), ``fax`` (200 dpi 1-bit, thresholded
dark) and ``broken`` (150 dpi 1-bit, an eighth of the ink dropped, specks: old court
photocopies, whose letters break). Every page, as an image-only PDF, goes through intake
(``read_bytes``: rendering, smoothing, deskew) with each engine (``CASETRACE_OCR_ENGINE``);
the reference is the text layer. Per page: bag
accuracy (share of reference words read), tesseract's mean word confidence, seconds.
Then, for each gate, the mean accuracy and time of reading a page with RapidOCR only
when tesseract's mean confidence on it is under the gate, against tesseract alone.

    python bench/ocr_engines.py [--corpus samples/corpus] [--limit 10]
    python bench/ocr_engines.py --fallback-cost [--limit 0]

``--fallback-cost``: what the fallback costs on the generator's own scans (``*.scan.pdf``,
``*.scan.png``, ``*.scan.tif``): each file read through intake with
``CASETRACE_OCR_FALLBACK`` off and on (alternating which goes first), the pages whose
reading differs (re-read), bag accuracy against the text layer, and the time ratio.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ocr_accuracy import page_accuracy  # noqa: E402
from intake.read import read_bytes  # noqa: E402
from samples.scan import rasterize  # noqa: E402

STYLES = ("grey", "fax", "broken")
ENGINES = ("tesseract", "rapidocr")
GATES = (0.0, 0.80, 0.85, 0.88, 0.90, 0.92, 1.01)


def printed(page: Image.Image, style: str, rng: np.random.Generator) -> Image.Image:
    """The page as one of the three kinds of scan (see the module docstring)."""
    grey = np.asarray(page.convert("L"), dtype=np.float64)
    if style == "grey":
        noisy = grey + rng.normal(0, 6, grey.shape)
        return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    if style == "fax":
        return Image.fromarray(((grey > 150) * 255).astype(np.uint8))
    small = page.convert("L").resize((page.width * 3 // 4, page.height * 3 // 4))
    thin = np.asarray(small, dtype=np.float64)
    ink = (thin < 120) & (rng.random(thin.shape) > 0.12)
    specks = rng.random(thin.shape) < 0.002
    return Image.fromarray((~(ink | specks) * 255).astype(np.uint8))


def as_pdf(image: Image.Image, dpi: int) -> bytes:
    """An image-only PDF of the page, as a scanner writes one (1-bit where it is)."""
    buffer = io.BytesIO()
    picture = image.convert("1") if len(np.unique(np.asarray(image))) <= 2 else image
    picture.save(buffer, format="PDF", resolution=dpi)
    return buffer.getvalue()


def fallback_cost(corpus: Path, limit: int) -> int:
    scans = sorted(p for p in corpus.glob("d*.scan.*"))
    scans = scans[:limit] if limit else scans
    seconds = {"off": 0.0, "on": 0.0}
    accuracy: dict[str, list[float]] = {"off": [], "on": []}
    pages = reread = 0
    os.environ["CASETRACE_OCR_ENGINE"] = "tesseract"
    for index, scan in enumerate(scans):
        text_pdf = corpus / (scan.name.split(".scan.")[0] + ".pdf")
        reference = read_bytes(text_pdf.read_bytes(), text_pdf.name)
        reads = {}
        for mode in ("off", "on") if index % 2 == 0 else ("on", "off"):
            os.environ["CASETRACE_OCR_FALLBACK"] = "off" if mode == "off" else "rapidocr"
            start = time.perf_counter()
            reads[mode] = read_bytes(scan.read_bytes(), scan.name)
            seconds[mode] += time.perf_counter() - start
        for number, ref_page in enumerate(reference.pages):
            if number >= len(reads["off"].pages):
                continue
            pages += 1
            texts = {mode: reads[mode].pages[number].text for mode in reads}
            reread += texts["off"] != texts["on"]
            for mode in reads:
                accuracy[mode].append(page_accuracy(ref_page.text.split(), texts[mode].split())[1])
    print(f"{len(scans)} generator scans, {pages} pages; re-read by the fallback: {reread}; "
          f"mean bag accuracy off {statistics.mean(accuracy['off']):.4f} on "
          f"{statistics.mean(accuracy['on']):.4f}; seconds off {seconds['off']:.1f} on "
          f"{seconds['on']:.1f} (ratio {seconds['on'] / seconds['off']:.2f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "samples" / "corpus")
    ap.add_argument("--limit", type=int, default=10, help="text PDFs used (0: all)")
    ap.add_argument("--fallback-cost", action="store_true",
                    help="instead: the fallback's cost on the corpus's own scans")
    args = ap.parse_args(argv)
    if args.fallback_cost:
        return fallback_cost(args.corpus, args.limit)
    pdfs = sorted(p for p in args.corpus.glob("d*.pdf") if not p.name.endswith(".scan.pdf"))
    pdfs = pdfs[: args.limit] if args.limit else pdfs
    rng = np.random.default_rng(7)
    rows: dict[str, list[tuple[float, float, float, float, float]]] = {s: [] for s in STYLES}
    for pdf in pdfs:
        reference = read_bytes(pdf.read_bytes(), pdf.name)
        for number, page in enumerate(rasterize(pdf, 200)):
            words = reference.pages[number].text.split()
            for style in STYLES:
                data = as_pdf(printed(page, style, rng), 150 if style == "broken" else 200)
                results = {}
                for name in ENGINES:
                    os.environ["CASETRACE_OCR_ENGINE"] = name
                    os.environ["CASETRACE_OCR_FALLBACK"] = "off"  # each engine alone
                    start = time.perf_counter()
                    read = read_bytes(data, f"{pdf.stem}-{style}.pdf").pages[0]
                    confidence = statistics.mean(w.confidence for w in read.words) \
                        if read.words else 0.0
                    results[name] = (page_accuracy(words, read.text.split())[1],
                                     time.perf_counter() - start, confidence)
                (t_acc, t_sec, t_conf), (r_acc, r_sec, _) = results["tesseract"], \
                    results["rapidocr"]
                rows[style].append((t_conf, t_acc, r_acc, t_sec, r_sec))
                print(f"{pdf.name} p{number + 1} {style:6s}: tesseract conf {t_conf:.3f} "
                      f"bag {t_acc:.3f} {t_sec:.1f} s; rapidocr bag {r_acc:.3f} {r_sec:.1f} s",
                      flush=True)
    every = [row for style in STYLES for row in rows[style]]
    for style in STYLES:
        style_rows = rows[style]
        print(f"{style}: pages {len(style_rows)}; bag accuracy median tesseract "
              f"{statistics.median(r[1] for r in style_rows):.3f}, rapidocr "
              f"{statistics.median(r[2] for r in style_rows):.3f}; tesseract confidence "
              f"median {statistics.median(r[0] for r in style_rows):.3f}; seconds/page "
              f"{statistics.median(r[3] for r in style_rows):.2f} / "
              f"{statistics.median(r[4] for r in style_rows):.2f}")
    base_acc = statistics.mean(r[1] for r in every)
    base_sec = sum(r[3] for r in every)
    for gate in GATES:
        chosen = [r[2] if r[0] < gate else r[1] for r in every]
        seconds = sum(r[3] + (r[4] if r[0] < gate else 0.0) for r in every)
        share = sum(r[0] < gate for r in every) / len(every)
        by_style = ", ".join(
            f"{s} {statistics.mean(r[2] if r[0] < gate else r[1] for r in rows[s]):.3f}"
            for s in STYLES)
        print(f"gate {gate:.2f}: pages re-read {share:.2f}; mean bag {statistics.mean(chosen):.4f}"
              f" (tesseract alone {base_acc:.4f}; {by_style}); time {seconds / base_sec:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

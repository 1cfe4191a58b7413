"""What the leftover-ink pass over OCR-made text layers costs: read time per document.

    python -m bench.ocr_layer FILE.pdf [FILE.pdf ...] [--repeats 3]

Each file is read by ``intake.read.read_bytes`` with ``ocr_layer_pages=0`` (the
baseline: the earlier OCR layer trusted as it is) and with the default setting,
alternating, in one run; the table gives median seconds, the ratio, and how many
words the pass added. Files with no OCR-made layer show the check's own cost.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from intake.read import read_bytes
from intake.settings import IntakeSettings


def _timed(data: bytes, name: str, settings: IntakeSettings) -> tuple[float, int]:
    start = time.perf_counter()
    document = read_bytes(data, name, settings=settings)
    return time.perf_counter() - start, sum(len(p.words) for p in document.pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    off, on = IntakeSettings(ocr_layer_pages=0), IntakeSettings()
    print(f"| file | off s | on (pages={on.ocr_layer_pages}) s | ratio | words added |")
    print("|---|---|---|---|---|")
    ratios: list[float] = []
    for path in args.files:
        data = path.read_bytes()
        base: list[float] = []
        new: list[float] = []
        added = 0
        for _ in range(args.repeats):
            seconds, before = _timed(data, path.name, off)
            base.append(seconds)
            seconds, after = _timed(data, path.name, on)
            new.append(seconds)
            added = after - before
        ratio = statistics.median(new) / max(statistics.median(base), 1e-9)
        ratios.append(ratio)
        print(f"| {path.name[:40]} | {statistics.median(base):.2f} | "
              f"{statistics.median(new):.2f} | {ratio:.2f} | {added} |")
    print(f"median ratio {statistics.median(ratios):.2f} over {len(ratios)} file(s)")


if __name__ == "__main__":
    main()

"""How fast the sample generator writes documents, with and without scans.

    python bench/samples.py [--count 10] [--repeats 3]

Prints the median seconds per 10 documents for text-layer PDFs + truth only, and for the
full set with scanned renderings; the scan-free run is the baseline the ratio is taken
against. Each run writes into a fresh temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.generate import generate_corpus  # noqa: E402


def _time_run(count: int, seed: int, scans: bool) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        generate_corpus(Path(folder), count, seed, scans=scans)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    per_ten = 10 / args.count
    text_only = [_time_run(args.count, seed, False) * per_ten for seed in range(args.repeats)]
    with_scans = [_time_run(args.count, seed, True) * per_ten for seed in range(args.repeats)]
    base, full = statistics.median(text_only), statistics.median(with_scans)
    print(f"documents per run: {args.count}, repeats: {args.repeats}")
    print(f"text PDFs + truth:   median {base:6.2f} s per 10 documents")
    print(f"with scans:          median {full:6.2f} s per 10 documents ({full / base:.1f}x)")


if __name__ == "__main__":
    main()

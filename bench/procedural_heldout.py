"""The procedurally composed key-value families (samples/procedural) held out, by the
contract scorer, with enough documents of each family to score it.

Why: ``casetrace eval --heldout-families`` draws about one sheet per arrangement in a
60-document corpus; this adds ``--per-family`` sheets of every arrangement to a mixed
corpus, for evaluation (``--seed``) and for role-head training (``--seed`` + 1). Each fold
fits the role head and the calibration table without its family
(``extraction.heldout.heldout_families``); only the five procedural families are scored.

    python bench/procedural_heldout.py --work /tmp/hoP --count 40 --per-family 8 --seed 4242

Corpora already under ``--work`` are reused (delete the folder for fresh ones). Each fold's
contract lines land in ``--work``/folds/lines/FAMILY.model.jsonl beside its truth
(folds/truth/FAMILY): ``score_extract.py --pred LINES --docs WORK/eval --truth TRUTH -v``
lists the fold's misses and the values wrong at high confidence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction import heldout  # noqa: E402
from intake.read import read_file  # noqa: E402
from samples.generate import generate_corpus, generate_layout_corpus  # noqa: E402
from samples.procedural import TEMPLATES  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="folder for corpora, folds")
    parser.add_argument("--count", type=int, default=40, help="mixed documents per corpus")
    parser.add_argument("--per-family", type=int, default=8)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--scorer", type=Path, default=heldout.DEFAULT_SCORER)
    args = parser.parse_args(argv)
    templates = sorted(TEMPLATES)
    corpora = {}
    for name, seed in (("eval", args.seed), ("train", args.seed + 1)):
        folder = args.work / name
        if not folder.exists():
            generate_corpus(folder, args.count, seed, scans=False)
            generate_layout_corpus(folder, args.per_family * len(templates), seed, templates)
        corpora[name] = heldout.read_generated(folder, read_file)
    report = heldout.heldout_families(
        corpora["eval"], corpora["train"], heldout.load_scorer(args.scorer),
        args.work / "folds", only=templates,
        log=lambda message: print(message, file=sys.stderr))
    print(heldout.render(None, report, [
        f"procedural families held out: --count {args.count} --per-family "
        f"{args.per_family} --seed {args.seed} (training seed {args.seed + 1}); folder "
        f"{args.work}"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

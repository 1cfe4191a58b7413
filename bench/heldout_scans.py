"""Held-out layout families on scans: the same folds as ``casetrace eval --heldout-families``
(role head and calibration fitted without the family), scored by the contract scorer
apart for scans and for the text layers of the same documents.

    python bench/heldout_scans.py --work /tmp/hos --count 60 --seed 4242 --scans 12

``casetrace eval`` pools a held-out run's scans with its text layers; this scores them
apart, so the gap OCR leaves on layouts the models never saw is one number. Only the
families that have a scan among the first ``--scans`` documents are folded. The corpora
are generated into ``--work`` unless they are there already (the same as ``casetrace
eval --work``'s, so one folder serves both).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import heldout as measure  # noqa: E402
from intake.read import read_file  # noqa: E402

GROUPS = ("scanned", "text, same documents", "text, every document of those families")


def corpora(work: Path, count: int, seed: int, scans: int) -> None:
    """The evaluation (with scans) and role-head training corpora, unless already there."""
    from samples.generate import generate_corpus

    if not any((work / "eval").glob("*.truth.json")):
        generate_corpus(work / "eval", count, seed, scans=scans > 0)
    if not any((work / "train").glob("*.truth.json")):
        generate_corpus(work / "train", count, seed + 1, scans=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--scans", type=int, default=12)
    args = parser.parse_args(argv)
    corpora(args.work, args.count, args.seed, args.scans)
    scorer = measure.load_scorer(measure.DEFAULT_SCORER)
    eval_docs = measure.read_generated(args.work / "eval", read_file, max_scans=args.scans)
    train_docs = measure.read_generated(args.work / "train", read_file)
    scanned_ids = {r.doc_id for r in eval_docs if r.rendering == "scanned"}
    families = sorted({r.family for r in eval_docs if r.doc_id in scanned_ids})
    print(f"{len(scanned_ids)} scans in {len(families)} families: {', '.join(families)}")
    report = measure.heldout_families(eval_docs, train_docs, scorer, args.work / "scan-folds",
                                      log=print, only=families)
    members: dict[str, list[tuple[measure.Rendering, dict]]] = {group: [] for group in GROUPS}
    for r, line in report.predictions[measure.CONFIGS[0][1]]:  # with the role model
        groups = (["scanned"] if r.rendering == "scanned" else
                  ["text, every document of those families"]
                  + (["text, same documents"] if r.doc_id in scanned_ids else []))
        for group in groups:
            members[group].append((r, line))
    docs_dir = eval_docs[0].path.parent
    for number, group in enumerate(GROUPS):
        truth = measure.write_truths([r for r, _ in members[group]],
                                     args.work / "scan-split" / str(number))
        score = measure.score_lines(scorer, [line for _, line in members[group]], docs_dir,
                                    truth)
        print(f"{group:40s} {len(members[group]):3d} docs  {score.cells()}")

if __name__ == "__main__":
    main()

"""How the doc-type classifier does on papers it was not trained on.

    python -m samples.doctype_heldout                  # both held-out measures
    python -m samples.doctype_heldout --ablation       # also without the keyword cues

1. Leave one composed kind out: for each kind (a declaration of venue, a minute order, a
   small-claims complaint, the summons...), fit on every other kind plus rendered
   generator documents of the seven named types (so a held-out named kind is learned
   from the generator's fixed templates alone), then classify fresh papers of the
   held-out kind (another seed). The generator's ``other`` layouts are in no fold: they
   hold the same kinds' wording.
2. The generator's layouts held out: fit on composed papers (and the procedural sheets)
   only and classify a rendered generator corpus (its fixed templates, read back from the
   PDFs' text layers).
3. Procedural families held out: for each arrangement of ``samples.procedural`` (boxed
   grid, two columns, fixed width, label above, label left), fit on composed papers,
   the fixed layouts and the other arrangements' sheets, then classify fresh sheets of
   the held-out arrangement (another seed): label wordings and placement the fold never
   saw.

The procedural sheets are in folds 1 and 2 as the committed model has them.

Accuracy is the contract scorer's rule (the predicted doc_type equals the truth's).
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from intake.classify import DocTypeModel, classify_texts
from samples.paperwork.corpus import KINDS, compose_docs
from samples.procedural import TEMPLATES as PROCEDURAL_FAMILIES
from samples.train_doctype import (
    NAMED_BOOST,
    PROCEDURAL_PER_FAMILY,
    Featurized,
    fit,
    from_composed,
    procedural_docs,
    rendered_docs,
)

TRAIN_PER_KIND = 25
TEST_PER_KIND = 15


CONFIDENT = 0.9
MEASURES = ("kinds", "layouts", "procedural")
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)  # "unsure" levels compared on the held-out answers
_answers: list[tuple[float, bool]] = []  # (confidence, right) of every held-out answer
_by_threshold: dict[float, dict[str, list[bool]]] = {}  # unsure -> held-out set -> rights


def accuracy(model: DocTypeModel, data: Featurized, held_out: str = "") -> float:
    right = 0
    for pages, label in zip(data.texts, data.labels, strict=True):
        found, confidence = classify_texts(pages, model)
        right += found == label
        _answers.append((confidence, found == label))
        for unsure in THRESHOLDS:
            other = classify_texts(pages, replace(model, unsure=unsure))[0]
            _by_threshold.setdefault(unsure, {}).setdefault(held_out, []).append(other == label)
    return right / max(1, len(data.labels))


def threshold_table() -> str:
    """Mean held-out accuracy (over the held-out sets) at each ``unsure`` level."""
    rows = []
    for unsure, sets in sorted(_by_threshold.items()):
        means = [sum(v) / len(v) for v in sets.values()]
        rows.append(f"unsure {unsure}: mean {statistics.mean(means):.3f}, "
                    f"worst {min(means):.3f}")
    return "; ".join(rows)


def confident_share() -> str:
    """Share right among held-out answers with confidence >= 0.9 (and how many)."""
    sure = [right for confidence, right in _answers if confidence >= CONFIDENT]
    share = sum(sure) / len(sure) if sure else float("nan")
    return f"{share:.3f} right among confidence >= {CONFIDENT} (n={len(sure)} of {len(_answers)})"


def leave_one_kind_out(train: Featurized, drawn: Featurized, test: Featurized,
                       groups: Sequence[str] | None = None) -> dict[str, float]:
    scores = {}
    named_layouts = drawn.subset([label != "other" for label in drawn.labels])
    for kind in KINDS:
        fold = train.subset([k != kind for k in train.kinds])
        fold.extend(named_layouts)
        model = fit(fold, groups=groups)
        scores[kind] = accuracy(model, test.subset([k == kind for k in test.kinds]), kind)
        print(f"  held out {kind:24s} accuracy {scores[kind]:.3f}", flush=True)
    return scores


def layouts_held_out(train: Featurized, drawn: Featurized,
                     groups: Sequence[str] | None = None) -> dict[str, float]:
    model = fit(train, groups=groups)
    by_type: dict[str, list[bool]] = {}
    for pages, label in zip(drawn.texts, drawn.labels, strict=True):
        found, confidence = classify_texts(pages, model)
        by_type.setdefault(label, []).append(found == label)
        _answers.append((confidence, found == label))
    return {label: sum(hits) / len(hits) for label, hits in sorted(by_type.items())}


def procedural_families_held_out(train: Featurized, drawn: Featurized,
                                 sheets: Featurized, test: Featurized,
                                 groups: Sequence[str] | None = None) -> dict[str, float]:
    """Per arrangement: fit without its sheets, classify fresh sheets of it. Printed
    beside each: the accuracy of a model fitted with no procedural sheets at all (the
    method before they were in training), on the same sheets."""
    scores = {}
    without = train.copy()
    without.extend(drawn)
    baseline = fit(without, groups=groups)
    for family in sorted(PROCEDURAL_FAMILIES):
        kind = f"procedural:{family}"
        fold = train.copy()
        fold.extend(drawn)
        fold.extend(sheets.subset([k != kind for k in sheets.kinds]))
        model = fit(fold, groups=groups)
        held = test.subset([k == kind for k in test.kinds])
        scores[family] = accuracy(model, held, kind)
        before = sum(classify_texts(pages, baseline)[0] == label
                     for pages, label in zip(held.texts, held.labels, strict=True))
        print(f"  held out {family:24s} accuracy {scores[family]:.3f} (no sheets in "
              f"training: {before / max(1, len(held.labels)):.3f})", flush=True)
    return scores


def report(title: str, scores: dict[str, float]) -> None:
    worst = min(scores, key=lambda k: scores[k])
    print(f"{title}: mean {statistics.mean(scores.values()):.3f}, worst {worst} "
          f"{scores[worst]:.3f} ({len(scores)} held out)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--rendered", type=int, default=90)
    parser.add_argument("--sheets", type=int, default=10,
                        help="held-out procedural sheets per arrangement")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--measures", nargs="+", default=list(MEASURES), choices=MEASURES,
                        help="which held-out measures to run (default: all three)")
    args = parser.parse_args(argv)
    train = from_composed(list(compose_docs(TRAIN_PER_KIND, args.seed,
                                            named_boost=NAMED_BOOST)))
    test = from_composed(list(compose_docs(TEST_PER_KIND, args.seed + 1)))
    drawn = rendered_docs(args.rendered, args.seed + 2)
    drawn_train = rendered_docs(args.rendered, args.seed + 3)
    sheets = procedural_docs(PROCEDURAL_PER_FAMILY, args.seed + 4)
    sheets_test = procedural_docs(args.sheets, args.seed + 5)
    composed_and_sheets = train.copy()
    composed_and_sheets.extend(sheets)
    print(f"rendered generator documents: {dict(Counter(drawn.labels))}")
    variants: list[tuple[str, Sequence[str] | None]] = [("all features", None)]
    if args.ablation:
        variants.append(("without keyword cues", ("word", "char", "title")))
    for name, groups in variants:
        print(f"== {name}")
        if "kinds" in args.measures:
            report(f"leave one kind out ({name})",
                   leave_one_kind_out(composed_and_sheets, drawn_train, test, groups))
        if "layouts" in args.measures:
            by_type = layouts_held_out(composed_and_sheets, drawn, groups)
            print("  generator layouts held out, by type: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in by_type.items()))
            report(f"generator layouts held out ({name})", by_type)
        if "procedural" in args.measures:
            report(f"procedural families held out ({name})",
                   procedural_families_held_out(train, drawn_train, sheets, sheets_test,
                                                groups))
        print(f"  pooled held-out answers ({name}): {confident_share()}")
        print(f"  leave one kind out at other unsure levels ({name}): {threshold_table()}")
        _answers.clear()
        _by_threshold.clear()


if __name__ == "__main__":
    main()

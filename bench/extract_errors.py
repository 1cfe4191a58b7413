"""Per-document, per-field error table of extraction on the labelled real filings.

Why: the contract scorer's headline says how much is wrong; fixing the method needs every
miss and false positive with what was expected and what was produced. Read documents are
cached (pickled ``ReadDocument``, keyed by file sha256) so the slow OCR of scans runs once;
the document type is classified again on every run, as ``casetrace extract`` does, so a
classifier change shows up here too.

    python bench/extract_errors.py [--docs ../shared/realdocs] [--cache /tmp/ct-read-cache]
        [--no-transformer] [--only dc01] [--quiet]
    python bench/extract_errors.py --generated /tmp/hoP/eval --only kv-label-above

The last line is the scorer's: ``overall_f1=... text_f1=... scanned_f1=... party_f1=...``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import importlib.util  # noqa: E402
from collections.abc import Callable  # noqa: E402

from core.document import PageContent, ReadDocument  # noqa: E402
from extraction import pipeline  # noqa: E402
from extraction.heldout import DEFAULT_SCORER, contract_line, load_scorer  # noqa: E402
from extraction.pipeline import extract_document  # noqa: E402

Classifier = Callable[[list[PageContent]], tuple[str, float]]


def rev_classifier(rev: str) -> Classifier:
    """intake/classify.py as committed at ``rev``: the figures of the extraction alone while
    the working tree's classifier is being replaced by someone else."""
    source = subprocess.run(["git", "show", f"{rev}:intake/classify.py"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.gettempdir()) / "casetrace_head_classify.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("casetrace_head_classify", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    classify: Classifier = module.classify_document
    return classify


def tree_classifier() -> Classifier:
    from intake.classify import classify_document

    return classify_document


def cached_read(path: Path, cache: Path, classify: Classifier) -> ReadDocument:
    """The read document, from the cache when this file's bytes were read before."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    slot = cache / f"{digest}.pkl"
    if slot.exists():
        doc: ReadDocument = pickle.loads(slot.read_bytes())
    else:
        from intake.read import read_file

        doc = read_file(path)
        cache.mkdir(parents=True, exist_ok=True)
        slot.write_bytes(pickle.dumps(doc))
    doc.doc_type, _ = classify(doc.pages)
    return doc


def git_state(classifier: str) -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "intake/classify.py"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (f"HEAD {head}, intake/classify.py {'modified' if dirty else 'clean'}, "
            f"classifier used: {classifier}")


def heldout(folder: Path, count: int, seed: int, cache: Path, classify: Classifier,
            classifier: str) -> int:
    """``casetrace eval --heldout-families`` over cached reads (same folds, same scorer)."""
    from extraction import heldout as measure
    from samples.generate import generate_corpus

    for sub, corpus_seed in (("eval", seed), ("train", seed + 1)):
        if not (folder / sub).exists():
            generate_corpus(folder / sub, count, corpus_seed, scans=False)
    scorer = load_scorer(DEFAULT_SCORER)

    def read(path: Path) -> ReadDocument:
        return cached_read(path, cache, classify)

    eval_docs = measure.read_generated(folder / "eval", read)
    train_docs = measure.read_generated(folder / "train", read)
    report = measure.heldout_families(eval_docs, train_docs, scorer, folder / "folds",
                                      log=lambda m: print(m, file=sys.stderr))
    print(git_state(classifier))
    print(measure.render(None, report))
    return 0


def generated(folder: Path, only: str, cache: Path, classify: Classifier,
              use_transformer: bool, quiet: bool) -> int:
    """Every miss on a generated corpus (``casetrace samples`` output: ``*.truth.json``
    beside each PDF) with the committed parts, scored by the contract scorer: the quick look
    at one layout family (``--only`` matches the template name) before a held-out run."""
    from extraction import heldout as measure

    def read(path: Path) -> ReadDocument:
        return cached_read(path, cache, classify)

    lines, chosen = [], []
    for truth_path in sorted(folder.glob("*.truth.json")):
        template = json.loads(truth_path.read_text()).get("template", "")
        if only and only not in template and only not in truth_path.name:
            continue
        chosen.append(truth_path)
    renderings = [r for r in measure.read_generated(folder, read)
                  if any(r.path.name.startswith(t.name[: -len(".truth.json")]) for t in chosen)]
    scorer = load_scorer(DEFAULT_SCORER)
    with tempfile.TemporaryDirectory() as tmp:
        truth_dir = Path(tmp) / "truth"
        truth_dir.mkdir()
        for r in renderings:
            lines.append(contract_line(r.path, r.doc, extract_document(
                r.doc, use_transformer=use_transformer)))
            (truth_dir / f"{r.path.name}.json").write_text(json.dumps(
                measure.scorer_truth(r.truth, r.path.name, r.rendering), ensure_ascii=False))
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(x) + "\n" for x in lines))
        argv = ["--pred", str(pred), "--docs", str(folder), "--truth", str(truth_dir)]
        return int(scorer.main(argv + ([] if quiet else ["-v"])) or 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ct-read-cache")
    ap.add_argument("--no-transformer", action="store_true")
    ap.add_argument("--only", default="", help="substring of the file names to keep")
    ap.add_argument("--quiet", action="store_true", help="figures only, no mismatches")
    ap.add_argument("--save", type=Path, help="write the contract lines here")
    ap.add_argument("--heldout", type=Path, help="instead: leave one generator layout family "
                    "out, corpora generated (once) under this folder, --count / --seed")
    ap.add_argument("--generated", type=Path, help="instead: every miss on a generated corpus "
                    "(truth beside each PDF) with the committed parts; --only picks templates")
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--classifier", default="tree",
                    help="'tree' (the working tree's intake/classify.py) or a git revision "
                    "whose intake/classify.py to use")
    args = ap.parse_args(argv)
    classify = tree_classifier() if args.classifier == "tree" else rev_classifier(args.classifier)
    import intake.read
    from extraction import fit_calibration, train_role_model

    for module in (pipeline, intake.read, fit_calibration, train_role_model):
        module.classify_document = classify  # type: ignore[attr-defined]
    if args.heldout:
        return heldout(args.heldout, args.count, args.seed, args.cache, classify,
                       args.classifier)
    if args.generated:
        return generated(args.generated, args.only, args.cache, classify,
                         not args.no_transformer, args.quiet)
    truth_dir = args.docs / "truth"
    lines = []
    for truth_path in sorted(truth_dir.glob("*.json")):
        name = json.loads(truth_path.read_text())["file"]
        if args.only and args.only not in name:
            continue
        path = (args.docs / name).resolve()
        doc = cached_read(path, args.cache, classify)
        lines.append(contract_line(path, doc, extract_document(
            doc, use_transformer=not args.no_transformer)))
    scorer = load_scorer(DEFAULT_SCORER)
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(x) + "\n" for x in lines))
        if args.save:
            args.save.write_text(pred.read_text())
        only_truth = Path(tmp) / "truth"
        only_truth.mkdir()
        for line in lines:
            src = truth_dir / f"{Path(line['file']).name}.json"
            (only_truth / src.name).write_text(src.read_text())
        print(git_state(args.classifier))
        argv2 = ["--pred", str(pred), "--docs", str(args.docs), "--truth", str(only_truth)]
        return int(scorer.main(argv2 + ([] if args.quiet else ["-v"])) or 0)


if __name__ == "__main__":
    raise SystemExit(main())

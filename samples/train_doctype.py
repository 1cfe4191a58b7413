"""Train the document-type classifier and write ``intake/doctype_model.npz``.

    python -m samples.train_doctype                 # the committed weights
    python -m samples.train_doctype --out /tmp/m.npz --per-kind 20

Training data is composed paperwork (``samples.paperwork``: the seven named types in many
wordings and sixteen kinds of ``other`` court papers), never a real document. Features are
``intake.doctype_features``; the model is a multinomial logistic regression (scikit-learn,
the dev extra) whose weights are stored as float16 and read back with numpy alone. The
same seed and settings write the same weights.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.document import PageContent
from intake.classify import MODEL_PATH, DocTypeModel, page_texts
from intake.doctype_features import DIM, PAGES_READ, raw_counts, weigh
from samples.paperwork.corpus import ComposedDoc, compose_docs

SEED = 11
PER_KIND = 70
RENDERED = 120  # generator documents drawn and read back (about 0.1 s each)
RENDERED_BATCH = 30
# Procedurally composed key/value sheets per arrangement (``samples.procedural``): label
# wordings drawn from a wide vocabulary, so a placement is learned from what such a sheet
# is (a debtor's facts as labelled values) rather than from a few fixed titles.
PROCEDURAL_PER_FAMILY = 16
NAMED_BOOST = 3  # papers per named kind, times per_kind
C = 8.0  # inverse regularization: the features are unit-scaled groups
UNSURE = 0.5  # below this probability for the best named type, the answer is "other"


@dataclass(slots=True)
class Featurized:
    """Training rows: page texts, labels, the kind each was composed as, and their feature
    counts (taken once, reused by every fold)."""

    texts: list[list[str]]
    labels: list[str]
    kinds: list[str]
    counts: list[dict[str, dict[int, float]]] = field(default_factory=list)

    def counted(self) -> list[dict[str, dict[int, float]]]:
        while len(self.counts) < len(self.texts):
            self.counts.append(raw_counts(self.texts[len(self.counts)]))
        return self.counts

    def subset(self, keep: Sequence[bool]) -> Featurized:
        counts = self.counted()
        rows = [i for i, k in enumerate(keep) if k]
        return Featurized([self.texts[i] for i in rows], [self.labels[i] for i in rows],
                          [self.kinds[i] for i in rows], [counts[i] for i in rows])

    def copy(self) -> Featurized:
        """Every row, in a new set that ``extend`` can grow without touching this one."""
        return self.subset([True] * len(self.texts))

    def extend(self, other: Featurized) -> None:
        self.counted()
        self.texts += other.texts
        self.labels += other.labels
        self.kinds += other.kinds
        self.counts += other.counted()


def from_composed(docs: Sequence[ComposedDoc]) -> Featurized:
    return Featurized([d.pages for d in docs], [d.doc_type for d in docs],
                      [d.kind for d in docs])


def fit_idf(data: Featurized) -> np.ndarray:
    """Smoothed inverse document frequency over every feature group."""
    df = np.zeros(DIM, dtype=np.float64)
    for counted in data.counted():
        seen: set[int] = set()
        for counts in counted.values():
            seen.update(counts)
        df[list(seen)] += 1
    n = len(data.texts)
    return np.log((1.0 + n) / (1.0 + df)) + 1.0


def matrix(data: Featurized, idf: np.ndarray,
           groups: Sequence[str] | None = None):  # -> scipy.sparse.csr_matrix
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    idf_list = idf.tolist()
    for row, counted in enumerate(data.counted()):
        for col, value in sorted(weigh(counted, idf_list, groups).items()):
            rows.append(row)
            cols.append(col)
            vals.append(value)
    return csr_matrix((vals, (rows, cols)), shape=(len(data.texts), DIM), dtype=np.float64)


def fit(data: Featurized, *, c: float = C, unsure: float = UNSURE,
        groups: Sequence[str] | None = None) -> DocTypeModel:
    """A model from the rows; deterministic (lbfgs from zeros, rows in a fixed order)."""
    from sklearn.linear_model import LogisticRegression

    idf = fit_idf(data)
    x = matrix(data, idf, groups)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", tol=1e-4)
    model.fit(x, data.labels)
    weight = model.coef_.astype(np.float16)
    return DocTypeModel(tuple(str(c) for c in model.classes_), weight,
                        model.intercept_.astype(np.float64),
                        idf.astype(np.float16).astype(np.float64), unsure,
                        tuple(groups) if groups is not None else None)


def _read_back(folder: Path, truth_paths: list[Path], kind: str = "layout") -> Featurized:
    """Generated PDFs read back from their text layers as intake reads them (the structure
    a real text layer has), labelled with their truth's doc type; kind ``<kind>:<template>``."""
    from intake.pdf import open_pdf
    from intake.text_layer import page_words

    texts, labels, kinds = [], [], []
    for truth_path in truth_paths:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        pdf, _ = open_pdf((folder / f"{truth['doc_id']}.pdf").read_bytes())
        with pdf:
            pages = [PageContent(n, float(p.width), float(p.height), "text", page_words(p))
                     for n, p in enumerate(pdf.pages[:PAGES_READ], start=1)]
        texts.append(page_texts(pages))
        labels.append(truth["doc_type"])
        kinds.append(f"{kind}:{truth['template']}")
    return Featurized(texts, labels, kinds)


def rendered_docs(count: int, seed: int) -> Featurized:
    """The generator's fixed layouts (``samples.generate``), drawn as PDFs and read back."""
    from samples.generate import generate_corpus

    data = Featurized([], [], [])
    with tempfile.TemporaryDirectory() as tmp:
        for part in range(0, count, RENDERED_BATCH):
            folder = Path(tmp) / str(part)
            # the fixed templates only: the procedural sheets come in by family
            # (``procedural_docs``), so each can be held out on its own
            truths = generate_corpus(folder, min(RENDERED_BATCH, count - part), seed + part,
                                     scans=False, procedural=False)
            data.extend(_read_back(folder, truths))
    return data


def procedural_docs(per_family: int, seed: int, families: Sequence[str] | None = None
                    ) -> Featurized:
    """``per_family`` procedurally composed sheets of each arrangement (all of them unless
    ``families`` names some), drawn and read back; kind ``procedural:<family>``."""
    from samples.generate import generate_layout_corpus
    from samples.procedural import TEMPLATES

    chosen = sorted(families if families is not None else TEMPLATES)
    if per_family < 1 or not chosen:
        return Featurized([], [], [])
    with tempfile.TemporaryDirectory() as tmp:
        truths = generate_layout_corpus(Path(tmp), per_family * len(chosen), seed, chosen)
        return _read_back(Path(tmp), truths, "procedural")


def training_data(per_kind: int = PER_KIND, seed: int = SEED, rendered: int = RENDERED,
                  exclude: Sequence[str] = (),
                  procedural: int = PROCEDURAL_PER_FAMILY) -> Featurized:
    """Composed papers of every kind plus ``rendered`` generator documents and
    ``procedural`` sheets of each arrangement, less the kinds (``layout:<template>``,
    ``procedural:<family>``) named in ``exclude``."""
    data = from_composed([d for d in compose_docs(per_kind, seed, named_boost=NAMED_BOOST)
                          if d.kind not in exclude])
    drawn = rendered_docs(rendered, seed) if rendered else Featurized([], [], [])
    drawn.extend(procedural_docs(procedural, seed))
    data.extend(drawn.subset([kind not in exclude for kind in drawn.kinds]))
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--per-kind", type=int, default=PER_KIND)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--rendered", type=int, default=RENDERED)
    parser.add_argument("--procedural", type=int, default=PROCEDURAL_PER_FAMILY,
                        help="procedural key/value sheets per arrangement")
    args = parser.parse_args(argv)
    if args.per_kind < 2:
        parser.error(f"--per-kind must be at least 2, got {args.per_kind}")
    data = training_data(args.per_kind, args.seed, args.rendered, procedural=args.procedural)
    model = fit(data)
    model.save(args.out)
    size = args.out.stat().st_size
    print(f"{args.out}: {len(data.labels)} documents, {len(model.classes)} classes, "
          f"{size / 1e6:.2f} MB")
    if not math.isfinite(float(np.abs(model.weight.astype(np.float32)).sum())):
        raise SystemExit(f"{args.out}: weights are not finite")


if __name__ == "__main__":
    main()

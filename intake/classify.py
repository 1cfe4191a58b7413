"""Document-type classification from the words of a document.

A linear model over hashed word, character, title-line and keyword-cue features of the
first pages (``intake.doctype_features``), trained by ``python -m samples.train_doctype``
on generated paperwork of many kinds, court papers that are none of the types included,
and committed as ``doctype_model.npz``. Inference is numpy only. ``other`` is a class of
its own (declarations, requests for default, minutes, letters from the clerk...), and it
is also the answer whenever the model is unsure, so a paper the model does not know is
not forced into one of the seven named types. The confidence is the model's probability
of the answer it gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.document import PageContent
from core.lines import Line, page_to_lines
from core.vocabulary import DOC_TYPES
from intake.doctype_features import CUES, PAGES_READ, vectorize

__all__ = ["CELL_SEPARATOR", "CUES", "DOC_TYPES", "MODEL_PATH", "DocTypeModel",
           "classify_document", "classify_texts", "line_text", "load_model", "page_texts"]

MODEL_PATH = Path(__file__).with_name("doctype_model.npz")
OTHER = "other"
# Between a line's cells (runs of words without a wide gap): the features read three spaces
# as a column break, so a caption's right-column title ("COMPLAINT FOR:") beside a party's
# name is judged as a title of its own, as it is in the composed training captions.
CELL_SEPARATOR = "   "


@dataclass(frozen=True, slots=True)
class DocTypeModel:
    """Softmax weights over the hashed features, and the probability below which the best
    named type is not trusted (the answer is then ``other``)."""

    classes: tuple[str, ...]
    weight: np.ndarray  # (n_classes, DIM)
    bias: np.ndarray  # (n_classes,)
    idf: np.ndarray  # (DIM,)
    unsure: float
    groups: tuple[str, ...] | None = None  # feature groups read (None: all)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        features = vectorize(texts, self.idf.tolist(), self.groups)
        if not features:
            scores = self.bias.astype(np.float64)
        else:
            index = np.fromiter(features.keys(), dtype=np.int64, count=len(features))
            values = np.fromiter(features.values(), dtype=np.float64, count=len(features))
            scores = self.weight[:, index].astype(np.float64) @ values + self.bias
        scores = scores - scores.max()
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum())

    def save(self, path: Path) -> None:
        np.savez_compressed(path, classes=np.array(self.classes), weight=self.weight,
                            bias=self.bias, idf=self.idf.astype(np.float16),
                            unsure=np.array(self.unsure),
                            groups=np.array(self.groups or (), dtype=str))


def load_model(path: Path = MODEL_PATH) -> DocTypeModel:
    """Read the weights; a missing or damaged file is one clear error naming it."""
    try:
        with np.load(path) as data:
            model = DocTypeModel(tuple(str(c) for c in data["classes"]),
                                 data["weight"].astype(np.float32),
                                 data["bias"].astype(np.float64),
                                 data["idf"].astype(np.float64), float(data["unsure"]),
                                 tuple(str(g) for g in data["groups"]) or None)
    except (OSError, KeyError, ValueError) as exc:
        raise RuntimeError(f"{path}: doc-type model unreadable ({exc}); "
                           "rebuild it with python -m samples.train_doctype") from None
    unknown = set(model.classes) - set(DOC_TYPES)
    if unknown:
        raise RuntimeError(f"{path}: doc-type model has unknown classes {sorted(unknown)}")
    return model


@lru_cache(maxsize=1)
def _default_model() -> DocTypeModel:
    return load_model(MODEL_PATH)


def line_text(line: Line) -> str:
    """A line's text with its cells ``CELL_SEPARATOR`` apart."""
    return CELL_SEPARATOR.join(line.text[start:end] for start, end in line.cells())


def page_texts(pages: list[PageContent]) -> list[str]:
    """The first readable pages' text line by line, cells apart, the same for a text layer
    and OCR (a text layer's own string joins a caption's columns with one space, which
    would hide a title printed beside the parties); an OCR page is first read upright (a
    sideways or upside-down scan keeps its words in the page's frame)."""
    texts = []
    for page in pages:
        if page.status != "ok":
            continue
        texts.append("\n".join(line_text(line) for line in page_to_lines(page)))
        if len(texts) == PAGES_READ:
            break
    return texts


def classify_texts(texts: list[str], model: DocTypeModel | None = None) -> tuple[str, float]:
    """(doc_type, confidence) for page texts; ``other`` when the best named type has less
    than the model's ``unsure`` probability."""
    model = model or _default_model()
    if not any(text.strip() for text in texts):
        return OTHER, 0.5
    probs = model.probabilities(texts)
    best = int(np.argmax(probs))
    label, p_best = model.classes[best], float(probs[best])
    if label != OTHER and p_best < model.unsure:
        # Not sure of any named type: the answer is "other", as likely as the best is not.
        return OTHER, round(min(0.99, 1.0 - p_best), 4)
    return label, round(min(0.99, p_best), 4)


def classify_document(pages: list[PageContent],
                      model: DocTypeModel | None = None) -> tuple[str, float]:
    """(doc_type, confidence) from the words; doc_type one of DOC_TYPES."""
    return classify_texts(page_texts(pages), model)

"""evaluate: extraction scored against the generator's ground truth.

For every ``<doc_id>.truth.json`` in the truth folder, the text-layer rendering
(``<doc_id>.pdf``) and, for a subset, the scanned one (``<doc_id>.scan.pdf|png|tiff``)
are read, extracted and compared: per-field precision / recall / F1, party name and
contact F1, doc_type accuracy and calibration (share right among confidence >= 0.9),
separately for text-layer and scanned renderings, with and without the role model.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.document import ReadDocument
from core.results import Extraction
from core.vocabulary import FIELD_NAMES, FIELDS, FieldKind
from extraction.parsers import address_key
from extraction.pipeline import extract_document
from intake.classify import classify_document

SCAN_SUFFIXES = (".scan.pdf", ".scan.png", ".scan.tiff", ".scan.tif", ".scan.jpg")
PARTY_ATTRS = ("name", "address", "phone", "email", "dob", "ssn_last4")
CONFIDENT = 0.9
NAME_MATCH = 90


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable, truth: Iterable) -> None:
        pred, true = list(predicted), list(truth)
        remaining = list(true)
        for value in pred:
            if value in remaining:
                remaining.remove(value)
                self.tp += 1
            else:
                self.fp += 1
        self.fn += len(remaining)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def merge(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class Scores:
    """Scores of one rendering (text / scan) under one configuration."""

    label: str
    documents: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    party: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    doc_type_right: int = 0
    confident: int = 0
    confident_right: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def field_total(self) -> Counts:
        total = Counts()
        for counts in self.fields.values():
            total.merge(counts)
        return total

    @property
    def calibration(self) -> float:
        return self.confident_right / self.confident if self.confident else 1.0

    @property
    def doc_type_accuracy(self) -> float:
        return self.doc_type_right / self.documents if self.documents else 0.0


@dataclass(slots=True)
class EvalReport:
    scores: list[Scores]
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        out: list[str] = []
        for s in self.scores:
            if not s.documents:
                continue
            out.append(f"== {s.label}: {s.documents} documents "
                       f"({s.seconds / max(1, s.documents):.2f} s/doc extraction)")
            out.append(f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
            for name in FIELD_NAMES:
                c = s.fields.get(name)
                if c is None or c.tp + c.fp + c.fn == 0:
                    continue
                out.append(f"{name:<18}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}"
                           f"{c.tp:6d}{c.fp:5d}{c.fn:5d}")
            t = s.field_total
            out.append(f"{'ALL FIELDS':<18}{t.precision:7.3f}{t.recall:7.3f}{t.f1:7.3f}"
                       f"{t.tp:6d}{t.fp:5d}{t.fn:5d}")
            for attr in PARTY_ATTRS:
                c = s.party[attr]
                out.append(f"{'party ' + attr:<18}{c.precision:7.3f}{c.recall:7.3f}"
                           f"{c.f1:7.3f}{c.tp:6d}{c.fp:5d}{c.fn:5d}")
            out.append(f"doc_type accuracy {s.doc_type_accuracy:.3f}; calibration: "
                       f"{s.confident_right}/{s.confident} = {s.calibration:.3f} right among "
                       f"confidence >= {CONFIDENT}")
            for error in s.errors[:5]:
                out.append(f"  error: {error}")
            out.append("")
        out.extend(self.notes)
        out.append(self.summary())
        return "\n".join(out)

    def summary(self) -> str:
        parts = []
        for s in self.scores:
            if s.documents:
                parts.append(f"{s.label}: field F1 {s.field_total.f1:.3f}, party-name F1 "
                             f"{s.party['name'].f1:.3f}, doc_type {s.doc_type_accuracy:.3f}, "
                             f"calibration {s.calibration:.3f} (n={s.documents})")
        return "SUMMARY " + " | ".join(parts)


def norm_text(value: str) -> str:
    return " ".join(re.sub(r"[^\w/#.-]+", " ", value.lower()).split()).strip(" .")


AS_PRINTED_KINDS = frozenset({FieldKind.NAME, FieldKind.IDENTIFIER})  # compared loosely


def field_key(name: str, value: str) -> str:
    """What two values of a field must share to count as the same: printed names and
    numbers compare without case and punctuation noise, normalized values exactly."""
    spec = FIELDS.get(name)
    if spec is not None and spec.kind in AS_PRINTED_KINDS:
        return norm_text(value)
    return value.strip()


def _names_match(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(norm_text(a), norm_text(b)) >= NAME_MATCH


def _party_values(party: dict, attr: str) -> list[str]:
    if attr == "address":
        return [address_key(a) for a in party.get("addresses") or []]
    if attr == "phone":
        return list(party.get("phones") or [])
    if attr == "email":
        return [e.lower() for e in party.get("emails") or []]
    value = party.get(attr)
    return [value] if value else []


def score_document(extraction: Extraction, truth: dict, scores: Scores) -> None:
    """Add one document's comparison to ``scores``."""
    scores.documents += 1
    if extraction.doc_type == truth.get("doc_type"):
        scores.doc_type_right += 1
    truth_fields: dict[str, list[str]] = defaultdict(list)
    for f in truth.get("fields", []):
        key = field_key(f["name"], f["value"])
        if key not in truth_fields[f["name"]]:  # a value printed twice is one value
            truth_fields[f["name"]].append(key)
    pred_fields: dict[str, list[str]] = defaultdict(list)
    for f in extraction.fields:
        key = field_key(f.name, f.value)
        pred_fields[f.name].append(key)
        if f.confidence >= CONFIDENT:
            scores.confident += 1
            scores.confident_right += key in truth_fields.get(f.name, [])
    for name in set(truth_fields) | set(pred_fields):
        scores.fields[name].add(pred_fields.get(name, []), truth_fields.get(name, []))
    _score_parties(extraction, truth.get("parties", []), scores)


def _score_parties(extraction: Extraction, truth_parties: list[dict], scores: Scores) -> None:
    predicted = [p.to_contract() for p in extraction.parties]
    unmatched_truth = list(range(len(truth_parties)))
    pairs: list[tuple[dict | None, dict | None]] = []
    for pred in predicted:
        match = next((i for i in unmatched_truth if truth_parties[i]["role"] == pred["role"]
                      and _names_match(truth_parties[i]["name"], pred["name"])), None)
        if match is None:
            pairs.append((pred, None))
            if pred["confidence"] >= CONFIDENT:
                scores.confident += 1
            continue
        unmatched_truth.remove(match)
        pairs.append((pred, truth_parties[match]))
        if pred["confidence"] >= CONFIDENT:
            scores.confident += 1
            scores.confident_right += 1
    pairs.extend((None, truth_parties[i]) for i in unmatched_truth)
    for guess, true in pairs:
        scores.party["name"].add(["x"] if guess else [], ["x"] if true else [])
        for attr in PARTY_ATTRS[1:]:
            scores.party[attr].add(_party_values(guess, attr) if guess else [],
                                   _party_values(true, attr) if true else [])


def _renderings(docs_dir: Path, doc_id: str) -> tuple[Path | None, Path | None]:
    text = docs_dir / f"{doc_id}.pdf"
    scan = next((docs_dir / f"{doc_id}{s}" for s in SCAN_SUFFIXES
                 if (docs_dir / f"{doc_id}{s}").exists()), None)
    return (text if text.exists() else None), scan


def evaluate(docs_dir: Path, truth_dir: Path, *, use_transformer: bool = True,
             read: Callable[[Path], ReadDocument], max_scans: int | None = 10,
             ablation: bool = False) -> EvalReport:
    """Score extraction on every truth file; scans only on the first ``max_scans``.

    With ``ablation`` the same read documents are also extracted without the role model,
    so the report shows what the transformer adds.
    """
    configs = [use_transformer] + ([not use_transformer] if ablation else [])
    scores: dict[tuple[str, bool], Scores] = {}
    for rendering in ("text-layer", "scanned"):
        for config in configs:
            label = f"{rendering} {'with' if config else 'without'} role model"
            scores[(rendering, config)] = Scores(label)
    truth_files = sorted(Path(truth_dir).glob("*.truth.json"))
    scans_done = 0
    for truth_path in truth_files:
        doc_id = truth_path.name[: -len(".truth.json")]
        truth = json.loads(truth_path.read_text())
        text_path, scan_path = _renderings(Path(docs_dir), doc_id)
        jobs = []
        if text_path:
            jobs.append(("text-layer", text_path))
        if scan_path and (max_scans is None or scans_done < max_scans):
            jobs.append(("scanned", scan_path))
            scans_done += 1
        for rendering, path in jobs:
            try:
                doc = read(path)
            except Exception as error:  # one unreadable file is reported, not fatal
                for config in configs:
                    scores[(rendering, config)].errors.append(f"{path.name}: {error}")
                continue
            doc.doc_type, _ = classify_document(doc.pages)
            for config in configs:
                start = time.perf_counter()
                extraction = extract_document(doc, use_transformer=config)
                scores[(rendering, config)].seconds += time.perf_counter() - start
                score_document(extraction, truth, scores[(rendering, config)])
    notes = [f"documents: {len(truth_files)} truth files; scans evaluated on {scans_done}"
             + (f" (max_scans={max_scans})" if max_scans is not None else "")]
    return EvalReport(list(scores.values()), notes)

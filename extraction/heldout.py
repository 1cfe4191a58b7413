"""heldout: accuracy measured on what the method was not built for, by the contract scorer.

Two measurements, both scored by ``../shared/eval/score_extract.py`` (the scorer the
project's accuracy is judged by; it is imported from its file and run on JSON Lines that
this module writes in the ``casetrace extract`` format, never re-implemented):

- ``real_set``: the labelled real filings (``../shared/realdocs`` + ``truth/``), each read
  once and extracted with and without the transformer role model.
- ``heldout_families``: leave-one-layout-family-out on the generator. For each family (see
  ``FAMILIES``), the learned parts are fitted without it: the role head on a training
  corpus's documents of the other families, the calibration table on the evaluation
  corpus's documents of the other families (extracted with that fold's head); the
  family's own documents are then extracted with that fold's head and table and scored.

The label rules and lexicons are not learned: they were written against every generator
template, so a held-out family still measures only what the learned parts add or lose. The
real set is the measurement of the whole method on documents it was not built on.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from core.document import ReadDocument
from core.results import Extraction
from extraction.evaluate import SCAN_SUFFIXES
from extraction.fit_calibration import fit_documents
from extraction.pipeline import extract_document
from extraction.role_model import Head
from extraction.train_role_model import train_head

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_extract.py"
CONFIGS = ((True, "with role model"), (False, "rules only (no role model)"))

# Layout families: a template is its own family unless it shares the block where the
# contract's values sit with another template. The six templates drawn on
# samples/documents/court.py's court_caption (court, case number and parties in one caption)
# are two families, filings and orders; the Reg F notice and the demand letter share the
# letterhead and recipient block. A template not named here is its own family.
FAMILIES = {
    "complaint-pleading": "caption-filings", "complaint-state": "caption-filings",
    "summons-caption": "caption-filings",
    "judgment-table": "caption-orders", "judgment-prose": "caption-orders",
    "garnishment-wages": "caption-orders",
    "letter-regf": "letters-letterhead", "letter-demand": "letters-letterhead",
}


def family_of(template: str) -> str:
    return FAMILIES.get(template, template)


# ------------------------------------------------------------------ the contract scorer
def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The contract scorer, imported from its file (it is not a package)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"contract scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("score_extract", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the contract scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(slots=True)
class Score:
    """What the contract scorer reported for one set of predictions."""

    documents: int
    field_f1: float
    party_f1: float
    doc_type_accuracy: float
    confident: int  # fields with confidence >= 0.9 that the scorer counted
    confident_right: float | None  # their share right (None when there are none)
    last_line: str

    @classmethod
    def from_details(cls, details: dict, last_line: str) -> Score:
        return cls(documents=len(details["documents"]), field_f1=details["overall"]["f1"],
                   party_f1=details["parties"]["f1"],
                   doc_type_accuracy=details["doc_type_accuracy"] or 0.0,
                   confident=details["calibration_hi_n"],
                   confident_right=details["calibration_hi"], last_line=last_line)

    def cells(self) -> str:
        calib = ("na" if self.confident_right is None
                 else f"{self.confident_right:.3f} (n={self.confident})")
        return (f"field F1 {self.field_f1:.3f}  party F1 {self.party_f1:.3f}  "
                f"doc_type {self.doc_type_accuracy:.3f}  right among conf>=0.9 {calib}")


def score_lines(scorer: ModuleType, lines: list[dict], docs_dir: Path, truth_dir: Path,
                only: str | None = None) -> Score:
    """Score contract lines with the contract scorer (``--pred``), its stdout kept quiet."""
    with tempfile.TemporaryDirectory(prefix="casetrace-score-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        details = Path(tmp) / "details.json"
        argv = ["--pred", str(pred), "--docs", str(docs_dir), "--truth", str(truth_dir),
                "--details", str(details)] + (["--only", only] if only else [])
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = scorer.main(argv)
        if code != 0 or not details.exists():
            raise RuntimeError(f"contract scorer failed (exit {code}): {out.getvalue()[-300:]}")
        last = out.getvalue().strip().splitlines()[-1]
        return Score.from_details(json.loads(details.read_text()), last)


def contract_line(path: Path, doc: ReadDocument, extraction: Extraction) -> dict:
    """The ``casetrace extract`` JSON object for a read and extracted document."""
    line: dict = {"file": str(path), "sha256": doc.sha256,
                  "doc_type": extraction.doc_type or doc.doc_type, "pages": len(doc.pages),
                  "ocr_pages": doc.ocr_pages,
                  "fields": [f.to_contract() for f in extraction.fields],
                  "parties": [p.to_contract() for p in extraction.parties], "error": None}
    failed = [p for p in doc.pages if p.status == "failed"]
    if failed:
        line["page_errors"] = {str(p.number): p.error for p in failed}
    return line


def scorer_truth(truth: dict, file_name: str, rendering: str) -> dict:
    """A generator truth file in the contract scorer's layout (../realdocs/LABELING.md).

    The generator records a value once per printing; the scorer matches each truth value
    once, so a value printed twice is kept once (what a reader would list)."""
    seen: set[tuple[str, str]] = set()
    fields = []
    for f in truth.get("fields", []):
        if (f["name"], f["value"]) not in seen:
            seen.add((f["name"], f["value"]))
            fields.append({"name": f["name"], "value": f["value"], "raw": f.get("raw"),
                           "page": f.get("page")})
    parties = [{k: p.get(k) for k in ("role", "name", "dob", "ssn_last4", "addresses",
                                      "phones", "emails")}
               for p in truth.get("parties", []) if p.get("name")]
    return {"file": file_name, "rendering": rendering, "doc_type": truth["doc_type"],
            "pages": truth.get("pages"), "fields": fields, "parties": parties}


# ------------------------------------------------------------------ the real set
@dataclass(slots=True)
class RealReport:
    documents: int
    scores: dict[tuple[str, str], Score]  # (configuration label, all|text|scanned)
    seconds_per_document: float


def real_set(docs_dir: Path, truth_dir: Path, scorer: ModuleType,
             read: Callable[[Path], ReadDocument], *,
             log: Callable[[str], None] = lambda _: None) -> RealReport:
    """Every labelled real document read once (``read`` as ``casetrace extract`` reads),
    extracted with and without the role model, scored overall, text and scanned."""
    truths = sorted(Path(truth_dir).glob("*.json"))
    lines: dict[bool, list[dict]] = {config: [] for config, _ in CONFIGS}
    start = time.perf_counter()
    for truth_path in truths:
        name = json.loads(truth_path.read_text())["file"]
        path = Path(docs_dir).resolve() / name
        t0 = time.perf_counter()
        doc = read(path)
        for config, _ in CONFIGS:
            lines[config].append(contract_line(path, doc, extract_document(
                doc, use_transformer=config)))
        log(f"real set: {name} ({len(doc.pages)} pages, {time.perf_counter() - t0:.1f} s)")
    seconds = (time.perf_counter() - start) / max(1, len(truths))
    scores = {}
    for config, label in CONFIGS:
        for only in (None, "text", "scanned"):
            scores[(label, only or "all")] = score_lines(scorer, lines[config], docs_dir,
                                                          truth_dir, only)
    return RealReport(len(truths), scores, seconds)


# ------------------------------------------------------------------ held-out families
@dataclass(slots=True)
class Rendering:
    """One read rendering of a generated document, with its truth."""

    doc_id: str
    family: str
    path: Path
    doc: ReadDocument
    truth: dict  # the generator's
    rendering: str  # "text" | "scanned"


@dataclass(slots=True)
class FamilyScore:
    family: str
    templates: list[str]
    documents: int
    train_documents: int
    scores: dict[str, Score]  # configuration label -> score


@dataclass(slots=True)
class HeldoutReport:
    families: list[FamilyScore]
    pooled: dict[str, Score]  # every held-out prediction scored together
    in_family: Score | None  # the committed parts on the same documents (regression check)
    notes: list[str] = field(default_factory=list)
    # per configuration label, every held-out rendering with its contract line, so a caller
    # can score any part of them (scans apart: bench/heldout_scans.py)
    predictions: dict[str, list[tuple[Rendering, dict]]] = field(default_factory=dict)

    def mean(self, label: str, attr: str) -> float:
        values = [getattr(f.scores[label], attr) for f in self.families]
        return sum(values) / len(values) if values else 0.0

    def worst(self, label: str, attr: str) -> FamilyScore | None:
        return min(self.families, key=lambda f: getattr(f.scores[label], attr), default=None)


def read_generated(folder: Path, read: Callable[[Path], ReadDocument], *, max_scans: int = 0
                   ) -> list[Rendering]:
    """Every text layer under ``folder`` (and its first ``max_scans`` scans), read once."""
    out = []
    scans = 0
    for truth_path in sorted(Path(folder).glob("*.truth.json")):
        doc_id = truth_path.name[: -len(".truth.json")]
        truth = json.loads(truth_path.read_text())
        family = family_of(truth.get("template", truth["doc_type"]))
        jobs = [(truth_path.with_name(f"{doc_id}.pdf"), "text")]
        scan = next((truth_path.with_name(doc_id + s) for s in SCAN_SUFFIXES
                     if truth_path.with_name(doc_id + s).exists()), None)
        if scan is not None and scans < max_scans:
            jobs.append((scan, "scanned"))
            scans += 1
        for path, rendering in jobs:
            if path.exists():
                out.append(Rendering(doc_id, family, path, read(path), truth, rendering))
    return out


def heldout_families(eval_docs: list[Rendering], train_docs: list[Rendering],
                     scorer: ModuleType, work_dir: Path, *,
                     train: Callable[[Iterable[tuple[ReadDocument, dict]]], Head | None]
                     = train_head,
                     fit: Callable[..., dict] = fit_documents,
                     log: Callable[[str], None] = lambda _: None,
                     only: Iterable[str] | None = None) -> HeldoutReport:
    """Leave one layout family out, for every family among ``eval_docs`` (or those of
    them named in ``only``; the others still train and calibrate every fold).

    Fold F: the role head is trained on ``train_docs`` outside F, the calibration table is
    fitted on ``eval_docs`` outside F (with that head), and F's ``eval_docs`` are extracted
    with both and scored by the contract scorer, with and without the role model. Each
    fold's contract lines are kept as ``work_dir/lines/F.model.jsonl`` (``.rules.``) beside
    its truth (``work_dir/truth/F``), for ``score_extract.py --pred ... -v``."""
    work_dir = Path(work_dir)
    docs_dir = eval_docs[0].path.parent if eval_docs else work_dir
    families = sorted({r.family for r in eval_docs})
    if only is not None:
        wanted = set(only)
        families = [f for f in families if f in wanted]
        write_truths([r for r in eval_docs if r.family in wanted], work_dir / "truth" / "all")
        eval_scored = [r for r in eval_docs if r.family in wanted]
    else:
        eval_scored = eval_docs
    if only is None:
        write_truths(eval_docs, work_dir / "truth" / "all")
    pooled: dict[str, list[dict]] = {label: [] for _, label in CONFIGS}
    predictions: dict[str, list[tuple[Rendering, dict]]] = {label: [] for _, label in CONFIGS}
    results = []
    for family in families:
        held = [r for r in eval_docs if r.family == family]
        head = train((r.doc, r.truth) for r in train_docs if r.family != family)
        if head is None:  # never fall back to the committed head: it has seen the family
            raise ValueError(f"no role-head training candidates outside family {family}")
        table = fit([(r.doc, r.truth) for r in eval_docs if r.family != family],
                    role_head=head)
        truth_dir = write_truths(held, work_dir / "truth" / family)
        scores = {}
        for config, label in CONFIGS:
            lines = [contract_line(r.path, r.doc, extract_document(
                r.doc, use_transformer=config, calibration=table, role_head=head))
                for r in held]
            pooled[label] += lines
            predictions[label] += zip(held, lines, strict=True)
            scores[label] = score_lines(scorer, lines, docs_dir, truth_dir)
            # the fold's contract lines, to read its misses with the scorer's -v
            (work_dir / "lines").mkdir(parents=True, exist_ok=True)
            (work_dir / "lines" / f"{family}.{'model' if config else 'rules'}.jsonl"
             ).write_text("".join(json.dumps(line, ensure_ascii=False) + "\n"
                                  for line in lines))
        templates = sorted({r.truth.get("template", "") for r in held})
        result = FamilyScore(family, templates, len({r.doc_id for r in held}),
                             len({r.doc_id for r in train_docs if r.family != family}), scores)
        results.append(result)
        log(f"held out {family}: {scores[CONFIGS[0][1]].cells()}")
    all_truth = work_dir / "truth" / "all"
    pooled_scores = {label: score_lines(scorer, lines, docs_dir, all_truth)
                     for label, lines in pooled.items()}
    committed = [contract_line(r.path, r.doc, extract_document(r.doc)) for r in eval_scored]
    in_family = score_lines(scorer, committed, docs_dir, all_truth)
    return HeldoutReport(results, pooled_scores, in_family, predictions=predictions)


def write_truths(renderings: list[Rendering], folder: Path) -> Path:
    """The scorer's truth files for ``renderings`` in ``folder`` (returned)."""
    folder.mkdir(parents=True, exist_ok=True)
    for r in renderings:
        (folder / f"{r.path.name}.json").write_text(json.dumps(
            scorer_truth(r.truth, r.path.name, r.rendering), ensure_ascii=False))
    return folder


# ------------------------------------------------------------------ the report
def render(real: RealReport | None, heldout: HeldoutReport | None,
           notes: Iterable[str] = ()) -> str:
    """The two measurements as text; the last line is ``HEADLINE`` with both numbers."""
    out: list[str] = []
    with_model = CONFIGS[0][1]
    if real is not None:
        out.append(f"== real development set: {real.documents} labelled documents, contract "
                   f"scorer ({real.seconds_per_document:.1f} s/document read + extract)")
        for _, label in CONFIGS:
            for rendering in ("all", "text", "scanned"):
                s = real.scores[(label, rendering)]
                out.append(f"{label:<28}{rendering:<8}{s.documents:>3} docs  {s.cells()}")
        out.append("")
    if heldout is not None:
        out.append("== leave-one-layout-family-out on the generator (contract scorer; role head "
                   "and calibration fitted without the family)")
        for f in heldout.families:
            out.append(f"{f.family:<22}{f.documents:>3} docs (train {f.train_documents:>3})  "
                       f"[{', '.join(f.templates)}]")
            for _, label in CONFIGS:
                out.append(f"    {label:<28}{f.scores[label].cells()}")
        for _, label in CONFIGS:
            worst_field = heldout.worst(label, "field_f1")
            worst_party = heldout.worst(label, "party_f1")
            if worst_field is None or worst_party is None:
                continue
            out.append(f"{label}: mean over {len(heldout.families)} families field F1 "
                       f"{heldout.mean(label, 'field_f1'):.3f}, party F1 "
                       f"{heldout.mean(label, 'party_f1'):.3f}, doc_type "
                       f"{heldout.mean(label, 'doc_type_accuracy'):.3f}; worst field F1 "
                       f"{worst_field.scores[label].field_f1:.3f} ({worst_field.family}), worst "
                       f"party F1 {worst_party.scores[label].party_f1:.3f} "
                       f"({worst_party.family})")
            out.append(f"    pooled held-out predictions: {heldout.pooled[label].cells()}")
        if heldout.in_family is not None:
            out.append(f"in-family regression check (committed head and table, same documents): "
                       f"{heldout.in_family.cells()}")
        out.append("")
    out.extend(notes)
    headline = []
    if real is not None:
        s = real.scores[(with_model, "all")]
        headline.append(f"real field_f1={s.field_f1:.3f} party_f1={s.party_f1:.3f} "
                        f"doc_type={s.doc_type_accuracy:.3f}")
    if heldout is not None and heldout.families:
        worst = heldout.worst(with_model, "field_f1")
        assert worst is not None
        headline.append(f"heldout mean field_f1={heldout.mean(with_model, 'field_f1'):.3f} "
                        f"party_f1={heldout.mean(with_model, 'party_f1'):.3f} worst "
                        f"field_f1={worst.scores[with_model].field_f1:.3f} ({worst.family})")
    out.append("HEADLINE " + " | ".join(headline))
    return "\n".join(out)


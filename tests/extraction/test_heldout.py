"""Held-out evaluation: families, the scorer's truth layout, learned parts loaded per call,
folds that never see their family, and scores that come from the contract scorer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.results import ExtractedField, ExtractedParty, Extraction
from extraction import confidence, heldout, role_model
from extraction.pipeline import extract_document
from tests.extraction.builders import document, page

BOX = (0.0, 0.0, 1.0, 1.0)
needs_scorer = pytest.mark.skipif(not heldout.DEFAULT_SCORER.exists(),
                                  reason=f"contract scorer absent at {heldout.DEFAULT_SCORER}")


def _letter():
    return document(page((72, 100, "Balance Due:"), (300, 100, "$100.00")))


def _head(labels=("amount_due", "none")) -> role_model.Head:
    n = len(labels)
    return role_model.Head(labels=list(labels), weight=np.zeros((384, n), np.float32),
                           bias=np.arange(n, dtype=np.float32), mean=np.zeros(384, np.float32),
                           scale=np.ones(384, np.float32))


def test_families_group_shared_layouts_and_keep_others_apart() -> None:
    assert heldout.family_of("complaint-state") == heldout.family_of("summons-caption")
    assert heldout.family_of("judgment-prose") == heldout.family_of("garnishment-wages")
    assert heldout.family_of("letter-regf") == heldout.family_of("letter-demand")
    assert heldout.family_of("complaint-state") != heldout.family_of("judgment-prose")
    assert heldout.family_of("placement-form") == "placement-form"
    assert heldout.family_of("never-seen") == "never-seen"


def test_scorer_truth_keeps_a_value_printed_twice_once() -> None:
    truth = {"doc_type": "collection_letter", "template": "letter-demand", "pages": 2,
             "fields": [{"name": "amount_due", "value": "100.00", "raw": "$100.00", "page": 1},
                        {"name": "amount_due", "value": "100.00", "raw": "$100.00", "page": 2},
                        {"name": "account_number", "value": "A1", "raw": "A1", "page": 1},
                        {"name": "account_number", "value": "B2", "raw": "B2", "page": 1}],
             "parties": [{"role": "debtor", "name": "JANE DOE", "addresses": [], "phones": [],
                          "emails": [], "dob": None, "ssn_last4": None, "person_id": "P1"},
                         {"role": "debtor", "name": "", "phones": ["+12175550143"]}]}
    out = heldout.scorer_truth(truth, "d1.scan.pdf", "scanned")
    assert out["file"] == "d1.scan.pdf" and out["rendering"] == "scanned"
    assert [(f["name"], f["value"]) for f in out["fields"]] == [
        ("amount_due", "100.00"), ("account_number", "A1"), ("account_number", "B2")]
    assert [p["name"] for p in out["parties"]] == ["JANE DOE"]
    assert "person_id" not in out["parties"][0]


def test_contract_line_has_the_extract_keys() -> None:
    doc = _letter()
    extraction = Extraction("collection_letter", fields=[
        ExtractedField("amount_due", "100.00", "$100.00", 0.95, 1, BOX)],
        parties=[ExtractedParty("debtor", "Jane Doe", confidence=0.9)])
    line = heldout.contract_line(Path("/x/d1.pdf"), doc, extraction)
    assert set(line) == {"file", "sha256", "doc_type", "pages", "ocr_pages", "fields",
                         "parties", "error"}
    assert line["file"] == "/x/d1.pdf" and line["doc_type"] == "collection_letter"
    assert line["fields"][0]["value"] == "100.00" and line["parties"][0]["role"] == "debtor"


def test_calibration_from_a_table_or_a_file_for_one_call_only(tmp_path) -> None:
    doc = _letter()
    committed = extract_document(doc, use_transformer=False)
    # rendering|field|where|strength: the coarsest bucket a lookup may fall back to
    bucket = "|".join(next(f.evidence for f in committed.fields
                           if f.name == "amount_due").split("|")[:4])
    table = {"fields": {bucket: 0.4242}, "parties": {}}
    fold = extract_document(doc, use_transformer=False, calibration=table)
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(table))
    from_file = extract_document(doc, use_transformer=False, calibration=path)
    again = extract_document(doc, use_transformer=False)
    assert [f.confidence for f in fold.fields if f.name == "amount_due"] == [0.4242]
    assert [f.confidence for f in from_file.fields] == [f.confidence for f in fold.fields]
    assert [f.confidence for f in again.fields] == [f.confidence for f in committed.fields]
    assert [(f.name, f.value) for f in fold.fields] == [(f.name, f.value)
                                                        for f in committed.fields]
    assert confidence.active_table() is confidence._table()


def test_role_head_from_a_file_only_inside_the_block(tmp_path) -> None:
    head = _head()
    path = tmp_path / "head.npz"
    np.savez_compressed(path, labels=np.array(head.labels), weight=head.weight, bias=head.bias,
                        mean=head.mean, scale=head.scale)
    committed = role_model.active_head()
    with role_model.using_head(path):
        loaded = role_model.active_head()
        assert loaded is not None and loaded.labels == ["amount_due", "none"]
        assert np.array_equal(loaded.bias, head.bias)
    assert role_model.active_head() is committed
    with pytest.raises(FileNotFoundError), role_model.using_head(tmp_path / "missing.npz"):
        pass


class _ZeroEncoder:
    def encode(self, texts):
        return np.zeros((len(texts), 384), np.float32)


def _rendering(doc_id: str, template: str, tmp: Path) -> heldout.Rendering:
    truth = {"doc_type": "collection_letter", "template": template, "pages": 1,
             "fields": [{"name": "amount_due", "value": "100.00", "raw": "$100.00", "page": 1}],
             "parties": []}
    path = tmp / f"{doc_id}.pdf"
    path.write_bytes(b"%PDF")
    doc = _letter()
    doc.doc_type = "collection_letter"
    return heldout.Rendering(doc_id, heldout.family_of(template), path, doc, truth, "text")


@needs_scorer
def test_folds_never_train_or_calibrate_on_their_family(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(role_model.Encoder, "get", classmethod(lambda cls: _ZeroEncoder()))
    docs = tmp_path / "eval"
    docs.mkdir()
    eval_docs = [_rendering("a1", "placement-form", docs), _rendering("a2", "placement-form", docs),
                 _rendering("b1", "letter-regf", docs), _rendering("c1", "letter-demand", docs)]
    train_docs = [_rendering(f"t{i}", t, tmp_path) for i, t in
                  enumerate(("placement-form", "letter-regf", "letter-sidebar"))]
    trained, fitted = [], []
    heads = {}

    def train(items):
        items = list(items)
        trained.append({t["template"] for _, t in items})
        heads[len(trained)] = _head()
        return heads[len(trained)]

    def fit(items, *, role_head):
        fitted.append(({t["template"] for _, t in items}, role_head))
        return {"fields": {"text|amount_due": 0.5}, "parties": {}}

    report = heldout.heldout_families(eval_docs, train_docs, heldout.load_scorer(),
                                      tmp_path / "folds", train=train, fit=fit)
    assert [f.family for f in report.families] == ["letters-letterhead", "placement-form"]
    assert trained == [{"placement-form", "letter-sidebar"}, {"letter-regf", "letter-sidebar"}]
    assert fitted[0] == ({"placement-form"}, heads[1])
    assert fitted[1] == ({"letter-regf", "letter-demand"}, heads[2])
    letters, placement = report.families
    assert (letters.documents, placement.documents) == (2, 2)
    label = heldout.CONFIGS[0][1]
    assert placement.scores[label].field_f1 == 1.0 and placement.scores[label].documents == 2
    assert placement.scores[label].confident_right is None  # every confidence is 0.5 here
    assert report.mean(label, "field_f1") == 1.0
    assert report.pooled[label].documents == 4
    text = heldout.render(None, report)
    assert "placement-form" in text and text.splitlines()[-1].startswith(
        "HEADLINE heldout mean field_f1=1.000")


@needs_scorer
def test_only_named_families_are_scored_but_the_others_still_fit_each_fold(tmp_path,
                                                                         monkeypatch) -> None:
    monkeypatch.setattr(role_model.Encoder, "get", classmethod(lambda cls: _ZeroEncoder()))
    docs = tmp_path / "eval"
    docs.mkdir()
    eval_docs = [_rendering("a1", "kv-boxed-grid", docs), _rendering("b1", "letter-regf", docs),
                 _rendering("c1", "kv-fixed-width", docs)]
    train_docs = [_rendering(f"t{i}", t, tmp_path) for i, t in
                  enumerate(("kv-boxed-grid", "kv-fixed-width", "letter-regf"))]
    trained, fitted = [], []

    def train(items):
        trained.append({t["template"] for _, t in items})
        return _head()

    def fit(items, *, role_head):
        fitted.append({t["template"] for _, t in items})
        return {"fields": {}, "parties": {}}

    report = heldout.heldout_families(eval_docs, train_docs, heldout.load_scorer(),
                                      tmp_path / "folds", train=train, fit=fit,
                                      only=["kv-boxed-grid", "kv-fixed-width"])
    assert [f.family for f in report.families] == ["kv-boxed-grid", "kv-fixed-width"]
    assert trained == [{"kv-fixed-width", "letter-regf"}, {"kv-boxed-grid", "letter-regf"}]
    assert fitted == [{"letter-regf", "kv-fixed-width"}, {"kv-boxed-grid", "letter-regf"}]
    label = heldout.CONFIGS[0][1]
    assert report.pooled[label].documents == 2
    assert report.in_family is not None and report.in_family.documents == 2


@needs_scorer
def test_scores_come_from_the_contract_scorer(tmp_path) -> None:
    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    truth = {"file": "r1.pdf", "rendering": "text", "doc_type": "complaint", "fields": [
        {"name": "case_number", "value": "23CH 001"},
        {"name": "amount_due", "value": "10.00"},
        {"name": "fees", "value": "5.00", "optional": True}],
        "parties": [{"role": "debtor", "name": "JANE Q DOE", "role_alts": ["other"],
                     "addresses": [], "phones": [], "emails": []}]}
    (truth_dir / "r1.pdf.json").write_text(json.dumps(truth))
    line = {"file": str(tmp_path / "r1.pdf"), "doc_type": "other", "fields": [
        {"name": "case_number", "value": "23ch001", "confidence": 0.95},  # spaces, case: right
        {"name": "amount_due", "value": "11.00", "confidence": 0.95},
        {"name": "fees", "value": "5.00", "confidence": 0.5}],  # optional: neutral
        "parties": [{"role": "other", "name": "Jane Q. Doe", "addresses": [], "phones": [],
                     "emails": []}]}
    score = heldout.score_lines(heldout.load_scorer(), [line], tmp_path, truth_dir)
    assert score.field_f1 == 0.5  # tp 1, fp 1, fn 1
    assert score.party_f1 == 1.0
    assert score.doc_type_accuracy == 0.0
    assert (score.confident, score.confident_right) == (2, 0.5)
    assert score.last_line.startswith("overall_f1=0.500")


@needs_scorer
def test_real_set_reads_once_and_scores_both_renderings(tmp_path) -> None:
    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    for name, rendering in (("t1.pdf", "text"), ("s1.pdf", "scanned")):
        (tmp_path / name).write_bytes(b"%PDF")
        (truth_dir / f"{name}.json").write_text(json.dumps({
            "file": name, "rendering": rendering, "doc_type": "collection_letter",
            "fields": [{"name": "amount_due", "value": "100.00"}], "parties": []}))
    reads = []

    def read(path):
        reads.append(path.name)
        return _letter()

    report = heldout.real_set(tmp_path, truth_dir, heldout.load_scorer(), read)
    assert sorted(reads) == ["s1.pdf", "t1.pdf"]
    for _, label in heldout.CONFIGS:
        assert report.scores[(label, "all")].documents == 2
        assert report.scores[(label, "text")].documents == 1
        assert report.scores[(label, "scanned")].documents == 1
        assert report.scores[(label, "all")].field_f1 == 1.0
    assert "HEADLINE real field_f1=1.000" in heldout.render(report, None)

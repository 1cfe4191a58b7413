"""The evaluator's scoring: fields as value sets, parties matched by role and name."""

from __future__ import annotations

import json

from core.results import ExtractedField, ExtractedParty, Extraction
from extraction.evaluate import Counts, EvalReport, Scores, evaluate, score_document
from tests.extraction.builders import document, page

BOX = (0.0, 0.0, 1.0, 1.0)


def _truth() -> dict:
    return {"doc_type": "collection_letter",
            "fields": [{"name": "amount_due", "value": "100.00", "page": 1},
                       {"name": "amount_due", "value": "100.00", "page": 2},
                       {"name": "due_date", "value": "2024-05-01", "page": 1}],
            "parties": [{"role": "debtor", "name": "JANE Q. DOE", "addresses": [
                "1 Elm St, Springfield, IL 62704"], "phones": ["+12175550143"], "emails": [],
                "dob": None, "ssn_last4": None, "person_id": "P1"}]}


def test_counts_precision_recall_f1() -> None:
    counts = Counts()
    counts.add(["a", "b", "c"], ["a", "b", "d", "e"])
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 2)
    assert round(counts.f1, 3) == round(2 * (2 / 3) * 0.5 / ((2 / 3) + 0.5), 3)


def test_score_document_fields_parties_and_calibration() -> None:
    extraction = Extraction("collection_letter", fields=[
        ExtractedField("amount_due", "100.00", "$100.00", 0.95, 1, BOX),
        ExtractedField("due_date", "2024-06-01", "June 1, 2024", 0.92, 1, BOX)],
        parties=[ExtractedParty("debtor", "Jane Q Doe", addresses=[
            "1 ELM ST, SPRINGFIELD, IL 62704"], phones=["+12175550199"], confidence=0.97)])
    scores = Scores("t")
    score_document(extraction, _truth(), scores)
    assert scores.fields["amount_due"].tp == 1 and scores.fields["amount_due"].fn == 0
    assert scores.fields["due_date"].fp == 1 and scores.fields["due_date"].fn == 1
    assert scores.party["name"].tp == 1
    assert scores.party["address"].tp == 1
    assert scores.party["phone"].fp == 1 and scores.party["phone"].fn == 1
    assert (scores.confident, scores.confident_right) == (3, 2)
    assert scores.doc_type_accuracy == 1.0


def test_report_renders_sections_and_summary() -> None:
    scores = Scores("text-layer with role model")
    score_document(Extraction("other"), _truth(), scores)
    text = EvalReport([scores]).render()
    assert "== text-layer with role model: 1 documents" in text
    assert text.splitlines()[-1].startswith("SUMMARY text-layer with role model: field F1 0.000")


def test_evaluate_reads_each_rendering_once(tmp_path) -> None:
    (tmp_path / "d1.truth.json").write_text(json.dumps(_truth()))
    (tmp_path / "d1.pdf").write_bytes(b"%PDF")
    (tmp_path / "d1.scan.png").write_bytes(b"png")
    reads = []

    def read(path):
        reads.append(path.name)
        return document(page((72, 100, "Balance Due:"), (300, 100, "$100.00")))

    report = evaluate(tmp_path, tmp_path, use_transformer=False, read=read, max_scans=1,
                      ablation=True)
    assert reads == ["d1.pdf", "d1.scan.png"]
    labels = [s.label for s in report.scores if s.documents]
    assert labels == ["text-layer without role model", "text-layer with role model",
                      "scanned without role model", "scanned with role model"]
    assert report.scores[0].fields["amount_due"].tp == 1

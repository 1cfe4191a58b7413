"""The procedural key-value sheets: every arrangement prints its truth, wordings vary by seed,
and the vocabulary reaches past what the label rules know."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extraction.labels import LABEL_RULES
from samples.generate import LAYOUTS, generate_corpus, generate_layout_corpus
from samples.procedural import TEMPLATES
from samples.procedural.vocabulary import FIELD_LABELS

CONTRACT_FIELDS = {"creditor_name", "account_number", "principal", "interest", "fees",
                   "amount_due"}


def _text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, str]]:
    out = tmp_path_factory.mktemp("procedural")
    paths = generate_layout_corpus(out, 2 * len(TEMPLATES), 21, sorted(TEMPLATES))
    return [(json.loads(p.read_text()), _text(p.with_name(p.name.replace(".truth.json",
                                                                          ".pdf"))))
            for p in paths]


def test_every_arrangement_is_drawn_and_prints_each_contract_field(sheets) -> None:
    assert {truth["template"] for truth, _ in sheets} == TEMPLATES
    for truth, text in sheets:
        assert {f["name"] for f in truth["fields"]} == CONTRACT_FIELDS, truth["doc_id"]
        squashed = "".join(text.split())
        for f in truth["fields"]:
            assert "".join(f["raw"].split()) in squashed, (truth["doc_id"], f)
        debtor = next(p for p in truth["parties"] if p["role"] == "debtor")
        assert debtor["addresses"] and debtor["phones"]
        for phone in debtor["phones"]:
            assert phone[-4:] in text


def test_procedural_sheets_are_registered_as_placements() -> None:
    assert {name for name, _, _ in LAYOUTS["placement"]} >= TEMPLATES


def test_templates_only_leaves_them_out(tmp_path: Path) -> None:
    truths = generate_corpus(tmp_path, 24, seed=3, scans=False, procedural=False)
    drawn = {json.loads(p.read_text())["template"] for p in truths}
    assert not drawn & TEMPLATES


def _labels_of(text: str, field_words: tuple[str, ...]) -> set[str]:
    lowered = text.lower()
    return {w for w in field_words if w.lower() in lowered}


def test_a_new_seed_brings_other_wordings(tmp_path: Path) -> None:
    seen = []
    for seed in (31, 32):
        paths = generate_layout_corpus(tmp_path / str(seed), 5, seed, sorted(TEMPLATES))
        text = "\n".join(_text(p.with_name(p.name.replace(".truth.json", ".pdf")))
                         for p in paths)
        seen.append(_labels_of(text, FIELD_LABELS["amount_due"]))
    assert seen[0] != seen[1]


def test_vocabulary_holds_wordings_no_label_rule_matches() -> None:
    amount_rules = [(name, pattern) for name, pattern in LABEL_RULES["amount"]]

    def rule_field(label: str) -> str | None:
        for name, pattern in amount_rules:
            if re.search(pattern, label.lower()):
                return name
        return None

    for field_name in ("amount_due", "principal", "interest", "fees"):
        unknown = [w for w in FIELD_LABELS[field_name] if rule_field(w) != field_name]
        assert len(unknown) >= 3, (field_name, unknown)


def test_layout_corpus_rejects_an_unknown_template(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown templates"):
        generate_layout_corpus(tmp_path, 1, 1, ["no-such-layout"])

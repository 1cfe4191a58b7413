"""Composed paperwork: every kind writes, a seed repeats, a new seed brings new wording,
and the PDFs of ``other`` papers print their truth."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from core.vocabulary import DOC_TYPES
from samples.paperwork.compose import PlainPrinter, doubled, ocr_noise
from samples.paperwork.corpus import KINDS, compose_docs, doc_type_of
from samples.paperwork.other_filings import DECLARATIONS, FORMS, PAPERS, draw_paper
from samples.paperwork.other_kinds import request_for_default
from tests.samples.test_generate import _page_texts, _printed  # pleading margin left out


def test_paperwork_every_kind_composes_text_of_its_type() -> None:
    docs = list(compose_docs(1, seed=3, noisy=0.0))
    assert [d.kind for d in docs] == list(KINDS)
    for doc in docs:
        assert doc.doc_type in DOC_TYPES
        assert sum(len(page) for page in doc.pages) > 120, doc.kind
    assert {d.doc_type for d in docs} == set(DOC_TYPES)


def test_paperwork_kind_types() -> None:
    assert doc_type_of("complaint.small_claim") == "complaint"
    assert doc_type_of("summons") == "summons"
    assert doc_type_of("declaration_venue") == "other"
    assert doc_type_of("request_for_default") == "other"


def test_paperwork_same_seed_same_text_new_seed_new_titles() -> None:
    first = [d.pages for d in compose_docs(6, seed=8, kinds=["complaint", "minutes"])]
    again = [d.pages for d in compose_docs(6, seed=8, kinds=["complaint", "minutes"])]
    other = [d.pages for d in compose_docs(6, seed=9, kinds=["complaint", "minutes"])]
    assert first == again
    assert first != other
    titles = {line for pages in first + other for line in pages[0].splitlines()
              if "Case No." not in line and line.isupper() and len(line) > 6}
    assert len(titles) >= 6  # titles vary across papers of one kind


def test_paperwork_roughening_damages_text_like_a_scan() -> None:
    rng = random.Random(1)
    clean = "Complaint for money\nPlaintiff alleges as follows"
    noisy = ocr_noise(clean, rng, 0.3)
    assert noisy != clean and len(noisy) <= len(clean) + 10
    assert doubled("a b") == "a a b b"


def test_paperwork_request_for_default_prints_the_totals_it_records() -> None:
    """A request for default records demand (principal), costs (fees) and TOTALS
    (amount_due), as the labelling guide has it, and prints each one."""
    recorded: list[tuple[str | None, str]] = []

    class Recorder(PlainPrinter):
        def money(self, name: str | None, value: Decimal, style: str | None = None) -> str:
            printed = super().money(name, value, style)
            recorded.append((name, printed))
            return printed

        def date(self, name: str | None, value: date, style: str | None = None) -> str:
            printed = super().date(name, value, style)
            recorded.append((name, printed))
            return printed

    doc = next(compose_docs(1, seed=5, kinds=["request_for_default"]))
    assert doc.doc_type == "other"
    from samples.paperwork.compose import draw_facts
    from samples.population import Population

    rng = random.Random(4)
    facts = draw_facts(Population(random.Random(2)), rng)
    paper = request_for_default(facts, Recorder(rng))
    text = "\n".join(paper.body)
    names = {name for name, _ in recorded if name}
    assert names == {"principal", "fees", "amount_due", "filing_date"}
    for name, printed in recorded:
        if name:
            assert printed in text, name


def test_paperwork_other_pdfs_print_their_truth(tmp_path: Path) -> None:
    from samples.generate import DocPlan, plan_documents, write_document

    plans = [p for p in plan_documents(40, seed=21) if p.lawsuit is not None]
    kinds = DECLARATIONS + FORMS + PAPERS
    for index, kind in enumerate(kinds):
        plan = DocPlan("other", plans[index % len(plans)].account, plans[0].doc_date,
                       plans[index % len(plans)].lawsuit)
        layout = (f"other-{kind}", lambda ctx, k=kind: draw_paper(ctx, k, _composer(k)), 1)
        truth_path = write_document(tmp_path, f"o{index:02d}-other", plan, 21, layout, None)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        assert truth["doc_type"] == "other"
        text = " ".join(_page_texts(tmp_path / f"o{index:02d}-other.pdf"))
        names = {f["name"] for f in truth["fields"]}
        assert {"case_number", "court_name", "creditor_name"} <= names, kind
        for field in truth["fields"]:
            assert _printed(field["raw"], text), (kind, field)
        roles = {p["role"] for p in truth["parties"]}
        assert {"debtor", "creditor"} <= roles, kind


def _composer(kind: str):  # type: ignore[no-untyped-def]
    from samples.paperwork.other_court import OTHER_KINDS

    return OTHER_KINDS[kind]

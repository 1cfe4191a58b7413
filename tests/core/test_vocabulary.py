"""The vocabulary: one entry per field / document type, and every user reads from it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from core import vocabulary as vocab
from core.vocabulary import (
    AMOUNT_FIELDS,
    DATE_FIELDS,
    DOC_TYPE_SPECS,
    DOC_TYPES,
    FIELD_NAMES,
    FIELDS,
    PARTY_ROLES,
    DocTypeSpec,
    DocumentStatus,
    FieldKind,
    FieldSpec,
    FieldStatus,
    JobStatus,
    LabelledStatus,
    ReviewStatus,
)

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = (ROOT / "docs" / "contract.md").read_text()
CORPUS = ROOT / "samples" / "corpus"


def _contract_fields() -> list[tuple[str, str, str]]:
    """(name, meaning, value format) per row of the contract's field table, in order."""
    return re.findall(r"^\| `(\w+)` \| (.+?) \| (.+?) \|$", CONTRACT, re.MULTILINE)


def _contract_doc_types() -> list[str]:
    sentence = CONTRACT[CONTRACT.index("- `doc_type`: one of"):].split(".\n")[0]
    return re.findall(r"`(\w+)`", sentence)[1:]


def _contract_roles() -> list[str]:
    sentence = CONTRACT[CONTRACT.index("Party `role`:"):].split(". ")[0]
    return re.findall(r"`(\w+)`", sentence)[1:]


def test_fields_are_the_contract_fields_in_order() -> None:
    rows = _contract_fields()
    assert len(rows) == 12
    assert tuple(name for name, _, _ in rows) == FIELD_NAMES
    assert tuple(FIELDS) == FIELD_NAMES
    for name, meaning, _ in rows:
        assert FIELDS[name].meaning == meaning


def test_every_field_kind_matches_the_contract_value_format() -> None:
    expected = {"`YYYY-MM-DD`": FieldKind.DATE, "decimal": FieldKind.AMOUNT,
                "as printed": (FieldKind.IDENTIFIER, FieldKind.NAME)}
    for name, _, value in _contract_fields():
        spec = FIELDS[name]
        assert isinstance(spec.kind, FieldKind)
        wanted = next(kind for start, kind in expected.items() if value.startswith(start))
        assert spec.kind in (wanted if isinstance(wanted, tuple) else (wanted,)), name


def test_kind_tuples_are_derived_in_contract_order() -> None:
    assert DATE_FIELDS == ("filing_date", "judgment_date", "due_date")
    assert AMOUNT_FIELDS == ("amount_due", "judgment_amount", "principal", "interest", "fees")
    assert {"account_number", "fees"} == vocab.MULTI_VALUE_FIELDS
    order = [FIELD_NAMES.index(n) for n in DATE_FIELDS + AMOUNT_FIELDS]
    assert order[:3] == sorted(order[:3]) and order[3:] == sorted(order[3:])


def test_doc_types_and_roles_are_the_contract_lists_in_order() -> None:
    assert tuple(_contract_doc_types()) == DOC_TYPES
    assert tuple(_contract_roles()) == PARTY_ROLES
    assert DOC_TYPES[-1] == "other"


@pytest.mark.parametrize("name", DOC_TYPES)
def test_every_doc_type_has_cues_fields_and_a_source_strength(name: str) -> None:
    spec = DOC_TYPE_SPECS[name]
    assert 0.0 < spec.source_strength <= 1.0
    assert spec.meaning
    assert spec.fields <= set(FIELD_NAMES)
    if name == "other":  # the fallback: no cues, no fields of its own
        assert spec.cues == () and not spec.fields
        return
    assert spec.cues and spec.fields
    for pattern, weight in spec.cues:
        re.compile(pattern)
        assert weight > 0


def test_a_doc_type_cannot_be_declared_without_a_source_strength() -> None:
    with pytest.raises(TypeError):
        DocTypeSpec("hearing_notice", "a notice of hearing", ((r"hearing", 3.0),),  # type: ignore[call-arg]
                    frozenset({"due_date"}))


def test_every_field_is_expected_on_some_doc_type() -> None:
    expected = set().union(*(spec.fields for spec in DOC_TYPE_SPECS.values()))
    assert expected == set(FIELD_NAMES)


def test_the_sample_corpus_holds_only_the_expected_fields_per_type() -> None:
    truths = [json.loads(p.read_text()) for p in sorted(CORPUS.glob("*.truth.json"))]
    assert truths
    for truth in truths:
        found = {f["name"] for f in truth["fields"]}
        # "other" paperwork (declarations, requests for default...) expects nothing in
        # particular and may print any contract field.
        expected = DOC_TYPE_SPECS[truth["doc_type"]].fields or frozenset(FIELD_NAMES)
        assert found <= expected, truth["doc_type"]
    assert any(truth["doc_type"] == "other" for truth in truths)


def test_source_strength_is_read_from_the_doc_types() -> None:
    assert vocab.source_strength("judgment") == 1.0
    assert vocab.source_strength("placement") == 0.6
    assert vocab.source_strength("crm") == 0.6
    assert vocab.source_strength("") == vocab.UNKNOWN_SOURCE_STRENGTH
    assert vocab.source_strength("not-a-type") == vocab.UNKNOWN_SOURCE_STRENGTH
    assert {"complaint", "summons", "judgment", "garnishment"} == vocab.COURT_DOC_TYPES
    assert not set(vocab.OTHER_SOURCE_STRENGTH) & set(DOC_TYPES)


def test_statuses_equal_the_stored_strings() -> None:
    assert [str(s) for s in FieldStatus] == [
        "extracted", "auto_accepted", "accepted", "corrected", "rejected", "not_in_document",
        "added", "superseded"]
    assert list(DocumentStatus) == ["queued", "reading", "extracting", "extracted", "failed"]
    assert list(ReviewStatus) == ["pending", "auto_accepted", "audit", "in_review", "reviewed"]
    assert list(JobStatus) == ["queued", "running", "done", "failed"]
    assert json.dumps({"status": FieldStatus.NOT_IN_DOCUMENT}) == '{"status": "not_in_document"}'
    assert f"{ReviewStatus.AUDIT}" == "audit"
    assert {"reviewed": 1}[ReviewStatus.REVIEWED] == 1


def test_field_status_groups() -> None:
    person_set = {"accepted", "corrected", "rejected", "not_in_document", "added"}
    assert person_set == vocab.REVIEWED_FIELD_STATUSES
    assert vocab.DROPPED_FIELD_STATUSES < vocab.REVIEWED_FIELD_STATUSES
    assert person_set - {"accepted"} == vocab.CHANGED_FIELD_STATUSES
    assert vocab.REVIEWABLE_STATUSES == ("pending", "audit", "in_review")


@pytest.mark.parametrize("enum", [DocumentStatus, ReviewStatus, FieldStatus, JobStatus])
def test_every_status_has_a_plain_word_label(enum: type[LabelledStatus]) -> None:
    for status in enum:
        assert status.label and "_" not in status.label
    assert FieldStatus.EXTRACTED.label == "to review"
    assert FieldStatus.NOT_IN_DOCUMENT.label == "not in document"


# --- the users read the vocabulary, so an added entry is picked up --------------------------


def test_classify_cues_are_the_vocabulary_cues() -> None:
    from intake import classify

    cued = [name for name, spec in DOC_TYPE_SPECS.items() if spec.cues]
    assert list(classify.CUES) == cued
    for name in cued:
        assert classify.CUES[name] is DOC_TYPE_SPECS[name].cues
    assert classify.DOC_TYPES is DOC_TYPES


def test_history_ranks_by_the_vocabulary_strength() -> None:
    from skiptrace import history

    assert history.source_strength is vocab.source_strength
    assert history.COURT_DOC_TYPES is vocab.COURT_DOC_TYPES
    assert not hasattr(history, "SOURCE_STRENGTH")


def test_extraction_type_filter_is_derived() -> None:
    from extraction import pipeline

    deed = {"property_record": {"filing_date", "case_number", "court_name"}}
    assert deed == pipeline.TYPE_FIELDS
    assert pipeline.MULTI_VALUE_FIELDS is vocab.MULTI_VALUE_FIELDS


def test_a_new_date_field_is_normalized_as_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from review import typed_values

    added = {**FIELDS, "hearing_date": FieldSpec("hearing_date", FieldKind.DATE, "hearing")}
    monkeypatch.setattr(typed_values, "FIELDS", added)
    assert typed_values.normalize_value("hearing_date", "March 3, 2024") == "2024-03-03"
    changed = {**FIELDS, "due_date": replace(FIELDS["due_date"], kind=FieldKind.AMOUNT)}
    monkeypatch.setattr(typed_values, "FIELDS", changed)
    assert typed_values.normalize_value("due_date", "$1,234.5") == "1234.50"


def test_label_lexicon_names_fields_of_the_candidate_kind() -> None:
    from extraction.labels import LABEL_RULES, NONE, ORDERED, TOTAL

    # TOTAL and ORDERED are resolved by document type (labels.resolve_total) into fields
    for kind, fields in ((FieldKind.DATE, DATE_FIELDS), (FieldKind.AMOUNT, AMOUNT_FIELDS)):
        named = {name for name, _ in LABEL_RULES[kind]} - {NONE, TOTAL, ORDERED}
        assert named == set(fields), kind


def test_exports_and_overview_use_the_vocabulary_lists() -> None:
    from workbench import exports, overview

    start = exports.CASE_COLUMNS.index("creditor_name")
    assert exports.CASE_COLUMNS[start:] == ("creditor_name", *[n for n in FIELD_NAMES
                                                                if n != "creditor_name"])
    assert exports.DROPPED_STATUSES is vocab.DROPPED_FIELD_STATUSES
    kept = vocab.REVIEWED_FIELD_STATUSES - vocab.DROPPED_FIELD_STATUSES
    assert set(exports.STATUS_RANK) == kept | {"auto_accepted", "extracted"}
    assert set(overview.OUTCOME_STATUSES) == set(FieldStatus) - {"superseded"}

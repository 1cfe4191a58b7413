"""spaCy person/org calls on party names, with the domain EntityRuler."""

from __future__ import annotations

from extraction.ner import domain_patterns, entities, name_kinds


def test_name_kinds_person_and_org() -> None:
    kinds = name_kinds(["Frank C. Rivers", "PINECREST CREDIT UNION", "Crestline Collections LLC"])
    assert kinds == ["person", "org", "org"]


def test_entity_ruler_tags_case_numbers_and_masked_accounts() -> None:
    found = entities("Case 23CHLC22869 on account XXXXXXXXXXXX4821 for LVNV FUNDING LLC.")
    assert ("CASE_NUMBER", "23CHLC22869") in found
    assert ("ACCOUNT", "XXXXXXXXXXXX4821") in found
    assert ("ORG", "LVNV FUNDING LLC") in found


def test_domain_patterns_are_entity_ruler_patterns() -> None:
    assert all({"label", "pattern"} <= set(p) for p in domain_patterns())

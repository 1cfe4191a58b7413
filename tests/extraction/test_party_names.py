"""What may be a party's name (extraction/party_names.py)."""

from __future__ import annotations

import pytest

from extraction.party_names import clean_name, plausible_name


@pytest.mark.parametrize("text", ["(Signed)", "Signature", "Print Name:", "SEAL"])
def test_a_signature_lines_own_words_are_no_name(text: str) -> None:
    assert not plausible_name(clean_name(text))


@pytest.mark.parametrize("text", ["Signe Larsen", "Sealy Mattress Co.", "ANA DE LA CRUZ"])
def test_names_that_start_like_those_words_stay_names(text: str) -> None:
    assert plausible_name(clean_name(text))


def test_a_defendants_number_before_the_name_is_dropped() -> None:
    assert clean_name("7. James R Roe") == "James R Roe"
    assert clean_name("21st Century Recovery LLC") == "21st Century Recovery LLC"

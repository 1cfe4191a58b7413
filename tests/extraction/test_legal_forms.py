"""A legal form is a word of its own, never the end of another word ("Help", "Tina", "Rico")."""

from __future__ import annotations

from extraction.kv_pairs import LEGAL_FORM_RE


def test_a_legal_form_ends_a_company_name_as_a_word_of_its_own() -> None:
    for name in ("Acme LLC", "Acme L.L.C.", "Smith & Co.", "First Bank, N.A.", "Delta LP,",
                 "Summit Ltd"):
        assert LEGAL_FORM_RE.search(name), name


def test_words_that_end_in_the_letters_of_a_legal_form_are_no_legal_form() -> None:
    for text in ("Help", "Tina", "Rico", "Dana", "Disco", "Bartholomew Inc2"):
        assert not LEGAL_FORM_RE.search(text), text

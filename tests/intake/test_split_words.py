"""Words the OCR engine cut in pieces on fixed-pitch print are joined again, and only those."""

from __future__ import annotations

import pytest
from PIL import Image

from core.document import Word
from intake.ocr import OcrResult, ocr_page_image
from intake.ocr.split_words import rejoin_split_words
from intake.wordlist import common_words

# A small word list, so the cases do not depend on the machine's dictionary.
WORDS = frozenset({"acquisitions", "client", "portfolio", "into", "in", "to", "as", "marinas",
                   "carrier", "la", "prose", "pro", "debt", "beacon", "fees"})
PITCH = 7.2  # points per letter of 12-point Courier


def fixed_pitch_line(pieces: list[str], line: int = 0, x: float = 36.0,
                     confidence: float = 0.96) -> list[Word]:
    """Words as tesseract returns a monospaced line: every letter PITCH wide, one letter of
    white between the pieces."""
    words = []
    for i, text in enumerate(pieces):
        width = len(text) * PITCH
        words.append(Word(text, (x, 100.0 + 20 * line, x + width, 110.0 + 20 * line),
                          confidence - 0.01 * i, line))
        x += width + PITCH
    return words


def texts(words: list[Word]) -> list[str]:
    return [w.text for w in words]


def test_a_word_cut_at_its_narrow_letters_is_joined_with_one_box_and_the_lower_confidence() -> None:
    line = fixed_pitch_line(["BEACON", "DEBT", "ACQUI", "S", "ITIONS", "LLC"])
    joined = rejoin_split_words(line, WORDS)
    assert texts(joined) == ["BEACON", "DEBT", "ACQUISITIONS", "LLC"]
    word = joined[2]
    assert word.bbox == (line[2].bbox[0], line[2].bbox[1], line[4].bbox[2], line[4].bbox[3])
    assert word.confidence == min(w.confidence for w in line[2:5])
    assert word.line == 0


def test_pieces_ending_in_punctuation_keep_it() -> None:
    joined = rejoin_split_words(fixed_pitch_line(["CLI", "ENT:", "X"]), WORDS)
    assert texts(joined) == ["CLIENT:", "X"]


def test_words_that_happen_to_make_a_word_stay_apart() -> None:
    for pieces in (["IN", "TO"], ["MARIN", "as"], ["Carrie", "R."], ["CARRIE", "R."],
                   ["De", "la", "Cruz"], ["Pro", "Se"]):
        line = fixed_pitch_line(pieces)
        assert texts(rejoin_split_words(line, WORDS)) == pieces, pieces


def test_pieces_on_other_lines_or_columns_apart_are_not_joined() -> None:
    two_lines = fixed_pitch_line(["PORTFOL"]) + fixed_pitch_line(["IO"], line=1)
    assert texts(rejoin_split_words(two_lines, WORDS)) == ["PORTFOL", "IO"]
    first = fixed_pitch_line(["PORTFOL"])
    far = fixed_pitch_line(["IO"], x=first[0].bbox[2] + 4 * PITCH)
    assert texts(rejoin_split_words(first + far, WORDS)) == ["PORTFOL", "IO"]
    near = fixed_pitch_line(["PORTFOL", "IO"])
    assert texts(rejoin_split_words(near, WORDS)) == ["PORTFOLIO"]


def test_short_joins_numbers_and_no_word_list_change_nothing() -> None:
    for pieces in (["F", "EES"], ["02/02/", "2021"], ["1", "1TH"]):
        line = fixed_pitch_line(pieces)
        assert texts(rejoin_split_words(line, WORDS)) == pieces
    line = fixed_pitch_line(["ACQUI", "S", "ITIONS"])
    assert texts(rejoin_split_words(line, frozenset())) == ["ACQUI", "S", "ITIONS"]


def test_the_system_word_list_gives_common_words_not_names() -> None:
    common = common_words()
    if not common:
        pytest.skip("no system word list (the setup installs wamerican)")
    assert "acquisitions" in common and "portfolio" in common
    assert "kimberly" not in common and "deleon" not in common
    line = fixed_pitch_line(["KIM", "BERLY", "DE", "LEON", "PORTFOL", "IO"])
    assert texts(rejoin_split_words(line)) == ["KIM", "BERLY", "DE", "LEON", "PORTFOLIO"]


class _SplitReadingEngine:
    """An engine whose reading of the page cuts one word at its I, as tesseract does on
    Courier; stands in for tesseract so the page reading's own repair is what is tested."""

    name = "split-reading"

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        words = fixed_pitch_line(["CLIENT", "BEACON", "DEBT", "ACQUI", "S", "ITIONS"])
        return OcrResult(words=words, mean_confidence=0.96)  # boxes in points, as engines give


def test_a_page_reading_comes_back_with_the_pieces_joined() -> None:
    page = Image.new("L", (2550, 3300), 255)
    result = ocr_page_image(page, 300.0, engine=_SplitReadingEngine(), fix_orientation=False,
                            deskew=False)
    if not common_words():
        pytest.skip("no system word list (the setup installs wamerican)")
    assert texts(result.words) == ["CLIENT", "BEACON", "DEBT", "ACQUISITIONS"]

"""Value parsers on plain strings: every format the paperwork prints."""

from __future__ import annotations

import pytest

from extraction import parsers


@pytest.mark.parametrize(("text", "expected"), [
    ("the 3rd day of March, 2025", "2025-03-03"),
    ("March 3, 2025", "2025-03-03"),
    ("Mar. 3, 2025", "2025-03-03"),
    ("03/03/2025", "2025-03-03"),
    ("3/3/2025", "2025-03-03"),
    ("2025-03-03", "2025-03-03"),
    ("the 21st day of November, 2023", "2023-11-21"),
])
def test_parse_date_formats(text: str, expected: str) -> None:
    assert parsers.parse_date(text) == expected


def test_parse_date_rejects_non_dates() -> None:
    assert parsers.parse_date("Page 3 of 4") is None


def test_date_pattern_finds_ordinal_form_in_prose() -> None:
    text = "DONE AND ORDERED in Chambers on the 29th day of October, 2023."
    found = [m.group(0) for m in parsers.DATE_RE.finditer(text)]
    assert found == ["the 29th day of October, 2023"]


@pytest.mark.parametrize(("text", "expected"), [
    ("$1,234.56", "1234.56"), ("1,234.56", "1234.56"), ("USD 1,234.56", "1234.56"),
    ("$500", "500.00"),
])
def test_parse_amount_decimal_two_places(text: str, expected: str) -> None:
    assert parsers.parse_amount(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Three Thousand One Hundred Sixteen and 30/100 Dollars", "3116.30"),
    ("One Thousand Two Hundred Thirty-Four and 56/100 Dollars", "1234.56"),
    ("Twenty Dollars and 5/100", "20.05"),
    ("Nineteen Thousand Three Hundred Twenty-One and 72/100 Dollars", "19321.72"),
])
def test_parse_written_amount(text: str, expected: str) -> None:
    assert parsers.parse_written_amount(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SSN: 123-45-6789", "6789"), ("SSN (last four) XXX-XX-4821", "4821"),
    ("***-**-4818", "4818"), ("social security number ending in 1234", "1234"),
])
def test_ssn_last4_keeps_only_last_four(text: str, expected: str) -> None:
    result = parsers.ssn_last4(text)
    assert result == expected
    assert result is not None and len(result) == 4


@pytest.mark.parametrize("number", [
    "23CHLC22869", "1:24-cv-00524", "2024-CV-001187", "24SC00891", "JC-24-00123",
    "2024-CC-000123-O", "CV-000123-24/KI", "2024 CVF 000123", "CC2024-000123", "24CIV00123KCX",
    "CV 99-8333", "SACR 16-76JVS", "EDCV 21-00123-JGB", "09-00429-HAR", "18-53173-jrs",
])
def test_find_case_numbers_common_formats(number: str) -> None:
    found = parsers.find_case_numbers(f"Case No. {number} filed")
    assert [value for _, _, value in found] == [number]


@pytest.mark.parametrize(("text", "expected"), [
    ("1420 W. Elm Street, Apt 3B Springfield IL 62704",
     "1420 W Elm St, Apt 3B, Springfield, IL 62704"),
    ("PO Box 123, Dallas, TX 75201", "PO Box 123, Dallas, TX 75201"),
    ("7954 E MAPLE RD, APT 5D, CLEVELAND, OH 44105",
     "7954 E MAPLE RD, APT 5D, CLEVELAND, OH 44105"),
])
def test_normalize_address_one_line_form(text: str, expected: str) -> None:
    assert parsers.normalize_address(text) == expected


def test_normalize_address_needs_zip() -> None:
    assert parsers.normalize_address("somewhere in Springfield") is None

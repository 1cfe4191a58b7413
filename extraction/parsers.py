"""Value parsers: one well-kept library per kind of value, wrapped to return normalized strings.

Each function takes a piece of text and returns the CONTRACT.md normal form, or None when
the text is not such a value. They know nothing of pages or labels, so they are tested on
plain strings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import dateparser
import usaddress

DATE_SETTINGS = {"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first",
                 "REQUIRE_PARTS": ["day", "month", "year"]}
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

# Date shapes found in collection letters, court forms and placement sheets.
DATE_RE = re.compile(
    r"(?:the\s+)?\b\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+(?:" + MONTHS + r")\.?,?\s+\d{4}"
    r"|\b(?:" + MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:" + MONTHS + r")\.?,?\s+\d{4}"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b",
    re.IGNORECASE)
DAY_OF_RE = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+", re.IGNORECASE)


NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$"
                             r"|^(\d{4})-(\d{2})-(\d{2})$")


def _numeric_date(text: str) -> str | None:
    """US month/day/year and ISO dates without dateparser (the common case, 100x faster)."""
    match = NUMERIC_DATE_RE.match(text.strip())
    if not match:
        return None
    if match.group(4):
        year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
    else:
        month, day, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if year < 100:
            year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """'the 3rd day of March, 2025' / '03/03/2025' / 'March 3, 2025' -> '2025-03-03'."""
    if NUMERIC_DATE_RE.match(text.strip()):
        return _numeric_date(text)
    cleaned = DAY_OF_RE.sub(lambda m: m.group(1) + " ", text.strip())
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned, flags=re.IGNORECASE)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=DATE_SETTINGS)
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.strftime("%Y-%m-%d")


AMOUNT_RE = re.compile(r"(?<![\w.])(?:\$\s?|USD\s?)?\d{1,3}(?:[,\s]\d{3})*(?:\.\d{2})\b"
                       r"|(?<![\w.])\$\s?\d+(?:,\d{3})*(?:\.\d{2})?\b")


def parse_amount(text: str) -> str | None:
    """'$1,234.56' -> '1234.56' (Decimal, two places); None when not a money amount."""
    digits = re.sub(r"[^\d.]", "", text.replace(" ", ""))
    if not digits or digits.count(".") > 1:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return str(value.quantize(Decimal("0.01")))


UNITS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"])}
TENS = {w: 10 * i for i, w in enumerate([
    "_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    if w != "_"}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | {"and"}
WRITTEN_AMOUNT_RE = re.compile(
    r"\b((?:(?:" + "|".join(sorted(NUMBER_WORDS - {"and"}, key=len, reverse=True))
    + r")[\s-]+(?:and\s+)?)+)(?:(\d{1,2})\s*/\s*100\s+)?dollars?"
    r"(?:\s+and\s+(\d{1,2})\s*/\s*100|\s+and\s+((?:[a-z]+[\s-]+){1,2})cents?)?",
    re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """'three thousand one hundred sixteen' -> 3116; None on a word that is not a number."""
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", text.lower().strip()):
        if not token or token == "and":
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_written_amount(text: str) -> str | None:
    """'Three Thousand One Hundred Sixteen and 30/100 Dollars' -> '3116.30'."""
    match = WRITTEN_AMOUNT_RE.search(text)
    if not match:
        return None
    dollars = words_to_int(match.group(1))
    if dollars is None:
        return None
    cents = 0
    if match.group(2) or match.group(3):
        cents = int(match.group(2) or match.group(3))
    elif match.group(4):
        cents = words_to_int(match.group(4)) or 0
    return f"{dollars}.{cents:02d}"


EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?: ?\.[A-Za-z0-9-]+)*"
                      r" ?\.(?:com|net|org|edu|gov|us|[A-Za-z]{2,})\b")


# Full SSNs and masked ones; only the last four digits ever leave `ssn_last4`.
SSN_RE = re.compile(r"(?<![\w*#])(?:\d{3}|[X*#]{3})[- ](?:\d{2}|[X*#]{2})[- ](\d{4})\b",
                    re.IGNORECASE)


def ssn_last4(text: str) -> str | None:
    """The last four digits of an SSN (full or masked) in text; the rest is dropped here."""
    match = SSN_RE.search(text)
    if match:
        return match.group(1)
    match = re.search(r"(?:last\s*(?:4|four)|ending\s+in|xxx-xx-)\D{0,12}(\d{4})\b", text,
                      re.IGNORECASE)
    return match.group(1) if match else None


CASE_NUMBER_RES = (
    re.compile(r"\b\d:\d{2}-[a-z]{2,4}-\d{3,6}(?:-[A-Z]{2,4})*\b", re.IGNORECASE),  # federal
    re.compile(r"\b(?:19|20)\d{2}-[A-Z]{1,4}-\d{3,8}(?:-[A-Z]{1,3})?\b"),  # 2024-CV-001187(-O)
    re.compile(r"\b(?:19|20)\d{2}\s[A-Z]{2,4}\s\d{4,8}\b"),  # Ohio 2024 CVF 000123
    re.compile(r"\b[A-Z]{1,4}-\d{4,8}-\d{2}(?:/[A-Z]{1,3})?(?![\w/])"),  # NY CV-000123-24/KI
    re.compile(r"\b[A-Z]{1,4}-?\d{2}-\d{3,8}\b"),  # Texas JC-24-00123
    # district courts' civil / criminal / magistrate numbers with an office prefix and the
    # judge's initials: "CV 99-8333", "SACR 16-76JVS", "EDCV 21-00123-JGB"
    re.compile(r"\b(?:[A-Z]{2})?(?:CV|CR|MJ)\s?\d{2}-\d{1,6}(?:-?[A-Z]{2,4}\b)?"),
    re.compile(r"\b[A-Z]{2}(?:19|20)\d{2}-\d{4,8}\b"),  # Arizona CC2024-000123
    re.compile(r"\b\d{2}[A-Z]{1,6}\d{4,7}[A-Z]{0,4}\b"),  # CA 23CHLC22869, 24SC00891, 24CIV..KCX
    re.compile(r"\b\d{2,4}-[A-Z]{1,4}-\d{3,8}\b"),  # 24-CV-12345
    re.compile(r"\b\d{2}-\d{4,6}(?:-[A-Za-z]{2,4})?\b"),  # bankruptcy 18-53173, 09-00429-HAR
)


def find_case_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of case-number shaped tokens, most specific pattern first."""
    found: list[tuple[int, int, str]] = []
    for pattern in CASE_NUMBER_RES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            found.append((match.start(), match.end(), match.group(0)))
    return found


ACCOUNT_RE = re.compile(
    r"(?:[X*#•]{2,}[\s-]?){1,5}\d{3,6}\b"  # XXXXXXXXXXXX4821, ****-****-4821
    r"|\bending\s+in\s+\d{4}\b"
    r"|\b\d{6,19}\b"
    r"|\b[A-Z]{0,4}\d{2,}[-\d]{4,}\b",
    re.IGNORECASE)


def clean_account(text: str) -> str:
    return text.strip().strip(".,;:")


STREET_ABBREVIATIONS = {
    "street": "St", "avenue": "Ave", "road": "Rd", "drive": "Dr", "lane": "Ln",
    "boulevard": "Blvd", "court": "Ct", "place": "Pl", "terrace": "Ter", "circle": "Cir",
    "parkway": "Pkwy", "highway": "Hwy", "square": "Sq", "trail": "Trl",
}
# Letters of any script: names and places print accents ("JOSÉ MUÑOZ", "San José, CA").
# CAPITAL is a letter that is not an ASCII lower-case one (accented capitals included).
LETTER = r"[^\W\d_]"
CAPITAL = r"[^\W\d_a-z]"
CITY_STATE_ZIP_RE = re.compile(rf"({LETTER}(?:{LETTER}|[ .'-])+?),?\s+([A-Z]{{2}})\.?\s+"
                               r"(\d{5}(?:-\d{4})?)\b")


def normalize_address(text: str) -> str | None:
    """'1420 W. Elm Street, Apt 3B Springfield IL 62704' -> '1420 W Elm St, Apt 3B, ...'.

    usaddress tags the parts; we rebuild the one-line form ``street[, unit], city, ST zip``.
    Returns None when no street number, city, state and ZIP can be found.
    """
    # a text layer that lost the break between lines: "P.O. Box 109032Chicago, IL 60610"
    text = re.sub(r"(?<=\d)(?=[A-Z][a-z]{2,})", " ", text)
    try:
        tagged, _ = usaddress.tag(text)
    except usaddress.RepeatedLabelError as error:
        tagged = {}
        for token, label in error.parsed_string:
            tagged[label] = (tagged[label] + " " + token) if label in tagged else token
    street_parts = [tagged.get(k, "") for k in (
        "AddressNumber", "StreetNamePreDirectional", "StreetNamePreType", "StreetName",
        "StreetNamePostType", "StreetNamePostDirectional")]
    if not tagged.get("AddressNumber") and tagged.get("USPSBoxType"):
        street_parts = [tagged.get("USPSBoxType", ""), tagged.get("USPSBoxID", "")]
    street = " ".join(p.strip(" ,.") for p in street_parts if p.strip(" ,."))
    street = " ".join(STREET_ABBREVIATIONS.get(w.lower(), w) for w in street.split())
    unit = " ".join(tagged.get(k, "").strip(" ,") for k in ("OccupancyType", "OccupancyIdentifier")
                    if tagged.get(k))
    if not unit and tagged.get("SubaddressType"):
        unit = " ".join(tagged.get(k, "").strip(" ,") for k in
                        ("SubaddressType", "SubaddressIdentifier") if tagged.get(k))
    city = tagged.get("PlaceName", "").strip(" ,")
    state = tagged.get("StateName", "").strip(" ,.").upper()
    zip_code = tagged.get("ZipCode", "").strip(" ,")
    if not (street and city and len(state) == 2 and re.fullmatch(r"\d{5}(-\d{4})?", zip_code)):
        return None
    if NOT_A_STREET_RE.search(street):
        return None  # a deed's legal description ("LOT 14 OF TRACT NO. 10910")
    street = re.sub(r"\b([NSEW])\.", r"\1", street)
    unit = unit.replace("#", "# ").replace("# ", "#") if unit.startswith("#") else unit
    head = [street] + ([unit] if unit else []) + [city]
    return ", ".join(head) + f", {state} {zip_code}"


NOT_A_STREET_RE = re.compile(r"\b(?:OF|TRACT|LOT|BOOK|PAGES?|MAPS?|PARCEL)\b", re.IGNORECASE)


def address_key(text: str) -> str:
    """A comparison key for addresses: upper case, no punctuation, single spaces."""
    return " ".join(re.sub(r"[^\w# ]", " ", text.upper()).split())

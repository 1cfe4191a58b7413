"""Normalizing what a reviewer types into the contract's value formats.

A reviewer may type "$1,234.5" or "March 3, 2024"; the database keeps what
CONTRACT.md says (``1234.50``, ``2024-03-03``), so corrections and extractions
compare and export alike.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from core.errors import CasetraceError
from core.vocabulary import FIELDS, FieldKind
from intake.redaction import find_full_ssns

FULL_SSN_REFUSED = ("a full SSN was typed; it is never stored. Enter only its last four "
                    "digits, in the SSN last 4 box of the party")

_AMOUNT_NOISE = re.compile(r"[$,\s]|USD", re.IGNORECASE)


class InvalidValue(CasetraceError, ValueError):
    """A typed value that does not fit its field; the message names field and value."""

    code = "R002"


def normalize_value(field_name: str, text: str) -> str:
    """The contract form of ``text`` for ``field_name``; InvalidValue when it cannot be read."""
    text = " ".join(text.split())
    if find_full_ssns(text):  # checked before anything echoes the text back
        raise InvalidValue(f"{field_name}: {FULL_SSN_REFUSED}")
    if not text:
        raise InvalidValue(f"{field_name}: the value is empty (use 'not in document' instead)")
    spec = FIELDS.get(field_name)
    kind = spec.kind if spec else None
    if kind == FieldKind.AMOUNT:
        return _normalize_amount(field_name, text)
    if kind == FieldKind.DATE:
        return normalize_date(field_name, text)
    return text


def _normalize_amount(field_name: str, text: str) -> str:
    cleaned = _AMOUNT_NOISE.sub("", text)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned.strip("()")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(f"{field_name}: {text!r} is not an amount (e.g. 1234.56)") from None
    if negative:
        amount = -amount
    return f"{amount.quantize(Decimal('0.01'))}"


def normalize_date(field_name: str, text: str) -> str:
    """The ISO form of a typed date ("March 3, 2024" -> 2024-03-03), read with dateparser."""
    import dateparser  # slow to import; only needed when a date is typed

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
    if parsed is None:
        raise InvalidValue(f"{field_name}: {text!r} is not a date (e.g. 2024-03-01)")
    return parsed.date().isoformat()

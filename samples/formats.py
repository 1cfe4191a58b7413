"""How values are printed on paperwork, and their normalized form for the ground truth.

Each ``print_*`` function takes a random generator so that one document can print its
dates one way and the next another way, as real paperwork does; the normalized value
(CONTRACT.md) is computed from the underlying value, never parsed back from the text.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_ONES = (
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
    "Eighteen", "Nineteen",
)
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

PHONE_STYLES = ("paren", "dash", "dot", "plus")


def cents(value: Decimal | float | str) -> Decimal:
    """Round to whole cents, the precision every amount on paper has."""
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def normalize_money(value: Decimal) -> str:
    """CONTRACT.md: decimal with two places, no symbol, no separators."""
    return f"{cents(value):.2f}"


def normalize_date(value: date) -> str:
    return value.isoformat()


def _below_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words.append(f"{_ONES[n // 100]} Hundred")
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def number_to_words(n: int) -> str:
    """Whole dollars in words, as a legal document writes them ("One Thousand Two ...")."""
    if n == 0:
        return "Zero"
    parts = []
    for size, label in ((1_000_000, "Million"), (1_000, "Thousand"), (1, "")):
        chunk, n = divmod(n, size)
        if chunk:
            parts.append(f"{_below_thousand(chunk)} {label}".strip())
    return " ".join(parts)


def money_figure(value: Decimal, *, symbol: bool = True) -> str:
    text = f"{cents(value):,.2f}"
    return f"${text}" if symbol else text


def money_prose(value: Decimal) -> str:
    """'One Thousand Two Hundred Thirty-Four and 56/100 Dollars ($1,234.56)'."""
    amount = cents(value)
    dollars = int(amount)
    hundredths = int((amount - dollars) * 100)
    return f"{number_to_words(dollars)} and {hundredths:02d}/100 Dollars ({money_figure(amount)})"


def print_money(value: Decimal, style: str) -> str:
    if style == "plain":
        return money_figure(value, symbol=False)
    if style == "usd":
        return f"USD {money_figure(value, symbol=False)}"
    if style == "prose":
        return money_prose(value)
    return money_figure(value)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def print_date(value: date, style: str) -> str:
    if style == "slash":
        return value.strftime("%m/%d/%Y")
    if style == "slash_short":
        return f"{value.month}/{value.day}/{value.year}"
    if style == "ordinal":
        return f"the {_ordinal(value.day)} day of {_MONTHS[value.month - 1]}, {value.year}"
    if style == "iso":
        return value.isoformat()
    if style == "abbrev":
        return f"{_MONTHS[value.month - 1][:3]}. {value.day}, {value.year}".replace("May.", "May")
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def print_phone(national: str, style: str) -> str:
    """``national`` is ten digits; the truth holds ``+1`` + those digits (E.164)."""
    area, exchange, line = national[:3], national[3:6], national[6:]
    if style == "dash":
        return f"{area}-{exchange}-{line}"
    if style == "dot":
        return f"{area}.{exchange}.{line}"
    if style == "plus":
        return f"+1 {area} {exchange} {line}"
    return f"({area}) {exchange}-{line}"


def mask_account(number: str, rng: random.Random) -> str:
    """Masked forms that collection paperwork uses; the truth is the masked text as printed."""
    last4 = number[-4:]
    style = rng.choice(("xfull", "stars", "short", "xdash"))
    if style == "xfull":
        return "X" * (len(number) - 4) + last4
    if style == "stars":
        return "*" * (len(number) - 4) + last4
    if style == "xdash":
        return f"XXXX-XXXX-XXXX-{last4}"
    return f"xxxx{last4}"

"""Reading an investigator's free-text search query into its terms.

Structured terms (phone, e-mail, date of birth, SSN last four) are pulled out
first, each by its own pattern, so what is left are free words: a name, part
of an address, or both. Each free word is kept in two forms: in USPS street
form for the address index, and as typed for the name index. A query longer
than ``MAX_QUERY_CHARS`` is refused before any work (it is not a search
anyone types, and the patterns would cost time on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skiptrace.normalize import normalize_phone, parse_dob
from skiptrace.text import fold
from skiptrace.usps import standardize_street

MAX_QUERY_CHARS = 500  # longer is not a search an investigator types; refused at once

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATE = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\b")
_PHONE = re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)")
_SSN = re.compile(r"(?:\b(?:ssn|ss#|social)\s*:?\s*|\b[x*#]{3}-?[x*#]{2}-?)(\d{4})\b",
                  re.IGNORECASE)


@dataclass(slots=True)
class ParsedQuery:
    words: list[str]  # free words: name or address, in USPS form ("green" -> "grn")
    phones: list[str]
    emails: list[str]
    dobs: list[str]
    ssn4: list[str]
    spelled: list[str] = field(default_factory=list)  # each word as typed, for names

    def __post_init__(self) -> None:
        if len(self.spelled) != len(self.words):
            self.spelled = list(self.words)

    def term_count(self) -> int:
        return len(self.words) + len(self.phones) + len(self.emails) + len(self.dobs) + len(
            self.ssn4)


class QueryTooLong(ValueError):
    """A query longer than ``MAX_QUERY_CHARS``: refused before any work."""


def check_query_length(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"search query is {len(query):,} characters long; at most "
                           f"{MAX_QUERY_CHARS} are searched: shorten it to a name, phone, "
                           "address, SSN last four or date of birth")


def parse_query(query: str) -> ParsedQuery:
    """Pull the structured terms out of a query; what is left are words."""
    check_query_length(query)
    text = query
    emails = [m.lower() for m in _EMAIL.findall(text)]
    text = _EMAIL.sub(" ", text)
    dobs: list[str] = []
    for raw in _DATE.findall(text):
        try:
            parsed = parse_dob(raw)
        except ValueError:
            continue
        if parsed:
            dobs.append(parsed.isoformat())
    text = _DATE.sub(" ", text)
    ssn4 = _SSN.findall(text)
    text = _SSN.sub(" ", text)
    phones = [p for p in (normalize_phone(m) for m in _PHONE.findall(text)) if p]
    text = _PHONE.sub(" ", text)
    # Street words are abbreviated for the address index, but "Hill", "Green" and
    # "Glen" are names too: the name index gets each word as it was typed.
    words = standardize_street(text).split()
    return ParsedQuery(words=words, phones=phones, emails=emails, dobs=dobs, ssn4=ssn4,
                       spelled=fold(text).split())

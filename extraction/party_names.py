"""What a party name looks like: the anchor every party finder returns, and the cleaning and
plausibility tests they all apply to a printed name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox

ORG_SUFFIX_RE = re.compile(
    r"\b(?:LLC|L\.L\.C\.|Inc\.?|Corp\.?|Corporation|Company|Co\.|N\.A\.|Bank|LP|L\.P\.|LLP|Ltd|Limited|PLC|"
    r"PLLC|P\.C\.|Services|Funding|Capital|Credit|Financial|Management|Group|Associates|"
    r"Partners|Trust|Union|Investments|Recovery|Portfolio|Collection|Law|Firm|Hospital|"
    r"Medical|Health|Energy|Wireless|Utilities)\b", re.IGNORECASE)
# (a word of a hyphenated surname is none: 'Case-Elliott Inc.', 'Moore-Date')
STOP_NAME_RE = re.compile(r"(?<!-)\b(?:address|phone|tel|date|amount|case|no\.|number|court|"
                          r"county|state\s+of|re:|account\s*(?:no|number|#)|balance|dear|"
                          r"district|judicial|courthouse|division)\b(?!-)",
                          re.IGNORECASE)


@dataclass(slots=True)
class PartyAnchor:
    role: str
    name: str
    page: int
    bbox: BBox
    line_index: int
    score: float
    how: str  # caption / label / block


CAPS_TAIL_RE = re.compile(r"(?:^|\s)((?:[A-Z][A-Z.'\-]*,?\s){1,}[A-Z][A-Z.'\-]*\.?"
                          r"(?:,?\s(?:JR|SR|II|III)\.?)?)$")


def clean_name(text: str) -> str:
    """A name as printed, single-spaced, without trailing commas and role words; OCR debris
    before a name in capitals ("Seo oes MARIA GARCIA", "V.. JOHN DOE") is dropped."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:.)(")
    text = re.sub(r"^v+s?\.+\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^\d{1,2}[.)]\s+(?=[^\W\d_])", "", text)  # "7. James Roe": defendant no. 7
    caps = CAPS_TAIL_RE.search(text)
    if caps and caps.start(1) > 0:
        prefix = text[:caps.start(1)].split()
        if all(len(t.strip(".,'")) <= 3 for t in prefix) and not " ".join(prefix).isupper():
            text = caps.group(1)  # short mixed-case debris before the name
    text = re.sub(r",?\s*(?:an?\s+individual|et\s+al\.?|individually)$", "", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\s*[,;]\s*$", "", text)
    if re.search(r"\b(?:inc|co|corp|jr|sr|l\.l\.c|n\.a|p\.c|l\.p)$", text, re.IGNORECASE):
        text += "."
    return text.strip()


def looks_like_name(text: str) -> bool:
    """Most words capitalized: a name or firm, not a run of prose."""
    words = [w for w in re.findall(r"[^\W\d_][\w.'\-]*", text) if w.lower() not in
             ("of", "and", "the", "as", "de", "la", "del", "van", "von")]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


LABEL_WORDS = {"name", "debtor", "creditor", "client", "plaintiff", "defendant", "attorney",
               "owner", "garnishee", "employer", "address", "none", "n/a",
               "signed", "signature", "seal", "print name"}  # a signature line's own words


def plausible_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return (3 <= len(text) <= 80 and text.lower().strip(" :.") not in LABEL_WORDS
            and letters >= 0.6 * len(text.replace(" ", ""))
            and not STOP_NAME_RE.search(text) and not re.search(r"\d{3,}", text))

"""label_meaning: what a short printed label means, by nearest prototype in MiniLM space.

Why: key/value sheets print the same few facts under wordings no lexicon lists ("Obligor",
"Place of Work", "Date Born"). Each meaning below is described by a few canonical phrases
(definitions, not a form's wordings); a label means what its closest phrase means, when
that phrase is close enough and clearly closer than any other meaning's. Meanings that are
no party attribute (balances, dates of the account, file numbers) are prototypes too, so a
distractor label lands on them rather than on the nearest party attribute.

The encoder is the role model's (``role_model.Encoder``, cached per string); without it
(package missing) every label means nothing and the rules stand alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # numpy comes with the encoder, on first use
    import numpy as np

    from extraction.role_model import Encoder

NONE = "none"
# meaning -> canonical descriptions. Party meanings first; the rest absorb other labels.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "debtor": ("debtor", "debtor name", "name of the person who owes the debt",
               "consumer name", "borrower", "defendant", "customer name",
               "the person liable for the account", "party obligated to repay the debt",
               "account holder", "obligor", "the person who holds the card"),
    "codebtor": ("co-debtor", "joint debtor", "co-signer", "second person also liable on "
                 "the account", "joint account holder", "guarantor of the debt"),
    "creditor": ("creditor", "current creditor", "company that now owns the debt",
                 "client the agency collects for", "plaintiff", "debt buyer",
                 "creditor name", "client", "owner of the debt",
                 "the company the debt is owed to", "obligee", "assignee of the debt"),
    "original": ("original creditor", "bank that first issued the account",
                 "charge-off creditor", "previous lender"),
    "employer": ("employer", "employer name", "company where the debtor works",
                 "place the consumer is employed"),
    "dob": ("date of birth", "DOB", "birthday", "the day the person was born"),
    "ssn": ("social security number", "SSN", "SSN last four digits",
            "taxpayer identification number"),
    "email": ("email address", "e-mail", "electronic mail"),
    "phone": ("phone number", "telephone", "mobile number", "home phone", "cell phone"),
    "attorney": ("attorney", "attorney for plaintiff", "law firm", "counsel"),
    "address": ("address", "street address", "mailing address", "home address"),
    NONE: ("account number", "balance due", "interest amount", "fees and costs",
           "date placed with the agency", "date the account was opened", "charge-off date",
           "last payment date", "interest rate", "file number", "reference number",
           "credit limit", "settlement offer", "minimum payment", "date printed",
           "case number", "court", "attorney", "collection agency", "status", "type",
           "amount", "date", "notes", "page"),
}
PARTY_ROLES = {"debtor": "debtor", "codebtor": "debtor", "creditor": "creditor",
               "employer": "other"}
MIN_SIMILARITY = 0.55  # cosine to the nearest prototype
MIN_MARGIN = 0.04  # over the nearest prototype of a meaning of another group
GROUPS = {"codebtor": "debtor"}  # meanings close by nature: no margin needed between them
SEPARATORS_RE = re.compile(r"[\s:#.\-–]+$")


def normalize(label: str) -> str:
    """A label as the encoder should read it: separators off, lower case, single spaces."""
    return re.sub(r"\s+", " ", SEPARATORS_RE.sub("", label.strip())).lower()


# The meanings of a label printed beside a parsed value (``value_labels``), per kind of
# value: which contract field the value fills, or none. Definitions in the contract's terms
# (CONTRACT.md's field descriptions) and the things a sheet prints that are no field; no
# form's wording.
VALUE_PROTOTYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "amount": {
        "amount_due": ("amount due", "total balance now owed", "total amount owed",
                       "the whole sum the debtor must pay now",
                       "principal plus interest plus fees", "balance",
                       "amount needed to pay off the account in full",
                       "the amount that must be paid"),
        "principal": ("principal", "principal balance", "the debt itself before interest "
                      "and fees", "amount of the debt without interest or fees",
                      "balance when the account was written off", "the charge-off balance"),
        "interest": ("interest", "interest amount", "interest charged on the debt",
                     "cost of credit added over time", "interest owed"),
        "fees": ("fees", "fees and costs", "charges added for late payment",
                 "court costs", "fee amount"),
        NONE: ("interest rate", "annual percentage rate", "credit limit",
               "payment received", "last payment amount", "minimum monthly payment",
               "settlement offer", "discounted amount accepted to settle",
               "payments and credits", "original loan amount",
               "date", "account number", "percent"),
    },
    "account_number": {
        "account_number": ("account number", "the creditor's number for the account",
                           "credit account identifier",
                           "number identifying the customer's account"),
        NONE: ("file number", "reference number", "case number", "our internal tracking "
               "number", "batch number", "work order", "control number", "docket number"),
    },
}


def _phrase_matrix(table: dict[str, tuple[str, ...]]) -> tuple[list[str], np.ndarray] | None:
    encoder = _encoder()
    if encoder is None:
        return None
    names = [name for name, phrases in table.items() for _ in phrases]
    phrases = [p for ps in table.values() for p in ps]
    return names, encoder.encode(phrases)


@lru_cache(maxsize=1)
def _prototype_matrix() -> tuple[list[str], np.ndarray] | None:
    return _phrase_matrix(PROTOTYPES)


@lru_cache(maxsize=4)
def _value_matrix(kind: str) -> tuple[list[str], np.ndarray] | None:
    return _phrase_matrix(VALUE_PROTOTYPES[kind])


def _encoder() -> Encoder | None:
    """The role model's encoder (torch loads here, on first use); None without it."""
    try:
        from extraction.role_model import Encoder

        return Encoder.get()
    except (ImportError, OSError):
        return None


class Reading(NamedTuple):
    """What a label means (``meaning``, 'none' when unsure), how close its nearest
    prototype is, and which meaning that nearest prototype has (``nearest``)."""

    meaning: str
    similarity: float
    nearest: str

    @property
    def unknown(self) -> bool:
        """No meaning, and not surely a label of something that is no party (a balance, a
        file number): a wording the prototypes do not reach."""
        return self.meaning == NONE and not (self.nearest == NONE
                                             and self.similarity >= MIN_SIMILARITY)


def readings(labels: list[str], kind: str = "") -> list[Reading]:
    """Per label, its ``Reading``: the nearest prototype's meaning when it is close and
    clearly ahead of every other meaning, else 'none'. ``kind`` (a key of
    ``VALUE_PROTOTYPES``) reads the label of a value of that kind (which field it fills);
    without it, the label of a name (which party or attribute)."""
    prototypes = _value_matrix(kind) if kind else _prototype_matrix()
    if not labels:
        return []
    texts = [normalize(label) for label in labels]
    if prototypes is None:
        return [Reading(NONE, 0.0, NONE)] * len(labels)
    names, matrix = prototypes
    encoder = _encoder()
    assert encoder is not None  # the prototypes were encoded with it
    sims = encoder.encode(texts) @ matrix.T
    out = []
    for row, text in zip(sims, texts, strict=True):
        best_by_meaning: dict[str, float] = {}
        for name, sim in zip(names, row, strict=True):
            best_by_meaning[name] = max(best_by_meaning.get(name, -1.0), float(sim))
        ranked = sorted(best_by_meaning.items(), key=lambda kv: -kv[1])
        first, s1 = ranked[0]
        group = GROUPS.get(first, first)
        s2 = next((s for m, s in ranked[1:] if GROUPS.get(m, m) != group), -1.0)
        if not text or s1 < MIN_SIMILARITY or s1 - s2 < MIN_MARGIN:
            out.append(Reading(NONE, s1, first))
        else:
            out.append(Reading(first, s1, first))
    return out


def field_similarities(labels: list[str], kind: str) -> list[dict[str, float]]:
    """Per label of a value of ``kind`` (a key of ``VALUE_PROTOTYPES``), the cosine of its
    nearest prototype of each meaning; {} per label without the encoder."""
    prototypes = _value_matrix(kind)
    encoder = _encoder()
    if prototypes is None or encoder is None or not labels:
        return [{} for _ in labels]
    names, matrix = prototypes
    sims = encoder.encode([normalize(label) for label in labels]) @ matrix.T
    out = []
    for row in sims:
        best: dict[str, float] = {}
        for name, sim in zip(names, row, strict=True):
            best[name] = max(best.get(name, -1.0), float(sim))
        out.append(best)
    return out


def lean(labels: list[str], toward: str, away: str) -> list[float]:
    """Per label, how much closer it reads to meaning ``toward`` than to ``away`` (the
    difference of its nearest prototypes' cosines): which of two labels on a sheet names
    the current creditor rather than the original one. 0.0 without the encoder."""
    prototypes = _prototype_matrix()
    encoder = _encoder()
    if prototypes is None or encoder is None or not labels:
        return [0.0] * len(labels)
    names, matrix = prototypes
    sims = encoder.encode([normalize(label) for label in labels]) @ matrix.T
    rows_toward = [i for i, name in enumerate(names) if name == toward]
    rows_away = [i for i, name in enumerate(names) if name == away]
    return [float(row[rows_toward].max() - row[rows_away].max()) for row in sims]


def meanings(labels: list[str]) -> list[tuple[str, float]]:
    """Per label, (meaning, similarity) of its ``Reading``."""
    return [(r.meaning, r.similarity) for r in readings(labels)]


def meaning(label: str) -> str:
    """The meaning of one label (see ``meanings``)."""
    return meanings([label])[0][0]

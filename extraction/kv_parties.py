"""kv_parties: parties named by key/value pairs whose label means a party.

Why: the label rules (``labelled_parties``) know a fixed set of role words; a sheet that
prints "Obligor", "Co-Applicant" or "Place of Work" beside, over or run into a name is read
here instead, by geometry (``kv_pairs``) and the label's meaning (``label_meaning``). A
cell with several readings (a padded label run into its value) keeps the reading whose
label means a party most surely.
"""

from __future__ import annotations

import re

from core.lines import Line
from extraction.contacts import CO_DEBTOR
from extraction.kv_pairs import SEPARATED_RE, Pair, page_pairs
from extraction.label_meaning import MIN_SIMILARITY, PARTY_ROLES, meanings, normalize
from extraction.party_names import (
    ORG_SUFFIX_RE,
    PartyAnchor,
    clean_name,
    looks_like_name,
    plausible_name,
)

SCORES = {"debtor": 0.9, "codebtor": 0.86, "creditor": 0.88, "employer": 0.86}
GENERIC_LABELS = {"name", "full name"}  # whose is decided by a heading (labelled_parties)
SPLIT_MIN_SIMILARITY = 0.8  # a reading with no separator must mean its party surely
VALUE_IS_LABEL = 0.75  # a value this close to a prototype reads as a label itself
HEADING_REACH = 12  # lines under a section heading that it may scope


def _name_value(pair: Pair) -> str | None:
    name = clean_name(pair.value)
    if not plausible_name(name) or not looks_like_name(name) or not 2 <= len(name.split()) <= 7:
        return None
    return name


def section_headings(lines: list[Line]) -> dict[int, str]:
    """Line index -> text of the lines that head a section: one short cell, no digits,
    no value after a separator ("Consumer Information", "WHO OWES")."""
    out = {}
    for index, line in enumerate(lines):
        cells = line.cells()
        text = line.text.strip()
        separated = SEPARATED_RE.match(text)
        if len(cells) == 1 and 0 < len(text.split()) <= 4 and not re.search(r"\d|@", text) \
                and not (separated and separated.group("value")):
            out[index] = text
    return out


def _heading_of(pair: Pair, headings: dict[int, str]) -> int | None:
    above = [k for k in headings if pair.line_index - HEADING_REACH <= k < pair.line_index]
    return max(above) if above else None


def _case_boundary(pair: Pair) -> bool:
    """A label run into its value is told apart by case: 'Responsible Party JANE ROE'."""
    return pair.value.isupper() and not pair.label.isupper()


PREFERENCE = {"inline": 0, "right": 1, "below": 2, "split": 3}


def kv_party_anchors(lines: list[Line]) -> list[PartyAnchor]:
    """Party anchors from one page's key/value pairs: role from the label's meaning
    (co-debtors are debtors), name from the value; a value that itself reads as a label
    (the next label of a row of labels) is no value. One reading per label cell: the value
    beside it before the value under it. Under a heading that means the debtor ("Consumer
    Information"), the first person's name whose label means nothing known is the debtor's:
    the section is about them and the label is a wording the encoder lacks."""
    pairs = [p for p in page_pairs(lines) if normalize(p.label) not in GENERIC_LABELS
             and _name_value(p) is not None]
    headings = section_headings(lines)
    heading_keys = sorted(headings)
    read = meanings([p.label for p in pairs] + [p.value for p in pairs]
                    + [headings[k] for k in heading_keys])
    n = len(pairs)
    label_meanings, value_meanings, heading_meanings = read[:n], read[n:2 * n], read[2 * n:]
    debtor_sections = {k for k, (m, _) in zip(heading_keys, heading_meanings, strict=True)
                       if m == "debtor"}
    chosen: dict[tuple[int, int, int], tuple[tuple[int, float], PartyAnchor]] = {}
    scoped: dict[int, PartyAnchor] = {}  # heading -> its first name under an unknown label
    for pair, (meaning, similarity), (_, value_similarity) in zip(
            pairs, label_meanings, value_meanings, strict=True):
        if value_similarity >= VALUE_IS_LABEL:
            continue
        name = _name_value(pair)
        assert name is not None
        role = PARTY_ROLES.get(meaning)
        if role is None:
            heading = _heading_of(pair, headings)
            if heading in debtor_sections and similarity < MIN_SIMILARITY and \
                    not ORG_SUFFIX_RE.search(name) and \
                    (pair.where != "split" or _case_boundary(pair)):
                held = scoped.get(heading)
                if held is None or pair.line_index < held.line_index:
                    scoped[heading] = PartyAnchor("debtor", name, pair.page, pair.value_bbox,
                                                  pair.line_index, SCORES["codebtor"],
                                                  "kv-section")
            continue
        if pair.where == "split" and similarity < SPLIT_MIN_SIMILARITY:
            continue
        anchor = PartyAnchor(role, name, pair.page, pair.value_bbox, pair.line_index,
                             SCORES[meaning], CO_DEBTOR if meaning == "codebtor" else "kv")
        rank = (PREFERENCE[pair.where], -similarity)
        if pair.cell not in chosen or rank < chosen[pair.cell][0]:
            chosen[pair.cell] = (rank, anchor)
    found = [anchor for _, anchor in chosen.values()]
    for heading, anchor in scoped.items():
        if not any(a.role == "debtor" and heading < a.line_index <= anchor.line_index
                   for a in found):
            found.append(anchor)
    return found

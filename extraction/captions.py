"""Parties in a court caption: "LVNV FUNDING LLC, Plaintiff, v. JANE DOE, Defendant.", inline
or as blocks around a 'v.' cell, or (where OCR lost the 'v.') above each role word."""

from __future__ import annotations

import re

from core.lines import Line
from extraction.column_cells import Cell, cells_box, column_cells
from extraction.party_names import PartyAnchor, clean_name, plausible_name

CAPTION_V_RE = re.compile(r"^(?:v\.?|vs\.?|versus|-\s*against\s*-|against)$", re.IGNORECASE)
CAPTION_ROLE_RE = re.compile(r"^(?:plaintiffs?|defendants?|defendant\(s\)|judgment\s+debtors?|"
                             r"judgment\s+creditors?|petitioners?|respondents?|garnishees?)"
                             r"[,.;:]?$", re.IGNORECASE)
ASSIGNEE_RE = re.compile(r",?\s+(?:as\s+)?(?:assignee|successor|assigned|a/a/o|aao)\b.*$",
                         re.IGNORECASE | re.DOTALL)
DOES_RE = re.compile(r"^(?:and\s+)?does\b|^et\s+al", re.IGNORECASE)
COURT_IN_TEXT_RE = re.compile(r"\bCOURT\b|\bCOUNTY\b.*\b[A-Z]{4,}$|^CASE\b|\bDISTRICT\s+OF\b|"
                              r"^FOR\s+THE\b|^STATE\s+OF\b", re.IGNORECASE)


def caption_parties(lines: list[Line]) -> list[PartyAnchor]:
    """Parties around a 'v.' cell: the block above ends 'Plaintiff,', the one below names the
    defendant (up to its comma, before 'and DOES' or an address)."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        inline = re.search(r"(?P<p>[A-Z][^,]{2,60}?),?\s+plaintiffs?,?\s+(?:v\.?|vs\.?)\s+"
                           r"(?P<d>[A-Z][^,]{2,60}?),?\s+defendants?\b", line.text,
                           re.IGNORECASE)
        if inline:
            for role, key in (("creditor", "p"), ("debtor", "d")):
                name = clean_name(ASSIGNEE_RE.sub("", inline.group(key)))
                if plausible_name(name):
                    out.append(PartyAnchor(role, name, line.page,
                                           line.span_bbox(inline.start(key), inline.end(key)),
                                           index, 0.9, "caption"))
            continue
        for start, end in line.cells():
            if not CAPTION_V_RE.match(line.text[start:end].strip()):
                continue
            x0 = line.span_bbox(start, end)[0]
            above = [c for c in reversed(column_cells(lines, index, x0, -1, loose=True))]
            below = column_cells(lines, index, x0, +1, loose=True)
            plaintiff = _caption_side(above, upward=True)
            defendant = _caption_side(below, upward=False)
            for role, found in (("creditor", plaintiff), ("debtor", defendant)):
                if found is None:
                    continue
                name, cells, role_word = found
                role = _role_from_caption_word(role_word) or role
                out.append(PartyAnchor(role, name, line.page, cells_box(cells),
                                       cells[0].line_index, 0.92, "caption"))
            break
    return out


def caption_by_role_words(lines: list[Line]) -> list[PartyAnchor]:
    """A caption whose 'v.' OCR lost: each 'Plaintiff,' / 'Defendant(s).' cell names the
    party in the cells right above it."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        for start, end in line.cells():
            word = line.text[start:end].strip()
            if not CAPTION_ROLE_RE.match(word):
                continue
            role = _role_from_caption_word(word)
            x0 = line.span_bbox(start, end)[0]
            cells: list[Cell] = []
            for cell in column_cells(lines, index, x0, -1, limit=4, loose=True):
                text = cell.text.strip()
                if CAPTION_V_RE.match(text) or CAPTION_ROLE_RE.match(text) or \
                        COURT_IN_TEXT_RE.search(text):
                    break
                if DOES_RE.match(text):
                    continue
                if cells and text.endswith(",") and role == "debtor":
                    break
                cells.insert(0, cell)
            found = _caption_side(cells, upward=True) if cells else None
            if found is None or role is None:
                continue
            name, kept, _ = found
            out.append(PartyAnchor(role, name, line.page, cells_box(kept),
                                   kept[0].line_index, 0.85, "caption"))
            break
    return out


def _role_from_caption_word(word: str) -> str | None:
    lowered = word.lower()
    if "garnishee" in lowered:
        return "garnishee"
    if "creditor" in lowered or "plaintiff" in lowered or "petitioner" in lowered:
        return "creditor"
    if "debtor" in lowered or "defendant" in lowered or "respondent" in lowered:
        return "debtor"
    return None


def _caption_side(cells: list[Cell], *, upward: bool) -> tuple[str, list[Cell], str] | None:
    """The party name in one side of a caption block (cells in reading order)."""
    role_word = ""
    kept: list[Cell] = []
    if upward:
        # the name ends right before the role word ("Plaintiff,") next to the v. line
        while cells and CAPTION_ROLE_RE.match(cells[-1].text.strip()):
            role_word = cells[-1].text.strip()
            cells = cells[:-1]
        block: list[Cell] = []
        for cell in reversed(cells):
            text = cell.text.strip()
            if COURT_IN_TEXT_RE.search(text) or not text:
                break
            block.insert(0, cell)
        kept = block
    else:
        for cell in cells:
            text = cell.text.strip()
            if CAPTION_ROLE_RE.match(text):
                role_word = text
                break
            if DOES_RE.match(text) or re.match(r"^\d+[A-Za-z]?\s", text):
                break
            kept.append(cell)
            if text.endswith(","):
                break
    if not kept:
        return None
    raw = " ".join(c.text.strip() for c in kept)
    raw = re.sub(r",?\s*(?:plaintiff|defendant)(?:s|\(s\)?)?[,.]?$", "", raw,
                 flags=re.IGNORECASE)
    name = clean_name(ASSIGNEE_RE.sub("", raw))
    if not plausible_name(name):
        return None
    return name, kept, role_word

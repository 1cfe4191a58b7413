"""Parties in a court caption: "LVNV FUNDING LLC, Plaintiff, v. JANE DOE, Defendant.", inline
or as blocks around a 'v.' cell, or (where OCR lost the 'v.') above each role word."""

from __future__ import annotations

import re

from core.lines import Line
from extraction.column_cells import Cell, cells_box, column_cells, without_divider
from extraction.party_names import PartyAnchor, clean_name, looks_like_name, plausible_name

CAPTION_V_RE = re.compile(r"^(?:v\.?|vs\.?|versus|-\s*against\s*-|against)$", re.IGNORECASE)
APPEAL_ROLE = r"appellants?|appellees?"
CAPTION_ROLE_RE = re.compile(r"^(?:(?:plaintiffs?|defendants?|defendant\(s\)|judgment\s+debtors?|"
                             r"judgment\s+creditors?|petitioners?|respondents?|garnishees?)"
                             rf"(?:\s*[-/]\s*(?:{APPEAL_ROLE}))?|{APPEAL_ROLE})[,.;:]?$",
                             re.IGNORECASE)
ASSIGNEE_RE = re.compile(r",?\s+(?:as\s+)?(?:assignee|successor|assigned|a/a/o|aao|d/?b/?a|"
                         r"doing\s+business\s+as)\b.*$", re.IGNORECASE | re.DOTALL)
DOES_RE = re.compile(r"^(?:and\s+)?(?:does\b|(?:any\s+and\s+)?all[.,]?\s+other\s+occupants)|"
                     r"^et\s+al", re.IGNORECASE)
ENDS_WITH_V_RE = re.compile(r"\s(?:vs?\.?|versus)$", re.IGNORECASE)
CAPTION_LINES = 40  # a caption is printed in a page's first lines; later, "In re" is a cite
IN_RE_RE = re.compile(r"^in\s+(?:re|the\s+matter\s+of)\b:?\s*(?P<name>.*?)"
                      r"(?:,?\s*(?:debtors?|debtor\(s\))\.?)?$", re.IGNORECASE)
# The court's heading lines above a caption: the court, its county, courthouse or division
COURT_IN_TEXT_RE = re.compile(r"\bCOURT(?:HOUSE)?\b|\bCOUNTY\b.*\b[A-Z]{4,}$|^CASE\b|"
                              r"\bDISTRICT\s+OF\b|\bJUDICIAL\s+DISTRICT\b|\bDIVISION\b|"
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
        short = SHORT_CAPTION_RE.match(line.text.strip()) if index < 15 else None
        if short and len(line.cells()) == 1:
            out.extend(_short_caption(line, index, short))
            continue
        titled = _titled_caption(line) if index < 15 else None
        if titled is not None:
            out.extend(_short_caption(line, index, titled))
            continue
        for start, end in line.cells():
            cell_text = without_divider(line.text[start:end]).strip()
            in_re = IN_RE_RE.match(cell_text) if index < CAPTION_LINES else None
            if in_re is not None and len(cell_text.split()) <= 10:
                out.extend(_in_re_caption(lines, index, start, end, in_re))
                break
            if not CAPTION_V_RE.match(cell_text):
                continue
            x0 = line.span_bbox(start, end)[0]
            above = [c for c in reversed(column_cells(lines, index, x0, -1, loose=True))]
            below = column_cells(lines, index, x0, +1, loose=True)
            several = _plaintiff_blocks(list(reversed(column_cells(
                lines, index, x0, -1, limit=16, loose=True))))
            sides: list[tuple[str, tuple[str, list[Cell], str] | None]] = \
                [("creditor", found) for found in several] or \
                [("creditor", _caption_side(above, upward=True))]
            sides.append(("debtor", _caption_side(below, upward=False)))
            # an appeal's caption ("X, Appellant, vs. Y, Respondent") does not say who owes
            appeal = any(found is not None and re.fullmatch(rf"(?:{APPEAL_ROLE})\W*",
                                                            found[2], re.IGNORECASE)
                         for _, found in sides)
            for role, found in sides:
                if found is None:
                    continue
                name, cells, role_word = found
                role = "other" if appeal else _role_from_caption_word(role_word) or role
                out.append(PartyAnchor(role, name, line.page, cells_box(cells),
                                       cells[0].line_index, 0.92, "caption"))
            break
    return out


# An appellate or docket-style title on one line: "Reliable Contracting Group v. DVA"
SHORT_CAPTION_RE = re.compile(r"^(?:re:\s*)?(?P<p>[A-Z][\w.,&'\- ]{2,60}?)\s+(?:v\.|vs\.?)\s+"
                              r"(?P<d>[A-Z][\w.,&'\- ]{1,60}?)[.,]?$", re.IGNORECASE)


def _in_re_caption(lines: list[Line], index: int, start: int, end: int, in_re: re.Match
                   ) -> list[PartyAnchor]:
    """A bankruptcy or probate caption: "In re: / JANE ROE, / Debtor." names the debtor
    under it (no plaintiff), or on the same line after "In re"."""
    line = lines[index]
    name = in_re.group("name")
    if name:
        offset = start + line.text[start:end].index(name)
        cells = [Cell(index, offset, offset + len(name), name,
                      line.span_bbox(offset, offset + len(name)))]
    else:
        cells = column_cells(lines, index, line.span_bbox(start, end)[0], +1, loose=True)
    found = _caption_side(cells, upward=False)
    if found is None:
        return []
    name, kept, role_word = found
    return [PartyAnchor(_role_from_caption_word(role_word) or "debtor", name, line.page,
                        cells_box(kept), kept[0].line_index, 0.9, "caption")]


# A form's "Title" field holding the case's one-line title (federal civil minutes:
# "Title  United States of America v. Kimberly A. Aiken     Page 1 of 1")
TITLE_LABEL_RE = re.compile(r"^(?:case\s+)?title\s*:?\s+", re.IGNORECASE)


def _titled_caption(line: Line) -> re.Match | None:
    """The 'X v. Y' after a "Title" label in one cell of the line, if any."""
    for start, end in line.cells():
        cell = line.text[start:end].strip()
        label = TITLE_LABEL_RE.match(cell)
        if label:
            return SHORT_CAPTION_RE.match(cell[label.end():])
    return None


def _short_caption(line: Line, index: int, match: re.Match) -> list[PartyAnchor]:
    """Both sides of a one-line 'X v. Y' title, when each reads as a name."""
    found = []
    for role, key in (("creditor", "p"), ("debtor", "d")):
        name = clean_name(ASSIGNEE_RE.sub("", match.group(key)))
        if not plausible_name(name) or not looks_like_name(name) or DOES_RE.match(name):
            return []
        found.append(PartyAnchor(role, name, line.page, line.span_bbox(
            line.text.index(match.group(key)), line.text.index(match.group(key))
            + len(match.group(key))), index, 0.8, "title"))
    return found


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
            after = [line.text[a:b].strip() for a, b in line.cells() if a >= end]
            if after and looks_like_name(after[0]):
                continue  # "Defendant  JANE ROE": a label beside its name, no caption word
            x0 = line.span_bbox(start, end)[0]
            cells: list[Cell] = []
            for cell in column_cells(lines, index, x0, -1, limit=4, loose=True):
                cell = _left_part(lines[cell.line_index], cell, x0)
                text = cell.text.strip()
                if CAPTION_V_RE.match(text) or CAPTION_ROLE_RE.match(text) or \
                        COURT_IN_TEXT_RE.search(text) or ENDS_WITH_V_RE.search(text):
                    break  # "UNITED STATES OF AMERICA vs.": the other side's name
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


def _left_part(line: Line, cell: Cell, x_role: float) -> Cell:
    """The caption's left part of a line when OCR split a name into cells ("GOLD WYNN" /
    "NORTH TRAILS, LLC") and printed a notice box to its right: every cell from the line's
    start that begins left of the indented role word, joined (in place of a cell of the
    split name, or of the box's text right of the role word)."""
    cells = line.cells()
    if not cells or cells[0][0] == cell.start:
        return cell
    left = [(a, b) for a, b in cells if line.span_bbox(a, b)[0] <= x_role + 8]
    if not left or left[0][0] != cells[0][0]:
        return cell
    if (cell.start, cell.end) not in left and cell.bbox[0] <= x_role + 8:
        return cell
    start, end = left[0][0], left[-1][1]
    text = " ".join(line.text[a:b] for a, b in left)
    return Cell(cell.line_index, start, end, without_divider(text),
                line.span_bbox(start, end))


AND_CELL_RE = re.compile(r"^(?:and|&)$", re.IGNORECASE)
RIGHT_COLUMN_RE = re.compile(r"\s+(?:Case|Civil\s+Action|Cause)\s+No\b.*$", re.IGNORECASE)


def _plaintiff_blocks(cells: list[Cell]) -> list[tuple[str, list[Cell], str]]:
    """Several plaintiffs above a 'v.', in blocks joined by lines that read only 'and'
    ("TRUSTEES OF FUND A / and / TRUSTEES OF FUND B / Plaintiffs,"); [] for one block."""
    cells = [Cell(c.line_index, c.start, c.end, RIGHT_COLUMN_RE.sub("", c.text), c.bbox)
             for c in cells]
    role_word = ""
    while cells and CAPTION_ROLE_RE.match(cells[-1].text.strip()):
        role_word = cells[-1].text.strip()
        cells = cells[:-1]
    block: list[Cell] = []
    for cell in reversed(cells):  # the caption block starts under the court's heading
        if COURT_IN_TEXT_RE.search(cell.text.strip()) or not cell.text.strip():
            break
        block.insert(0, cell)
    groups: list[list[Cell]] = [[]]
    for cell in block:
        if AND_CELL_RE.match(cell.text.strip()):
            groups.append([])
        else:
            groups[-1].append(cell)
    if len(groups) == 1:
        return []  # one block: the caller's single-party reading
    out = []
    for group in groups:
        found = _caption_side(group, upward=True) if group else None
        if found is not None:
            out.append((found[0], found[1], role_word))
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
    if not plausible_name(name) or not starts_capitalized(name):
        return None
    return name, kept, role_word


def starts_capitalized(name: str) -> bool:
    """A party's name starts with a capital or a digit ("herein. 6", a sentence's end that
    OCR set over a stray "v." of a later page, does not)."""
    first = next((c for c in name if c.isalnum()), "")
    return first.isupper() or first.isdigit()

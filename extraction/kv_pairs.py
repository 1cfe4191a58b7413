"""kv_pairs: the (label, value) pairs of a key/value sheet, from geometry alone.

Why: a placement or locate sheet prints each fact as a label and a value, but where the
value sits differs by layout: after a separator in the same cell ("Obligor - Jane Roe"),
in the next cell of the row (a boxed table), in the cell under the label (form cells), or
after a padded label with no separator at all (a fixed-width printout). This module finds
the pairs without knowing any label wording; ``label_meaning`` then says what each label
means. Only text values are paired (names): dates, amounts and numbers carry their labels
as candidates already (``candidates.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line
from extraction.party_names import ORG_SUFFIX_RE

MAX_LABEL_WORDS = 4
MAX_SPLIT_WORDS = 3  # a label run into its value without a separator: at most this long
ALIGN_PT = 6.0  # left edges this close are one column
BELOW_GAP_LINES = 1.6  # the value under a label starts within this many line heights
SEPARATED_RE = re.compile(r"^(?P<label>[^\W\d_][^:\d]{0,40}?)\s*(?::|\s[-–]\s|\s-$|-$)\s*"
                          r"(?P<value>.*)$")


@dataclass(slots=True)
class Pair:
    """A label and the text printed as its value; ``split`` when no separator or cell gap
    parts them (the label is one of several readings of the cell's first words)."""

    label: str
    value: str
    page: int
    line_index: int  # of the value
    value_bbox: BBox
    where: str  # inline | right | below | split | left (a value printed before its label)
    cell: tuple[int, int, int]  # the label's (page, line index, start): one reading each
    boundary: bool = False  # a split reading where the case changes (see ``case_split``)


COLUMN_PT = 1.0  # word starts this close are one printed column
COLUMN_LINES = 3  # short lines that must start a word at an x for it to be a column
SHORT_LINE_WORDS = 10
RAGGED_PT = 3.0  # the text before a column ends this unevenly
# a line is cut only at the columns of the lines around it: a table's column further down the
# page may fall where a label's second word starts ("Owner of debt:")
COLUMN_REACH = 5


def local_columns(lines: list[Line], index: int) -> list[float]:
    """The ``column_starts`` of the lines within COLUMN_REACH of line ``index``."""
    return column_starts(lines[max(0, index - COLUMN_REACH): index + COLUMN_REACH + 1])


def column_starts(lines: list[Line]) -> list[float]:
    """The x at which several short lines start a word after their first, each after text
    of its own length: a second column of a two-column sheet, where the gap before it can
    be narrower than a cell gap. (Words of a monospaced printout start on a character grid;
    there the text before such an x ends at one place in every line, which is no column.)"""
    starts = sorted((w.bbox[0], prev.bbox[2]) for line in lines
                    if len(line.words) <= SHORT_LINE_WORDS
                    for prev, w in zip(line.words, line.words[1:], strict=False))
    columns: list[float] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and starts[j + 1][0] - starts[i][0] <= COLUMN_PT:
            j += 1
        ends = [end for _, end in starts[i:j + 1]]
        if j - i + 1 >= COLUMN_LINES and max(ends) - min(ends) > RAGGED_PT:
            columns.append(starts[i][0])
        i = j + 1
    return columns


Cell = tuple[int, int, str, BBox]  # start, end, text, box of one cell of a line


def _cells(line: Line, columns: list[float] | tuple = ()) -> list[Cell]:
    """The line's cells, also parted where a word starts on a page column."""
    out = []
    for s, e in line.cells():
        cut = s
        i, j = line.word_span(s, e)
        for k in range(i + 1, j):
            if any(abs(line.words[k].bbox[0] - x) <= COLUMN_PT for x in columns):
                end = line.starts[k - 1] + len(line.words[k - 1].text)
                out.append((cut, end))
                cut = line.starts[k]
        out.append((cut, e))
    return [(s, e, line.text[s:e], line.span_bbox(s, e)) for s, e in out]


def line_cells(lines: list[Line], index: int) -> list[tuple[int, int]]:
    """The (start, end) of the cells of line ``index``, also parted where a word starts on
    a column of the lines around it (``local_columns``)."""
    return [(s, e) for s, e, _, _ in _cells(lines[index], local_columns(lines, index))]


# Legal forms that end a company's name ('Acme LLC', 'Bank, N.A.'); LEGAL_FORM_RE adds the
# words that are also the end of a label or a plain word ('Collection Company', 'Co').
LEGAL_FORMS = r"LLC|L\.L\.C\.?|Inc|Corp|N\.A|LP|L\.P|LLP|PLLC|P\.C|Ltd"
# a company's legal form ending a cell: the cell is a company's name, no label
NAME_FORM_RE = re.compile(rf"\s(?:{LEGAL_FORMS})\.?,?$", re.IGNORECASE)


def _label_like(text: str) -> bool:
    """A few words, no digits, starting with a capital and not ending a clause (a caption's
    "Plaintiff," a sentence's "the plaintiff", a title's "Plaintiff's Claim" is no label),
    nor a company's name ending with its legal form (a grid's value over the next value)."""
    words = text.split()
    return (0 < len(words) <= MAX_LABEL_WORDS and not re.search(r"\d|@", text)
            and text[:1].isupper() and not re.search(r"(?:[,.;)\]]|['’]s)$", text.strip())
            and not NAME_FORM_RE.search(text.strip()))


# words in capitals that end a name in mixed case ('Jose Hernandez III', 'Northwind LLC')
SUFFIX_RE = re.compile(r"(?:[IVX]+|JR|SR|ESQ|LLC|L\.L\.C|INC|CORP|CO|LP|LLP|PLLC|N\.A|NA|PC|"
                       r"P\.C|USA|US)\.?,?")


def word_case(word: str) -> str:
    """'U' for a word in capitals, 'T' for a capital then small letters, else ''."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return ""
    if all(c.isupper() for c in letters):
        return "U"
    return "T" if letters[0].isupper() and any(c.islower() for c in letters[1:]) else ""


def _initials_of_a_company(words: list[str]) -> bool:
    """Capitals that end a company's name in mixed case: initials or a series number of
    four letters at most before its legal form ('Keystone SPV IV LLC', 'Hudson DFS Inc.'),
    no value run into a label."""
    return len(words) >= 2 and LEGAL_FORM_RE.fullmatch(words[-1]) is not None and all(
        len(re.sub(r"[^A-Za-z]", "", w)) <= 4 for w in words[:-1])


def case_split(text: str) -> int | None:
    """The number of first words that are a label run into its value where the case
    changes: a label in capitals before a name in mixed case ('CARDHOLDER Irma Alcantar',
    'HOLDER Redwood Recovery LLC') or a label in mixed or sentence case before a name in
    capitals ('Responsible Party JANE ROE', 'Principal client JANE ROE'). A printout sets
    labels in one case and values in another, so no separator is needed to see where the
    label ends."""
    words = text.split()
    cases = [word_case(w) for w in words]
    for k in range(1, min(MAX_SPLIT_WORDS, len(words) - 1) + 1):
        head, tail = cases[:k], cases[k:]
        if all(c == "U" for c in head) and tail[0] == "T":
            return k
        if head[0] == "T" and all(c in ("T", "") for c in head) and \
                all(c == "U" for c in tail) and \
                not all(SUFFIX_RE.fullmatch(w) for w in words[k:]) and \
                not _initials_of_a_company(words[k:]):
            return k  # ('Jose Hernandez III' is one name: a suffix is no value)
    return None


def _aligned_below(lines: list[Line], index: int, x: float, columns: list[float] | tuple
                   ) -> tuple[list[Cell], int] | None:
    """The cells of the line under line ``index`` (when it follows closely) and the index of
    the one starting in the column at ``x``; None when there is none."""
    if index + 1 >= len(lines):
        return None
    line, below = lines[index], lines[index + 1]
    if below.top - line.bottom > BELOW_GAP_LINES * line.height:
        return None
    cells = _cells(below, columns)
    at = next((k for k, c in enumerate(cells) if abs(c[3][0] - x) <= ALIGN_PT), None)
    return None if at is None else (cells, at)


def _cell_below(lines: list[Line], index: int, bbox: BBox, columns: list[float] | tuple
                ) -> Cell | None:
    """The cell under a label, starting in its column; not a label/value pair itself."""
    aligned = _aligned_below(lines, index, bbox[0], columns)
    if aligned is None:
        return None
    cells, at = aligned
    cell = cells[at]
    if SEPARATED_RE.match(cell[2]) or case_split(cell[2]) is not None or \
            (at + 1 < len(cells) and re.match(r"\s*[:#–-]", cells[at + 1][2])):
        return None  # the cell under is a label with its own value (padded to its ':')
    if len(lines[index].cells()) == 1 and _rows_of_cells(lines, index + 1):
        return None  # a lone heading over rows of labels with their values beside them
    return cell


def _rows_of_cells(lines: list[Line], index: int) -> bool:
    """Line ``index`` is a row of three cells or more, or of two over another row of two
    or more starting at its left edge: a table's rows, each cell no value of a lone label
    above (a boxed sheet's 'Debtor' heading over 'Responsible Party | Jane Roe | DOB |
    ...')."""
    line = lines[index]
    if len(line.cells()) >= 3:
        return True
    if len(line.cells()) < 2 or index + 1 >= len(lines):
        return False
    below = lines[index + 1]
    return len(below.cells()) >= 2 and below.top - line.bottom <= BELOW_GAP_LINES * line.height \
        and abs(below.bbox[0] - line.bbox[0]) <= ALIGN_PT


SMALL_PRINT = 0.88  # a label this much smaller than the print under it is a form's label


def small_over(label: BBox, beside: BBox, under: BBox) -> bool:
    """A label in small print over a value in larger print, with a cell in the same small
    print beside it: a row of labels over a row of values, the cell beside is the next
    label, not this one's value."""
    height = label[3] - label[1]
    return height <= SMALL_PRINT * (under[3] - under[1]) and \
        abs((beside[3] - beside[1]) - height) <= 0.05 * height


def value_under_small_label(lines: list[Line], index: int, label: BBox, beside: BBox
                            ) -> tuple[str, BBox] | None:
    """Where the label at ``label`` on line ``index`` is a small label in a row of labels
    (``small_over``: the cell ``beside`` it is the next label), the cell under it: its value."""
    found = _cell_below(lines, index, label, local_columns(lines, index))
    if found is None or not small_over(label, beside, found[3]):
        return None
    return found[2], found[3]


def _heads_a_column(lines: list[Line], index: int, bbox: BBox,
                    columns: list[float] | tuple) -> bool:
    """A cell over a label with its own value in its column, or over a column of cells
    that each print a label and its value (``heads_pairs``), heads that column (a
    two-column sheet's section headings share a row): it is no value of the cell before."""
    aligned = _aligned_below(lines, index, bbox[0], columns)
    if aligned is None:
        return False
    cells, at = aligned
    cell = cells[at]
    match = SEPARATED_RE.match(cell[2])
    return bool(match and match.group("value").strip()) or case_split(cell[2]) is not None \
        or heads_pairs(lines, index, bbox[0], columns)


MONTH_RE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
                      re.IGNORECASE)
LABEL_WORD_RE = re.compile(r"[^\W\d_][^\s\d@]*")  # 'Birth', 'SS#', 'sec.', 'E-Mail'
PAIRS_BELOW = 4  # cells under a heading that show it heads a column of pairs
MIN_PAIRS_BELOW = 2


def holds_pair(text: str) -> bool:
    """A cell that prints a label and its value in one: after a separator ('Debtor: Jane
    Roe'), across a change of case ('CARDHOLDER Irma Alcantar'), or a label's few words
    before a value with digits or an '@' ('Birth date October 14, 1955', 'SS# xxx-1931');
    a date's month before its day is no label."""
    text = text.strip()
    match = SEPARATED_RE.match(text)
    if match:
        return bool(match.group("value").strip())
    if case_split(text) is not None:
        return True
    words = text.split()
    k = next((i for i, w in enumerate(words) if re.search(r"[\d@]", w)), 0)
    if k and MONTH_RE.fullmatch(words[k - 1]):
        k -= 1  # the date's month: the label ends before it ('Date Opened February 10')
    return 1 <= k <= MAX_LABEL_WORDS and words[0][:1].isupper() and \
        all(LABEL_WORD_RE.fullmatch(w) for w in words[:k])


def heads_pairs(lines: list[Line], index: int, x: float, columns: list[float] | tuple = ()
                ) -> bool:
    """The cells under x, on the close lines under line ``index``, print labels with their
    values (``holds_pair``), at least MIN_PAIRS_BELOW of the first PAIRS_BELOW: the cell
    at x on line ``index`` heads a column of pairs (a section heading), it is neither the
    label of the cell under it nor the value of the cell before it."""
    found = 0
    for k in range(index, min(index + PAIRS_BELOW, len(lines) - 1)):
        aligned = _aligned_below(lines, k, x, columns)
        if aligned is None:
            break
        cells, at = aligned
        found += holds_pair(cells[at][2])
    return found >= MIN_PAIRS_BELOW


def among_pairs(lines: list[Line], index: int, x: float) -> bool:
    """The cell at ``x`` on line ``index`` has a neighbour in its column, on the close line
    above or under it, that prints a label and its value in one cell (``holds_pair``): it
    is in a list of labels run into their values, no title or value of a form's box."""
    columns = local_columns(lines, index)
    below = _aligned_below(lines, index, x, columns)
    if below is not None and holds_pair(below[0][below[1]][2]):
        return True
    if index == 0 or _aligned_below(lines, index - 1, x, columns) is None:
        return False  # (the line above is far, or prints nothing in this column)
    return any(abs(c[3][0] - x) <= ALIGN_PT and holds_pair(c[2])
               for c in _cells(lines[index - 1], columns))


def heading_cells(lines: list[Line], index: int) -> list[tuple[float, str]]:
    """(left x, text) of the cells of line ``index`` where it is a row of section headings:
    two cells or more, each a few words without digits, each heading a column of pairs
    (``heads_pairs``), as a two-column sheet prints its sections' headings on one row ('Who
    Owes  File Summary'); else []."""
    columns = local_columns(lines, index)
    cells = _cells(lines[index], columns)
    if len(cells) >= 2 and all(
            0 < len(text.split()) <= MAX_LABEL_WORDS and not re.search(r"[\d@$]", text)
            and heads_pairs(lines, index, box[0], columns) for _, _, text, box in cells):
        return [(box[0], text.strip()) for _, _, text, box in cells]
    return []


def heading_row(lines: list[Line], index: int) -> bool:
    """Line ``index`` is a row of section headings (``heading_cells``)."""
    return bool(heading_cells(lines, index))


def _label_wrap(lines: list[Line], index: int, label: BBox, value: BBox,
                columns: list[float] | tuple) -> str:
    """' CREDITOR' where a boxed label wraps ('ORIGINAL' over 'CREDITOR:'): the cell under
    the label, in its column, one or two words ending with the separator, with nothing
    under the value beside it; else ''."""
    aligned = _aligned_below(lines, index, label[0], columns)
    if aligned is None:
        return ""
    cells, at = aligned
    text = cells[at][2].strip()
    if not re.fullmatch(r"[^\W\d_][\w'./&-]*(?:\s[\w'./&-]+)?\s*:", text) or any(
            c[3][0] < value[2] and c[3][2] > value[0] for c in cells[at + 1:]):
        return ""
    return " " + text.rstrip(": ")


LEGAL_FORM_RE = re.compile(rf"\b(?:{LEGAL_FORMS}|Corporation|Company|Co|NA)\.?,?$",
                           re.IGNORECASE)


def _wrapped(lines: list[Line], index: int, value: str, vbox: BBox) -> tuple[str, BBox]:
    """A company's name wrapped in its box onto the next line ('CAVENDISH PORTFOLIO' over
    'FUNDING LLC'): the value on line ``index`` with the close line under it joined, where
    the value reads as a company without its legal form (a company word, or cut after 'and')
    and that line holds, in the value's column, only one to three words ending with a legal
    form; else the value as it is."""
    if LEGAL_FORM_RE.search(value.strip()) or index + 1 >= len(lines) or \
            re.search(r"[:#–-]\s*$", value) or SEPARATED_RE.match(value):
        # (a value that is itself a label has its own value under it)
        return value, vbox
    company = bool(ORG_SUFFIX_RE.search(value) or re.search(r"\b(?:and|&|of)$", value.strip(),
                                                            re.IGNORECASE))
    # (else a person's name, or a company's already whole: the line under it is the next
    # value, where they work; only a legal form alone under it ends it: 'LLC')
    line, below = lines[index], lines[index + 1]
    if below.top - line.bottom > BELOW_GAP_LINES * line.height:
        return value, vbox
    for s, e in below.cells():
        box = below.span_bbox(s, e)
        text = below.text[s:e].strip()
        if abs(box[0] - vbox[0]) > ALIGN_PT:
            continue
        if not company and not (LEGAL_FORM_RE.fullmatch(text) and len(value.split()) >= 2):
            break
        if 1 <= len(text.split()) <= 3 and LEGAL_FORM_RE.search(text) and \
                not re.search(r"[\d:@]", text):
            return f"{value.strip()} {text}", (min(vbox[0], box[0]), vbox[1],
                                               max(vbox[2], box[2]), box[3])
        break
    return value, vbox


def wrapped_value(lines: list[Line], index: int, value: str, vbox: BBox) -> tuple[str, BBox]:
    """``_wrapped``: a company's name with the rest of it wrapped onto the next line."""
    return _wrapped(lines, index, value, vbox)


def label_wrap(lines: list[Line], index: int, label: BBox, value: BBox) -> str:
    """``_label_wrap`` with the columns around line ``index``: ' BALANCE' where a boxed
    label ('REMAINING') wraps onto the next line ('BALANCE:'), else ''."""
    return _label_wrap(lines, index, label, value, local_columns(lines, index))


TRAILING_LABEL_RE = re.compile(r"^(?P<label>[^\W\d_][^:\d]{0,40}?)\s*(?::|\s[-–]|-)$")
LABELS_AFTER = 3  # lines near a line that print a value then its label: the sheet's way


def _label_after(cells: list[Cell]) -> str | None:
    """The label of a line whose last cell is a label ending with its separator and nothing
    after it, after another cell ('Luis Mathis    Guarantor -'); else None."""
    if len(cells) < 2:
        return None
    match = TRAILING_LABEL_RE.match(cells[-1][2].strip())
    return match.group("label") if match and _label_like(match.group("label")) else None


VALUE_RE = re.compile(r"[\d@$%]")  # a cell that prints a number, a date, an amount, an e-mail


def _bare_label_after(cells: list[Cell]) -> str | None:
    """The label of a line of two cells whose second is a label without a separator
    ('Kelly Pirece    Consumer', '$39.00    Fees and penalties'); else None."""
    if len(cells) != 2:
        return None
    text = cells[1][2].strip()
    bare = re.sub(r"(\b[^\W\d_]{2,4})\.$", r"\1", text)  # an abbreviation ('Security no.')
    return text if _label_like(bare) and not SEPARATED_RE.match(text) else None


def _value_then_label(cells: list[Cell]) -> bool:
    """A line of two cells: a value with digits or an '@', then a label without a
    separator ('12/07/1967    DOB')."""
    return _bare_label_after(cells) is not None and bool(VALUE_RE.search(cells[0][2])) and \
        not holds_pair(cells[0][2])  # ('Phone 602-555-0147  Mobile' prints its own label)


def _label_then_value(cells: list[Cell]) -> bool:
    """A line of two cells: a label, then a value with digits or an '@' ('DOB  12/07/1967')."""
    return len(cells) == 2 and _label_like(cells[0][2].strip().rstrip(":")) and \
        bool(VALUE_RE.search(cells[1][2]))


def labels_after_values(lines: list[Line], index: int, columns: list[float] | tuple = ()
                        ) -> bool:
    """The lines within COLUMN_REACH of line ``index`` print their values before their
    labels (``_label_after``), LABELS_AFTER of them at least: a sheet set value first."""
    near = range(max(0, index - COLUMN_REACH), min(len(lines), index + COLUMN_REACH + 1))
    return sum(_label_after(_cells(lines[k], columns)) is not None for k in near) \
        >= LABELS_AFTER


BLOCK_LABELS_AFTER = 2  # lines of one block that print a number before its bare label


def _lone_heading(cells: list[Cell]) -> bool:
    """A line of one cell of a few words without digits: a block's heading."""
    return len(cells) == 1 and 0 < len(cells[0][2].split()) <= MAX_LABEL_WORDS and \
        not VALUE_RE.search(cells[0][2])


def _own_block(lines: list[Line], index: int, columns: list[float] | tuple) -> list[int]:
    """The lines within COLUMN_REACH of line ``index`` up to the block headings around it
    (``_lone_heading``): a contacts table under its own heading ('Numbers' over '602-555-0147
    Mobile') is no evidence of how the block above it prints its pairs."""
    out = [index]
    for step in (-1, 1):
        k = index + step
        while 0 <= k < len(lines) and abs(k - index) <= COLUMN_REACH and \
                not _lone_heading(_cells(lines[k], columns)):
            out.append(k)
            k += step
    return out


def bare_labels_after_values(lines: list[Line], index: int, columns: list[float] | tuple = ()
                             ) -> bool:
    """The lines of line ``index``'s own block (``_own_block``) print a value with digits
    before a label with no separator (``_value_then_label``), BLOCK_LABELS_AFTER of them at
    least and more than print a label before such a value: a block set value first without
    separators, where only the values that are numbers show which cell is the label. A block
    that prints a label before such a value is set label first; one with no line of either
    kind (a name and a company) goes the page's way (LABELS_AFTER lines at least, more than
    the other way)."""
    cells = [_cells(lines[k], columns) for k in _own_block(lines, index, columns)]
    after = sum(_value_then_label(c) for c in cells)
    before = sum(_label_then_value(c) for c in cells)
    if after >= BLOCK_LABELS_AFTER and after > before:
        return True
    if before:
        return False
    # a block too short to tell (a name and a company): the page's way, by its lines
    page = [_cells(line, columns) for line in lines]
    after = sum(_value_then_label(c) for c in page)
    return after >= LABELS_AFTER and after > sum(_label_then_value(c) for c in page)


def line_pairs(lines: list[Line], index: int, columns: list[float] | tuple = ()) -> list[Pair]:
    """Every reading of line ``index`` as labels with values: the value after a separator,
    in the next cell, in the cell under the label, or run into the label; on a sheet that
    prints values first (``labels_after_values``), the cell before a label ending with its
    separator, and no other reading of the line. A label cell may have several readings;
    the caller keeps the one whose label and value make sense (a row of labels over a row
    of values has the next label beside each label)."""
    line = lines[index]
    cells = _cells(line, columns)
    out: list[Pair] = []
    trailing = _label_after(cells)
    if trailing is not None and labels_after_values(lines, index, columns):
        _, _, value, vbox = cells[-2]
        return [Pair(trailing, value.strip(), line.page, index, vbox, "left",
                     (line.page, index, cells[-1][0]))]
    bare = _bare_label_after(cells)
    if bare is not None and bare_labels_after_values(lines, index, columns):
        _, _, value, vbox = cells[0]
        return [Pair(bare, value.strip(), line.page, index, vbox, "left",
                     (line.page, index, cells[-1][0]))]
    for c, (start, end, text, bbox) in enumerate(cells):
        key = (line.page, index, start)
        match = SEPARATED_RE.match(text)
        if match and re.search(r"[^\W_]", match.group("value")):
            v0 = start + match.start("value")
            value, vbox = _wrapped(lines, index, match.group("value").strip(),
                                   line.span_bbox(v0, end))
            out.append(Pair(match.group("label"), value, line.page, index, vbox, "inline",
                            key))
            continue
        label = match.group("label") if match else text
        if not match:
            out += _split_readings(line, index, start, end)
        if not _label_like(label):
            continue
        if not match and c + 1 < len(cells):
            label = label + _label_wrap(lines, index, bbox, cells[c + 1][3], columns)
        beside = cells[c + 1][2] if c + 1 < len(cells) else ""
        # a label with a number or an e-mail beside it has its value: the cell under it is
        # the next row's
        found = None if re.search(r"[\d@]", beside) or \
            heads_pairs(lines, index, bbox[0], columns) else _cell_below(lines, index, bbox,
                                                                         columns)
        if c + 1 < len(cells) and not _heads_a_column(lines, index, cells[c + 1][3], columns) \
                and not (found is not None and small_over(bbox, cells[c + 1][3], found[3])):
            _, _, value, vbox = cells[c + 1]
            value, vbox = _wrapped(lines, index, value, vbox)
            out.append(Pair(label, value, line.page, index, vbox, "right", key))
        if found is not None:
            value, vbox = _wrapped(lines, index + 1, found[2], found[3])
            out.append(Pair(label, value, line.page, index + 1, vbox, "below", key))
    return out


LABEL_GOES_ON_RE = re.compile(r"of|and|&|the", re.IGNORECASE)  # no label ends with these
LABEL_ENDS_RE = re.compile(r"of|and|&|by|to|for|from|at|on|with|in", re.IGNORECASE)  # nor
# does a name start with these ('Owed To', 'Referred By': the label's last word)


def _split_readings(line: Line, index: int, start: int, end: int) -> list[Pair]:
    """'Responsible Party JANE ROE': the first one to three words as a label, the rest as
    its value (a padded label whose gap is narrower than a cell gap)."""
    text = line.text[start:end]
    words = text.split()
    boundary = case_split(text)
    out = []
    for k in range(1, min(MAX_SPLIT_WORDS, len(words) - 1) + 1):
        label = " ".join(words[:k])
        if not _label_like(label):
            break
        if LABEL_GOES_ON_RE.fullmatch(words[k - 1]) or not words[k][:1].isupper() or \
                LABEL_ENDS_RE.fullmatch(words[k]):
            continue  # a label goes on after 'of' ('Creditor of Record') and ends with
            # 'by' ('Referred By'); a name starts with a capital and with no preposition
            # ('Creditor' -> 'of Record Keystone SPV IV LLC' is no reading)
        if boundary is not None and k != boundary:
            continue  # a reading across the change of case cuts the label or the value
        offset = start + len(" ".join(words[:k])) + 1
        out.append(Pair(label, line.text[offset:end], line.page, index,
                        line.span_bbox(offset, end), "split", (line.page, index, start),
                        boundary is not None))
    return out


def page_pairs(lines: list[Line]) -> list[Pair]:
    """The readings of every line of one page as label/value pairs."""
    return [pair for index in range(len(lines))
            for pair in line_pairs(lines, index, local_columns(lines, index))]

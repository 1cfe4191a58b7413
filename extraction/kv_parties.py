"""kv_parties: parties named by key/value pairs whose label means a party.

Why: the label rules (``labelled_parties``) know a fixed set of role words; a sheet that
prints "Obligor", "Co-Applicant" or "Place of Work" beside, over or run into a name is read
here instead, by geometry (``kv_pairs``) and the label's meaning (``label_meaning``). A
cell with several readings (a padded label run into its value) keeps the reading whose
label means a party most surely.
"""

from __future__ import annotations

import re
from itertools import pairwise

from core.lines import Line
from extraction.contacts import CO_DEBTOR, DOB_RE
from extraction.kv_pairs import (
    ALIGN_PT,
    NAME_FORM_RE,
    SEPARATED_RE,
    Pair,
    among_pairs,
    heading_cells,
    page_pairs,
    word_case,
)
from extraction.label_meaning import MIN_SIMILARITY, PARTY_ROLES, lean, normalize, readings
from extraction.letterhead import signature_lines
from extraction.parsers import EMAIL_RE, ssn_last4
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
VALUE_IS_LABEL = 0.75  # a company's name this close to a prototype reads as a label itself
# (a person's name is near no label: one at MIN_SIMILARITY is a label or a heading)
RUN_IN_LABEL = 0.4  # a label run into a name with no separator reads at least this close
RUN_IN_MEANINGS = ("debtor", "codebtor")  # to a person's label
HEADING_REACH = 12  # lines under a section heading that it may scope


HYPHENATED_RE = re.compile(r"[^\W\d_][^\W\d_']+(?:-[^\W\d_][^\W\d_']+)+")  # 'Collins-Barron'


def _name_value(pair: Pair) -> str | None:
    """The pair's value as a name: two to seven words, or one hyphenated word of
    capitalized parts ('Collins-Barron': a firm named for its partners; kept only where the
    label means a company's role, ``ORG_MEANINGS``)."""
    name = clean_name(pair.value)
    if not plausible_name(name) or not looks_like_name(name):
        return None
    if not 2 <= len(name.split()) <= 7 and not (
            HYPHENATED_RE.fullmatch(name) and all(p[:1].isupper() for p in name.split("-"))):
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
                and not (separated and separated.group("value")) \
                and not _label_over_value(lines, index):
            out[index] = text
    return out


def _label_over_value(lines: list[Line], index: int) -> bool:
    """Line ``index`` is a label whose value is the line under it: that line is one bare
    value (one cell starting where the label does, its first word printing a digit or an
    '@', no label of its own: "SSN/TIN" over "***-**-1519"); a heading heads lines of
    labels ("Claim" over "LPD - 06/18/2022"), not one bare value."""
    if index + 1 >= len(lines):
        return False
    line, below = lines[index], lines[index + 1]
    words = below.text.split()
    return len(below.cells()) == 1 and abs(below.bbox[0] - line.bbox[0]) <= ALIGN_PT and \
        bool(words) and bool(re.search(r"[\d@]", words[0])) and \
        below.top - line.bottom <= 1.5 * max(line.height, 1.0)


def _label_x(lines: list[Line], pair: Pair) -> float:
    """The left edge of the cell that prints the pair's label."""
    _, index, start = pair.cell
    return lines[index].span_bbox(start, start + 1)[0]


def _case_boundary(pair: Pair) -> bool:
    """A label run into its value is told apart by case ('Responsible Party JANE ROE',
    'CARDHOLDER Irma Alcantar': ``kv_pairs.case_split``)."""
    return pair.boundary


PREFERENCE = {"inline": 0, "right": 1, "left": 1, "below": 2, "split": 3}
ACCOUNT_NUMBER_RE = re.compile(r"\d{6,}")  # an account, file or reference number
PERSON = "kv-person"  # a person's name printed among the debtor's own facts
AMONG = "kv-among"  # an organisation printed among them (where the debtor works)
ORG = "kv-org"  # an organisation printed among the account's facts (who is owed)


def _fact_cells(line: Line, fact) -> list[float]:
    """Left x of the cells of ``line`` that print ``fact`` (a test on text): a cell alone,
    or a cell with the cell after it (a label beside its value); every cell's x where the
    line prints the fact across more cells than that."""
    cells = [(line.span_bbox(s, e)[0], line.text[s:e]) for s, e in line.cells()]
    xs = [x for i, (x, text) in enumerate(cells)
          if fact(text) or (i + 1 < len(cells) and fact(f"{text} {cells[i + 1][1]}")
                            and not fact(cells[i + 1][1]))]
    return xs or ([x for x, _ in cells] if fact(line.text) else [])


def _grid_fact_cells(lines: list[Line], index: int, fact) -> list[float]:
    """Left x of the cells of line ``index`` that print ``fact`` with the label over them,
    where the line above is a row of labels (``label_row``): the label's cell starts within
    ALIGN_PT of the value's."""
    if not label_row(lines, index - 1):
        return []
    above, line = lines[index - 1], lines[index]
    labels = [(above.span_bbox(s, e)[0], above.text[s:e]) for s, e in above.cells()]
    out = []
    for s, e in line.cells():
        x = line.span_bbox(s, e)[0]
        label = next((t for lx, t in labels if abs(lx - x) <= ALIGN_PT), None)
        if label is not None and fact(f"{label} {line.text[s:e]}"):
            out.append(x)
    return out


def person_fact(text: str) -> bool:
    """A text that prints a fact only a person has: an SSN, an e-mail, a birth date."""
    return bool(ssn_last4(text) or EMAIL_RE.search(text)
                or (DOB_RE.search(text) and re.search(r"\d", text)))


WHOLE = (float("-inf"), float("inf"))


class Sections:
    """The sections of one page, column by column. A heading is one short cell without
    digits on its line that is neither a label waiting for its value ("Date Born:") nor the
    value under such a label (a heading-like line right above), or a cell of a row of
    headings (``kv_pairs.heading_cells``: a two-column sheet's 'Who Owes  File Summary').
    A row of headings parts the page into columns, each cell's section reaching from its
    left edge to the next cell's; a one-cell heading under it heads only its own column
    while the other columns go on beside it, else the whole width again."""

    def __init__(self, lines: list[Line]) -> None:
        one_cell = section_headings(lines)
        # (line, left, right, text, starts a section)
        self.heads: list[tuple[int, float, float, str, bool]] = []
        spans: list[tuple[float, float]] = []  # the columns of the last row of headings
        for index, line in enumerate(lines):
            row = heading_cells(lines, index)
            if row:
                xs = [x - ALIGN_PT for x, _ in row]
                spans = [(xs[i] if i else WHOLE[0], xs[i + 1] if i + 1 < len(xs) else WHOLE[1])
                         for i in range(len(xs))]
                self.heads += [(index, lo, hi, text, True)
                               for (lo, hi), (_, text) in zip(spans, row, strict=True)]
                continue
            if index not in one_cell:
                continue
            text = one_cell[index]
            starts = index - 1 not in one_cell and not re.search(r"[:\-–]\s*$", text)
            span = WHOLE
            x = line.bbox[0]
            own = next((sp for sp in spans if sp[0] <= x < sp[1]), None)
            beside = own is not None and any(
                not own[0] <= lines[k].span_bbox(s, e)[0] < own[1]
                for k in range(index + 1, min(index + 3, len(lines)))
                for s, e in lines[k].cells())
            if own is not None and beside:
                span = own
            elif starts:
                spans = []
            self.heads.append((index, span[0], span[1], text, starts))

    def at(self, line_index: int, x: float) -> int:
        """The section (its heading's number in ``heads``, -1 before any) that the text at
        ``x`` on line ``line_index`` is in."""
        return next((k for k in range(len(self.heads) - 1, -1, -1)
                     if self.heads[k][4] and self.heads[k][0] <= line_index
                     and self.heads[k][1] <= x < self.heads[k][2]), -1)

    def heading_of(self, line_index: int, x: float) -> int | None:
        """The nearest heading (any heading-like line) within HEADING_REACH lines above the
        text at ``x`` on line ``line_index``, over its column."""
        return next((k for k in range(len(self.heads) - 1, -1, -1)
                     if line_index - HEADING_REACH <= self.heads[k][0] < line_index
                     and self.heads[k][1] <= x < self.heads[k][2]), None)

    def holding(self, lines: list[Line], fact) -> set[int]:
        """The sections of the cells that print ``fact`` (a test on a text), read with the
        label over them where the line is a row of values under a row of labels (a grid:
        'DOB' over '1991-10-13')."""
        return {self.at(i, x) for i, line in enumerate(lines)
                for x in _fact_cells(line, fact) + _grid_fact_cells(lines, i, fact)}


def label_row(lines: list[Line], index: int) -> bool:
    """Line ``index`` is a row of labels over a row of values: two cells or more, each a few
    words without digits, over a line of two cells or more (values close together may
    share a cell of the line), and no cell a label with its colon beside its value."""
    if not 0 <= index < len(lines) - 1:
        return False
    line, below = lines[index], lines[index + 1]
    cells = [line.text[s:e].strip() for s, e in line.cells()]
    # 'ORIGINAL LENDER:' beside 'Pinecrest Credit Union' is a label and its value
    paired = any(a.endswith(":") and not b.endswith(":") for a, b in pairwise(cells))
    return len(cells) >= 2 and len(below.cells()) >= 2 and not paired and all(
        0 < len(c.split()) <= 4 and not re.search(r"[\d@$]", c) for c in cells)


CO_PREFIX_RE = re.compile(r"co[-\s](?=[a-z])", re.IGNORECASE)  # 'Co-Borrower', 'Co Maker'
ORG_MEANINGS = ("creditor", "original", "employer")  # meanings whose value is a company
SPLIT_MARGIN = 0.1  # a split reading this much surer than the cell's others is its label


def _clearest_splits(pairs: list[Pair], label_readings: list) -> dict[int, bool]:
    """id(pair) -> the pair is a split reading (a label run into its value, no separator)
    whose label means a party and reads as a label clearly more than any other split of
    its cell, or is its only one ('Place of Employment' before 'Sanchez Ltd LLC', over
    'Place'; 'Place of' ends in a connector, no label):
    where the first words of a cell read as a label only up to one word, the cut is
    there, even when the label is not near enough a prototype to be sure on its own."""
    by_cell: dict[tuple[int, int, int], list[float]] = {}
    for pair, reading in zip(pairs, label_readings, strict=True):
        if pair.where == "split":
            by_cell.setdefault(pair.cell, []).append(reading.similarity)
    out = {}
    for pair, reading in zip(pairs, label_readings, strict=True):
        others = list(by_cell.get(pair.cell, []))
        if pair.where == "split" and reading.similarity in others:
            others.remove(reading.similarity)
        out[id(pair)] = pair.where == "split" and \
            reading.similarity >= MIN_SIMILARITY and not reading.unknown and \
            all(reading.similarity - o >= SPLIT_MARGIN for o in others)
    return out


SIM_TIE = 0.03  # readings of one cell this close in meaning are equally sure


def _one_case(label: str) -> bool:
    """The label's capitalized words share one case ('Responsible Party', 'DEBTOR NAME';
    not 'Principal client GRANITE', whose last word is the value's)."""
    cases = {word_case(w) for w in label.split()} - {""}
    return len(cases) <= 1


def _best_reading(options: list[tuple[tuple[int, int], float, str, PartyAnchor]]
                  ) -> PartyAnchor:
    """Of one label cell's readings (rank, the label's similarity, the label, anchor): the
    best rank (a known meaning before the structure's, beside before under before run in),
    then the label that reads most surely; of readings that read equally surely (within
    SIM_TIE: 'Debtor' and 'Debtor Name' before 'James Smith', 'Responsible' and
    'Responsible Party' before 'Timothy A. Park'), the whole label in one case, since the
    name starts after it."""
    top = min(o[0] for o in options)
    ranked = [o for o in options if o[0] == top]
    best = max(ranked, key=lambda o: o[1])
    tied = [o for o in ranked if o[1] >= best[1] - SIM_TIE and (o is best or _one_case(o[2]))]
    return max(tied, key=lambda o: (len(o[2].split()), o[1]))[3]


SHEET_TYPES = ("placement", "other")  # documents whose structure may be read as a sheet's


def kv_party_anchors(lines: list[Line], doc_type: str = "placement") -> list[PartyAnchor]:
    """Party anchors from one page's key/value pairs: role from the label's meaning
    (co-debtors are debtors), name from the value; a value that itself reads as a label
    (the next label of a row of labels) is no value. One reading per label cell: the value
    beside it before the value under it. Under a heading that means the debtor ("Consumer
    Information"), the first person's name whose label means nothing known is the debtor's:
    the section is about them and the label is a wording the encoder lacks.

    Where a label's meaning is unknown (no prototype reaches it), the sheet's structure
    decides: a section that prints a person's own facts (SSN, e-mail, birth date) is about
    the debtor, so a person named there is the debtor (the first one) or a co-debtor, and an
    organisation named there is where they work; an organisation named in another section
    beside an account or file number is whom the account is owed to (``ORG``; the pipeline
    keeps it only where nothing else names a creditor). A debtor printed after the page's
    first debtor is a co-debtor. A letter's signature block (the lines under "Sincerely,")
    holds the signer's title and name, no pairs. The structure is read only on a document
    typed as a sheet (``SHEET_TYPES``): a court form (a claim, a summons) prints "Name:"
    boxes for every party, its sections are no debtor's."""
    signed = signature_lines(lines)  # a signer's title over its name is no label
    all_pairs = [p for p in page_pairs(lines) if p.cell[1] not in signed]
    pairs = [p for p in all_pairs if _name_value(p) is not None]
    page_sections = Sections(lines)
    heads = page_sections.heads
    read = readings([p.label for p in pairs] + [p.value for p in pairs]
                    + [head[3] for head in heads])
    n = len(pairs)
    label_readings, value_readings, heading_readings = read[:n], read[n:2 * n], read[2 * n:]
    debtor_sections = {k for k, r in enumerate(heading_readings) if r.meaning == "debtor"}
    person_sections = page_sections.holding(lines, person_fact)
    numbered = page_sections.holding(lines, ACCOUNT_NUMBER_RE.search)
    # labels the page prints before a number, a date, an e-mail or a known party: a value
    # that reads as one of them is the next label of a row of labels, no name (a cell over
    # another is no such label: a grid's value has the next row's value under it, and a
    # cell of a row of values under a row of labels is a value, whatever is beside it)
    printed_labels = {normalize(p.label) for p in all_pairs if p.where != "below"
                      and _name_value(p) is None and re.search(r"[\d@]", p.value)
                      and not label_row(lines, p.line_index - 1)}
    printed_labels |= {normalize(p.label) for p, r in zip(pairs, label_readings, strict=True)
                       if r.meaning in PARTY_ROLES}
    clearest_split = _clearest_splits(pairs, label_readings)
    all_labels = {normalize(p.label) for p in all_pairs}
    best_split: dict[tuple[int, int, int], float] = {}  # cell -> its surest split label
    for pair, reading in zip(pairs, label_readings, strict=True):
        if pair.where == "split":
            best_split[pair.cell] = max(best_split.get(pair.cell, -1.0), reading.similarity)
    # cells that are a label's value beside or under it: no label run into a value
    valued = {(p.line_index, round(p.value_bbox[0])) for p in all_pairs if p.where != "split"}
    # rows of labels with a name under one of them (a grid): the cell beside a label there
    # is the next label ('WORKS AT' beside 'SOC. SEC.'), no value
    # (three cells at least: a list of labels beside values, two or four cells a line, has
    # the next label under each label)
    graded = {p.line_index - 1 for p, r in zip(pairs, value_readings, strict=True)
              if p.where == "below" and r.similarity < MIN_SIMILARITY
              and label_row(lines, p.line_index - 1)
              and len(lines[p.line_index - 1].cells()) >= 3}
    chosen: dict[tuple[int, int, int], list[tuple[tuple[int, int], float, str, PartyAnchor]]] = {}
    scoped: dict[int, PartyAnchor] = {}  # heading -> its first name under an unknown label
    scoped_person: dict[int, bool] = {}  # heading -> that name is among a person's facts
    scoped_label: dict[int, str] = {}  # heading -> that name's label
    org_labels: dict[int, float] = {}  # ORG anchor -> its label's lean to current creditor
    for pair, reading, value_reading in zip(pairs, label_readings, value_readings, strict=True):
        name = _name_value(pair)
        assert name is not None
        if pair.where == "split" and (pair.line_index, round(_label_x(lines, pair))) in valued:
            continue
        if len(name.split()) == 1 and reading.meaning not in ORG_MEANINGS:
            continue  # one hyphenated word names a firm only under a firm's label
        org = bool(ORG_SUFFIX_RE.search(name))
        if value_reading.similarity >= (VALUE_IS_LABEL if org else MIN_SIMILARITY):
            continue  # a label or a heading ('Account Profile'), no person's name
        section = page_sections.at(pair.line_index, pair.value_bbox[0])
        generic = normalize(pair.label) in GENERIC_LABELS
        role = None if generic else PARTY_ROLES.get(reading.meaning)
        unknown = generic or reading.unknown
        if unknown and not generic and not org and CO_PREFIX_RE.match(pair.label.strip()) \
                and reading.nearest in RUN_IN_MEANINGS and reading.similarity >= RUN_IN_LABEL \
                and (pair.where != "split" or _case_boundary(pair)):
            # 'Co-Applicant', 'Co-Maker': a party joined to the debtor, whatever the
            # encoder makes of the rest of the word
            role, unknown = "debtor", False
            reading = reading._replace(meaning="codebtor")
        if reading.meaning == "employer" and doc_type not in SHEET_TYPES:
            continue  # a court paper's employer is its garnishee, named by the role rules
        if role == "debtor" and org and person_sections and section not in person_sections:
            # an organisation the encoder reads as a holder, away from the person's facts
            role, unknown = None, True
        separated = pair.where != "split" or _case_boundary(pair)
        # a label run into a person's name with no sign of where it ends ('Cardholder Jim
        # J. Smith'), among the person's facts: of the cell's readings, the one whose label
        # reads most as a label wins (``chosen``); a label that reads as nothing is a name
        run_in = not separated and not org and section in person_sections and \
            reading.nearest in RUN_IN_MEANINGS and reading.similarity >= RUN_IN_LABEL and \
            name[:1].isupper() and \
            among_pairs(lines, pair.line_index, _label_x(lines, pair))
        if role is None:
            if pair.where == "right" and pair.line_index in graded:
                continue  # the next label of a grid's row of labels (a label that means a
                # party keeps the name beside it: 'OBLIGOR:  JASMINE C. BAUTISTA')
            heading = page_sections.heading_of(pair.line_index, pair.value_bbox[0])
            if not generic and heading in debtor_sections and \
                    reading.similarity < MIN_SIMILARITY and not org and separated and \
                    not (reading.nearest == "employer" and reading.similarity >= RUN_IN_LABEL):
                held = scoped.get(heading)
                if held is None or pair.line_index < held.line_index:
                    scoped[heading] = PartyAnchor("debtor", name, pair.page, pair.value_bbox,
                                                  pair.line_index, SCORES["codebtor"],
                                                  "kv-section")
                    scoped_person[heading] = section in person_sections
                    scoped_label[heading] = pair.label
                    continue
                if pair.line_index == held.line_index or normalize(name) in all_labels:
                    continue
                # a person on a later line under the heading: the structure reads them (a
                # co-debtor); a name that is itself a label ('Works At') is none
            # the sheet's structure reads only a value beside its label (under it, in a
            # form's cell, may be a title or the next label), never a label that is a name
            # (a row of labels over a row of values is a grid: there the value under a
            # label is its value, and the company there may be whom the account is owed to)
            grid = pair.where == "below" and label_row(lines, pair.line_index - 1)
            # a company run into a label with no separator, among the account's numbers:
            # its name ends with its legal form, so the cut is the label that reads most as
            # a label (``chosen``)
            org_run_in = not separated and org and section in numbered and \
                section not in person_sections and NAME_FORM_RE.search(name) is not None \
                and reading.similarity >= best_split[pair.cell]
            if not (unknown and (separated or run_in or org_run_in)) or \
                    doc_type not in SHEET_TYPES or \
                    (pair.where == "below" and not grid) or \
                    (pair.where == "right" and label_row(lines, pair.line_index - 1)) or \
                    (ORG_SUFFIX_RE.search(pair.label) and reading.similarity < MIN_SIMILARITY) \
                    or normalize(name) in printed_labels:
                continue  # (a company word in a label that reads as no label: a name)
            if section in person_sections:
                # a company among the person's facts is where they work, and so is a
                # name without a legal form under a label that leans to the employer
                # ('Works At' before 'AGUILAR TAYLOR AND BROWN': no person's label)
                works = org or (reading.nearest == "employer"
                                and reading.similarity >= RUN_IN_LABEL)
                anchor = PartyAnchor("other" if works else "debtor", name, pair.page,
                                     pair.value_bbox, pair.line_index,
                                     SCORES["employer" if works else "codebtor"],
                                     AMONG if works else PERSON)
            elif org and section in numbered and person_sections:
                anchor = PartyAnchor("creditor", name, pair.page, pair.value_bbox,
                                     pair.line_index, SCORES["employer"], ORG)
                org_labels[id(anchor)] = lean([pair.label], "creditor", "original")[0]
            else:
                continue
            rank = (1, PREFERENCE[pair.where])
        else:
            if pair.where == "split" and not _case_boundary(pair) and \
                    reading.similarity < SPLIT_MIN_SIMILARITY and not (
                        clearest_split[id(pair)]
                        and org == (reading.meaning in ORG_MEANINGS)
                        and among_pairs(lines, pair.line_index, _label_x(lines, pair))):
                continue  # (a clear cut needs a value of the label's kind, in a list of
                # labels run into values: a title's 'Allied Account Resolution Services'
                # is none)
            meaning = reading.meaning
            if meaning == "debtor" and CO_PREFIX_RE.match(pair.label.strip()):
                meaning = "codebtor"  # ('Co-Borrower': the encoder hears the borrower)
            anchor = PartyAnchor(role, name, pair.page, pair.value_bbox, pair.line_index,
                                 SCORES[meaning],
                                 CO_DEBTOR if meaning == "codebtor" else "kv")
            rank = (0, PREFERENCE[pair.where])
        chosen.setdefault(pair.cell, []).append((rank, reading.similarity, pair.label,
                                                 anchor))
    found = [_best_reading(options) for options in chosen.values()]
    found_names = {normalize(a.name) for a in found}  # (a name is no label of a name beside)
    for heading, anchor in scoped.items():
        if not any(a.role == "debtor" and a.how != CO_DEBTOR
                   and heads[heading][0] < a.line_index <= anchor.line_index for a in found):
            # (a co-debtor printed beside the debtor is no debtor: 'Co-Signer' in the row)
            found.append(anchor)
        elif scoped_person[heading] and normalize(anchor.name) not in all_labels and \
                normalize(scoped_label[heading]) not in found_names and not any(
                a.name.lower() == anchor.name.lower() for a in found):
            # a person under the heading after its debtor, among the debtor's own facts: a
            # co-debtor ('Secondary Obligor' after 'Customer')
            anchor.how = CO_DEBTOR
            found.append(anchor)
    # of several companies beside the account's numbers, the one whose label reads most as
    # the current creditor rather than the original one ('Referred By' over 'Originator')
    orgs = sorted((a for a in found if a.how == ORG),
                  key=lambda a: (-round(org_labels[id(a)], 2), a.line_index))
    found = [a for a in found if a.how != ORG] + orgs[:1]
    debtors = sorted((a for a in found if a.role == "debtor" and a.how != CO_DEBTOR),
                     key=lambda a: a.line_index)
    for later in debtors[1:]:
        if later.name.lower() != debtors[0].name.lower():
            later.how = CO_DEBTOR  # a sheet names the account's debtor first
    return found

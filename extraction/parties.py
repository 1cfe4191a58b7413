"""lines_to_parties: who the document is about, from captions, labels and address blocks.

Three layouts name people and organisations on collection paperwork:
- the court caption, "LVNV FUNDING LLC, Plaintiff, v. JANE DOE, Defendant.";
- labelled form fields, "Debtor Name: Jane Doe", "Garnishee: Acme Corp";
- letter and attorney blocks: a name line with its street and city lines under it.
Each finder returns party anchors (role, name, where); contacts are attached afterwards
(``contacts.attach_contacts``) from the candidates nearest each anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line

ROLE_LABELS: tuple[tuple[str, str], ...] = (
    ("attorney", r"attorneys?\s+for\s+(?:the\s+)?(?:plaintiff|judgment\s+creditor|creditor)|"
                 r"^attorneys?(?:\s+name)?$|^counsel$|^attorney\s+of\s+record$"),
    ("garnishee", r"garnishee|employer|^bank$|financial\s+institution"),
    ("debtor", r"debtor|defendant|respondent|^consumer$|^borrower$|^(?:account\s*holder)$|"
               r"^(?:customer|obligor|grantee)$|^owner(?:\(s\)|s)?$|mail\s+to"),
    ("other", r"^grantor$"),
    ("creditor", r"creditor|plaintiff|petitioner|^client$|debt\s+buyer|^lender$"),
)
NAME_LABEL_RE = re.compile(
    r"^(?P<label>(?:judgment\s+)?(?:debtor|defendant|plaintiff|creditor|garnishee|employer|"
    r"attorney|counsel|original\s+creditor|current\s+creditor|current\s+owner|client|"
    r"consumer|borrower|grantor|grantee|owner|account\s*holder|respondent|petitioner|name)"
    r"(?:'s)?(?:\s+(?:full\s+)?name)?)\s*[:\-]\s*(?P<name>.*)$", re.IGNORECASE)
LABEL_ONLY_RE = re.compile(
    r"(?:judgment\s+)?(?:debtor|defendant|plaintiff|creditor|garnishee|employer|attorney|"
    r"counsel|current\s+creditor|current\s+owner|client|consumer|borrower|grantor|grantee|"
    r"owner(?:\(s\)|s)?|account\s*holder|respondent|petitioner)(?:'s)?(?:\s+(?:full\s+)?name)?"
    r"\s*:?", re.IGNORECASE)
ORG_SUFFIX_RE = re.compile(
    r"\b(?:LLC|L\.L\.C\.|Inc\.?|Corp\.?|Corporation|Company|Co\.|N\.A\.|Bank|LP|L\.P\.|LLP|"
    r"PLLC|P\.C\.|Services|Funding|Capital|Credit|Financial|Management|Group|Associates|"
    r"Partners|Trust|Union|Investments|Recovery|Portfolio|Collection|Law|Firm|Hospital|"
    r"Medical|Health|Energy|Wireless|Utilities)\b", re.IGNORECASE)
STOP_NAME_RE = re.compile(r"\b(?:address|phone|tel|date|amount|case|no\.|number|court|"
                          r"county|state\s+of|re:|account\s*(?:no|number|#)|balance|dear|"
                          r"district|judicial|courthouse|division)\b",
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
    words = [w for w in re.findall(r"[A-Za-z][\w.'\-]*", text) if w.lower() not in
             ("of", "and", "the", "as", "de", "la", "del", "van", "von")]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def role_of_label(label: str) -> str | None:
    lowered = label.lower().strip()
    if "original" in lowered:
        return None  # the original creditor is history, not a party to this paper
    if lowered == "name":
        return "name"  # decided by the heading above it (see _bare_name_role)
    lowered = re.sub(r"\s*(?:'s)?\s*(?:full\s+)?name$", "", lowered)
    for role, pattern in ROLE_LABELS:
        if re.search(pattern, lowered):
            return role
    return None


LABEL_WORDS = {"name", "debtor", "creditor", "client", "plaintiff", "defendant", "attorney",
               "owner", "garnishee", "employer", "address", "none", "n/a"}


def plausible_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return (3 <= len(text) <= 80 and text.lower().strip(" :.") not in LABEL_WORDS
            and letters >= 0.6 * len(text.replace(" ", ""))
            and not STOP_NAME_RE.search(text) and not re.search(r"\d{3,}", text))


LABEL_ABOVE_RE = re.compile(
    r"(?:notice\s+to\s+(?P<debtor>defendant)|sued\s+by\s+(?P<creditor>plaintiff)|"
    r"when\s+recorded\s+(?P<debtor3>mail)\s+to|"
    r"plaintiff's\s+(?P<attorney>attorney),?\s+or\s+plaintiff\s+without\s+an\s+attorney,?\s+is|"
    r"to\s+the\s+(?P<garnishee>garnishee)|to\s+the\s+above-named\s+(?P<debtor2>defendant))"
    r"[^:]*:(?:\s*\([^)]*\)\s*:?)*\s*(?P<rest>.*)$", re.IGNORECASE)


HEADING_ROLE_RE = (("attorney", r"attorney|counsel"), ("debtor", r"debtor|defendant|consumer"),
                   ("creditor", r"creditor|plaintiff|client"))


def _bare_name_role(lines: list[Line], index: int, doc_type: str) -> str | None:
    """Whose is a bare 'Name:' field: the heading a few lines above says ("DEBTOR
    INFORMATION", "ATTORNEY OR PARTY WITHOUT ATTORNEY"); on a placement sheet without one,
    the consumer's."""
    for k in range(index - 1, max(-1, index - 4), -1):
        text = lines[k].text.lower()
        for role, pattern in HEADING_ROLE_RE:
            if re.search(pattern, text):
                return role
    return "debtor" if doc_type == "placement" else None


def _labelled(lines: list[Line], doc_type: str = "other") -> list[PartyAnchor]:
    """'Debtor Name: Jane Doe', the same with the name in the next cell (a form table), and
    headings whose name follows on the next line ('TO THE GARNISHEE (EMPLOYER):')."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        cells = line.cells()
        for c, (start, end) in enumerate(cells):
            cell = line.text[start:end]
            match = NAME_LABEL_RE.match(cell)
            name_start = name_end = 0
            if match:
                role = role_of_label(match.group("label"))
                if role == "name":
                    role = _bare_name_role(lines, index, doc_type)
                name = match.group("name").strip()
                name_start, name_end = start + match.start("name"), end
            elif c + 1 < len(cells) and LABEL_ONLY_RE.fullmatch(cell.strip()) and \
                    looks_like_name(line.text[cells[c + 1][0]:cells[c + 1][1]]):
                role = role_of_label(cell.strip())
                name = ""
            else:
                continue
            if role is None:
                continue
            if not name and c + 1 < len(cells):
                name_start, name_end = cells[c + 1]
                name = line.text[name_start:name_end]
            if not name:
                continue
            name = clean_name(re.split(r",\s*\d", name)[0])
            if not plausible_name(name):
                continue
            out.append(PartyAnchor(role, name, line.page, line.span_bbox(name_start, name_end),
                                   index, 0.93, "label"))
        heading = LABEL_ABOVE_RE.search(line.text)
        if heading:
            role = next(r.rstrip("23") for r in ("debtor", "creditor", "garnishee", "debtor2",
                                                 "debtor3", "attorney") if heading.group(r))
            anchor = _name_after_heading(lines, index, heading, role)
            if anchor is not None:
                out.append(anchor)
    return out


def _name_after_heading(lines: list[Line], index: int, heading: re.Match, role: str
                        ) -> PartyAnchor | None:
    """The name on the rest of a heading's line, or on the line under it."""
    line = lines[index]
    cell_end = next((end for start, end in line.cells() if start <= heading.start() < end),
                    len(line.text))
    rest = line.text[heading.start("rest"):cell_end].strip()
    if len(rest.split()) > 8 or re.match(r"(?:you|the|this|a)\b", rest, re.IGNORECASE):
        return None  # the heading opens a sentence, not a name
    if rest:
        k, text, start = index, rest, heading.start("rest")
    elif index + 1 < len(lines):
        k = index + 1
        below = lines[k]
        start, end = below.cells()[0]
        text = below.text[start:end]
    else:
        return None
    text = re.split(r",?\s+and\s+does\b|,\s*\d", text, flags=re.IGNORECASE)[0]
    if role == "attorney":
        text = text.split(",")[0]
    name = clean_name(text)
    if not plausible_name(name):
        return None
    target = lines[k]
    return PartyAnchor(role, name, target.page, target.span_bbox(start, start + len(text)), k,
                       0.9, "label")


CAPTION_V_RE = re.compile(r"^(?:v\.?|vs\.?|versus|-\s*against\s*-|against)$", re.IGNORECASE)
CAPTION_ROLE_RE = re.compile(r"^(?:plaintiffs?|defendants?|defendant\(s\)|judgment\s+debtors?|"
                             r"judgment\s+creditors?|petitioners?|respondents?|garnishees?)"
                             r"[,.;:]?$", re.IGNORECASE)
ASSIGNEE_RE = re.compile(r",?\s+(?:as\s+)?(?:assignee|successor|assigned|a/a/o|aao)\b.*$",
                         re.IGNORECASE | re.DOTALL)
DOES_RE = re.compile(r"^(?:and\s+)?does\b|^et\s+al", re.IGNORECASE)
COLUMN_TOLERANCE = 8.0


@dataclass(slots=True)
class Cell:
    line_index: int
    start: int
    end: int
    text: str
    bbox: BBox


def column_cells(lines: list[Line], index: int, x0: float, step: int, limit: int = 8,
                 *, loose: bool = False) -> list[Cell]:
    """Cells starting at x0 in the lines above (step -1) or below (+1), while contiguous.

    ``loose`` is for caption blocks, whose role words are indented or centred: there the
    first cell of each line counts when it starts within a caption column's width of x0,
    and lines holding only the ')' divider are stepped over.
    """
    out: list[Cell] = []
    k = index + step
    previous = lines[index]
    skipped = 0
    while 0 <= k < len(lines) and len(out) < limit:
        line = lines[k]
        gap = (previous.top - line.bottom) if step < 0 else (line.top - previous.bottom)
        if gap > 1.8 * max(previous.height, line.height):
            break
        found = None
        for start, end in line.cells():
            box = line.span_bbox(start, end)
            text = line.text[start:end]
            aligned = abs(box[0] - x0) <= COLUMN_TOLERANCE
            if loose:
                aligned = abs(box[0] - x0) <= LOOSE_COLUMN and not set(text) <= set(") ")
            if aligned:
                found = Cell(k, start, end, re.sub(r"\s*\)+\s*$", "", text), box)
                break
        if found is None:
            first_x = line.span_bbox(*line.cells()[0])[0]
            foreign = (set(line.text) <= set(") ") or first_x > x0 + LOOSE_COLUMN) if loose \
                else skipped < 2
            if not foreign:
                break
            skipped += 1
            k += step
            continue
        skipped = 0
        out.append(found)
        previous = line
        k += step
    return out


LOOSE_COLUMN = 110.0


def _cells_box(cells: list[Cell]) -> BBox:
    return (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells),
            max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))


def _caption(lines: list[Line]) -> list[PartyAnchor]:
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
                out.append(PartyAnchor(role, name, line.page, _cells_box(cells),
                                       cells[0].line_index, 0.92, "caption"))
            break
    return out


def _caption_by_role_words(lines: list[Line]) -> list[PartyAnchor]:
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
            out.append(PartyAnchor(role, name, line.page, _cells_box(kept),
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


COURT_IN_TEXT_RE = re.compile(r"\bCOURT\b|\bCOUNTY\b.*\b[A-Z]{4,}$|^CASE\b|\bDISTRICT\s+OF\b|"
                              r"^FOR\s+THE\b|^STATE\s+OF\b", re.IGNORECASE)


def _first_cell(line: Line) -> tuple[int, int, str]:
    start, end = line.cells()[0]
    text = line.text[start:end]
    text = re.sub(r"\s*\)+\s*$", "", text)
    return start, start + len(text), text


ATTORNEY_HINT_RE = re.compile(r"\b(?:esq\.?|attorney|bar\s+no|sbn|state\s+bar|counsel)\b",
                              re.IGNORECASE)


ATTORNEY_NAME_RE = re.compile(
    r"(?P<name>(?:[A-Z][A-Za-z'\-]*\.?\s){1,3}[A-Z][A-Za-z'\-]+(?:,?\s(?:Jr|Sr|II|III)\.?)?)"
    r"(?:,\s*Esq\.?|\s*\(SBN|\s*\((?:State\s+)?Bar|,?\s*(?:State\s+)?Bar\s+No|,\s*SBN|"
    r",?\s*Atty\.\s*No)")


def _attorney_block(lines: list[Line]) -> list[PartyAnchor]:
    """Lawyers named with their bar number or 'Esq.' anywhere on the page (the caption's
    top-left block, signature blocks, 'Copies furnished to:')."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        for match in ATTORNEY_NAME_RE.finditer(line.text):
            name = clean_name(match.group("name"))
            name = re.sub(r"^(?:By:?\s*/s/\s*|/s/\s*|Copies\s+furnished\s+to:?\s*)", "",
                          name, flags=re.IGNORECASE)
            if not plausible_name(name) or len(name.split()) < 2 or ORG_SUFFIX_RE.search(name):
                continue
            top = index < 14 and match.start() == line.cells()[0][0]
            out.append(PartyAnchor("attorney", name, line.page,
                                   line.span_bbox(match.start("name"), match.end("name")),
                                   index, 0.9 if top else 0.85, "block" if top else "label"))
    return out


def _letter_recipient(lines: list[Line]) -> list[PartyAnchor]:
    """The addressee block of a letter: a person's name over a street line (any column)."""
    limit = max(1, len(lines) // 2)
    for index in range(0, min(limit, len(lines) - 1)):
        line = lines[index]
        for start, end in line.cells():
            name_text = line.text[start:end]
            x0 = line.span_bbox(start, end)[0]
            below = column_cells(lines, index, x0, +1, limit=2)
            if not below or not re.match(r"^\d+[A-Za-z]?\s+\S|^P\.?\s?O\.?\s+Box",
                                         below[0].text, re.IGNORECASE):
                continue
            name = clean_name(name_text)
            if not plausible_name(name) or ORG_SUFFIX_RE.search(name) or \
                    not 2 <= len(name.split()) <= 6 or ":" in name_text or "&" in name or \
                    re.search(r"www|mail|online|pay", name_text, re.IGNORECASE):
                continue
            return [PartyAnchor("debtor", name, line.page, line.span_bbox(start, end), index,
                                0.8, "block")]
    return []


COLLECTOR_RE = re.compile(r"(?P<name>[A-Z][A-Za-z.,&' -]{2,60}?)\s+is\s+a\s+debt\s+collector")
OWE_TO_RE = re.compile(r"(?:debt|balance)\s+(?:that\s+)?you\s+owe\s+to\s+(?P<name>[A-Z][\w.,&' -]"
                       r"{2,60}?(?:,\s*(?:N\.A\.|Inc\.|LLC|L\.L\.C\.|Corp\.|P\.C\.))?)"
                       r"(?:\.\s|\.$|,|\s+and\b)")


def cell_texts_with_next(lines: list[Line], index: int) -> list[tuple[int, str]]:
    """(cell start, cell text + the text of the cell under it in the same column) per cell
    of a line: a sentence wrapped inside one column of a two-column page."""
    line = lines[index]
    out = []
    for start, end in line.cells():
        x0 = line.span_bbox(start, end)[0]
        below = column_cells(lines, index, x0, +1, limit=1)
        out.append((start, line.text[start:end] + (" " + below[0].text if below else "")))
    return out


def _collector(lines: list[Line], doc_type: str) -> list[PartyAnchor]:
    """The agency writing a letter: 'X is a debt collector', or the letterhead's first line."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        for start, end in line.cells():
            match = COLLECTOR_RE.search(line.text, start, end)
            if match:
                name = clean_name(match.group("name"))
                if plausible_name(name):
                    out.append(PartyAnchor("other", name, line.page,
                                           line.span_bbox(match.start("name"),
                                                          match.end("name")),
                                           index, 0.88, "label"))
    if doc_type == "collection_letter" and lines and lines[0].page == 1:
        for index, line in enumerate(lines[:3]):
            start, end = line.cells()[0]
            text = line.text[start:end]
            name = clean_name(text)
            if ORG_SUFFIX_RE.search(name) and plausible_name(name) and ":" not in text:
                out.append(PartyAnchor("other", name, line.page, line.span_bbox(start, end),
                                       index, 0.85, "block"))
                break
    return out


def owed_to_names(lines: list[Line]) -> list[tuple[int, int, int, str]]:
    """(line index, start, end, name) of 'a debt that you owe to NAME.' in prose; the
    sentence may wrap inside its column, so the name may sit on the next line."""
    found = []
    for index, line in enumerate(lines):
        nearby = line.text + (lines[index + 1].text if index + 1 < len(lines) else "")
        if "owe" not in nearby:
            continue
        for start, text in cell_texts_with_next(lines, index):
            match = OWE_TO_RE.search(text)
            if not match:
                continue
            name = clean_name(match.group("name"))
            if not plausible_name(name):
                continue
            k = index
            position = line.text.find(name, start)
            if position < 0 and index + 1 < len(lines):
                k = index + 1
                position = lines[k].text.find(name)
            if position < 0:
                position = line.text.find(name.split()[0], start)
                k = index
            if position < 0:
                continue
            found.append((k, position, min(position + len(name), len(lines[k].text)), name))
    return found


def _owed_to(lines: list[Line]) -> list[PartyAnchor]:
    return [PartyAnchor("creditor", name, lines[i].page, lines[i].span_bbox(start, end), i,
                        0.88, "label") for i, start, end, name in owed_to_names(lines)]


GRANT_RE = re.compile(r"(?P<grantor>[A-Z][A-Za-z.'\- ]{3,60}?)\s+(?:hereby\s+)?GRANTS?(?:\(S\))?\s+"
                      r"to\s+(?P<grantee>[A-Z][A-Za-z.'\- ]{3,60}?)(?:,|\s+as\b|\s+and\b)")


def _deed(lines: list[Line]) -> list[PartyAnchor]:
    """'GRANTOR hereby GRANT(S) to GRANTEE, ...' in a deed: the grantee owns the property
    now (the person skip tracing is after), the grantor is another party."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        joined = line.text + (" " + lines[index + 1].text if index + 1 < len(lines) else "")
        match = GRANT_RE.search(joined)
        if not match or match.start() >= len(line.text):
            continue
        for role, key in (("other", "grantor"), ("debtor", "grantee")):
            text = re.sub(r"^.*\backnowledged,\s*", "", match.group(key))
            end = min(match.end(key), len(line.text))
            box = line.span_bbox(min(match.start(key), end - 1), end)
            # "JANE DOE and JOHN DOE": the first grantee is the debtor, the others co-owners
            for position, part in enumerate(re.split(r"\s+and\s+", text)):
                name = clean_name(part)
                if plausible_name(name):
                    out.append(PartyAnchor(role if position == 0 else "other", name,
                                           line.page, box, index, 0.85, "label"))
    return out


def split_joint_debtors(anchor: PartyAnchor) -> list[PartyAnchor]:
    """'JANE DOE and JOHN DOE' as owners or addressees: the first is the debtor, the others
    co-owners ("other"); a firm's name with 'and' stays whole."""
    parts = re.split(r"\s+and\s+", anchor.name)
    if anchor.role != "debtor" or len(parts) < 2 or ORG_SUFFIX_RE.search(anchor.name) or \
            not all(len(p.split()) >= 2 and plausible_name(p) for p in parts):
        return [anchor]
    return [PartyAnchor("debtor" if i == 0 else "other", clean_name(p), anchor.page,
                        anchor.bbox, anchor.line_index, anchor.score, anchor.how)
            for i, p in enumerate(parts)]


def lines_to_party_anchors(lines: list[Line], doc_type: str = "other") -> list[PartyAnchor]:
    """Every party anchor on one page, strongest evidence first."""
    caption = _caption(lines)
    if not caption:
        caption = _caption_by_role_words(lines)
    anchors = (_labelled(lines, doc_type) + caption + _attorney_block(lines)
               + _collector(lines, doc_type) + _owed_to(lines) + _deed(lines))
    if not any(a.role == "debtor" for a in anchors):
        anchors += _letter_recipient(lines)
    anchors = [part for anchor in anchors for part in split_joint_debtors(anchor)]
    if doc_type != "garnishment":
        for anchor in anchors:
            if anchor.role == "garnishee":
                anchor.role = "other"  # an employer or bank outside a garnishment
    return sorted(anchors, key=lambda a: -a.score)

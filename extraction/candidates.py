"""words_to_candidates: every typed value on a page, with where it sits and what surrounds it.

A candidate is a value a parser recognised (a date, an amount, a phone ...) plus three
pieces of context that the later stages read to decide what the value *is*: the label text
to its left in the same line, the text right above it (a label or a table header), and the
words before it in reading order (prose: "entered judgment in the sum of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line, union_bbox
from extraction import parsers

CONTEXT_WORDS = 12
ABOVE_MAX_GAP_LINES = 2.6  # how far up (in line heights) a label or header may sit


@dataclass(slots=True)
class Candidate:
    kind: str  # date, amount, phone, email, ssn_last4, case_number, account_number, address
    value: str
    raw: str
    page: int
    bbox: BBox
    line: Line
    start: int
    end: int
    ocr_confidence: float = 1.0
    left: str = ""
    above: str = ""
    before: str = ""
    above_far: str = ""

    @property
    def context(self) -> str:
        """The short text the role model reads: label context, then the value's kind."""
        return f"{self.above} | {self.before} [{self.kind}] {self.raw}"


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _line_candidates(line: Line) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) for each value found in one line's text."""
    text = line.text
    found: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value: str | None, start: int, end: int) -> None:
        if value is not None and not _overlaps(taken, start, end):
            found.append((kind, value, start, end))
            taken.append((start, end))

    for match in parsers.EMAIL_RE.finditer(text):
        add("email", match.group(0).replace(" ", "").lower(), match.start(), match.end())
    for match in parsers.SSN_RE.finditer(text):
        add("ssn_last4", match.group(1), match.start(), match.end())
    for match in parsers.DATE_RE.finditer(text):
        add("date", parsers.parse_date(match.group(0)), match.start(), match.end())
    for match in parsers.WRITTEN_AMOUNT_RE.finditer(text):
        value = parsers.parse_written_amount(match.group(0))
        figure = parsers.AMOUNT_RE.search(text, match.end(), match.end() + 20)
        if value is not None and figure is None:
            add("amount", value, match.start(), match.end())
    for match in parsers.AMOUNT_RE.finditer(text):
        raw = match.group(0)
        if "$" not in raw and "." not in raw:
            continue
        add("amount", parsers.parse_amount(raw), match.start(), match.end())
    for start, end, value in parsers.find_case_numbers(text):
        add("case_number", value, start, end)
    for value, start, end in _phone_matches(text):
        bare = re.fullmatch(r"\d{10}", text[start:end]) is not None
        if bare and not PHONE_LABEL_RE.search(text[max(0, start - 30):start]):
            continue  # ten bare digits are an account or file number unless labelled a phone
        add("phone", value, start, end)
    for match in parsers.ACCOUNT_RE.finditer(text):
        add("account_number", parsers.clean_account(match.group(0)), match.start(), match.end())
    return found


def _phone_matches(text: str) -> list[tuple[str, int, int]]:
    import phonenumbers

    out = []
    for match in phonenumbers.PhoneNumberMatcher(text, "US",
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        if match.number.country_code != 1:
            continue
        digits = re.sub(r"\D", "", match.raw_string)
        if len(digits) < 10:
            continue
        out.append((phonenumbers.format_number(match.number,
                                               phonenumbers.PhoneNumberFormat.E164),
                    match.start, match.end))
    return out


PHONE_LABEL_RE = re.compile(r"phone|tel\b|mobile|cell|fax|home|work|call", re.IGNORECASE)
# A street line opens with its number, a box, or a spelled-out number ("One PPG Place")
STREET_START_RE = re.compile(r"^(?:\d+[A-Za-z]?\s+\S|P\.?\s?O\.?\s+Box\b|"
                             r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\s+"
                             r"(?-i:[A-Z])\w*\s+\S)", re.IGNORECASE)
LIST_NUMBER_RE = re.compile(r"^\(?\d{1,2}[.)]\s+(?=\d)")


ZIP_CELL_RE = re.compile(r"^\d{5}(?:-\d{4})?$")
STATE_ZIP_CELL_RE = re.compile(r"^[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$")
CITY_CELL_RE = re.compile(rf"^{parsers.LETTER}[^\d:;]*$")  # words, no number, no label colon
# A street with its number (or a P.O. box) ending a cell, after any label before it.
STREET_IN_CELL_RE = re.compile(r"(?:\b\d+[A-Za-z]?\s+\S+.*|\bP\.?\s?O\.?\s+Box\s+\d+)$",
                               re.IGNORECASE)


def _zip_joined_cells(line: Line) -> list[tuple[int, int]]:
    """The line's cells, a ZIP set apart in its own cell ("Sacramento, CA      95853", a
    form's ZIP box) joined to the cell before it. Where a form prints each part of an
    address in its own box ("123 Main Street | San Diego | CA | 92101", labelled "Street
    City State Zip" on the line under), the city, the state and a street with its number
    before them are joined too, so the address reads as one."""
    cells: list[tuple[int, int]] = []
    for start, end in line.cells():
        text = line.text[start:end].strip()
        if cells and ZIP_CELL_RE.match(text):
            cells[-1] = (cells[-1][0], end)
            _join_boxed_parts(line, cells)
        else:
            cells.append((start, end))
    return cells


def _join_boxed_parts(line: Line, cells: list[tuple[int, int]]) -> None:
    """On a last cell that is a lone state and ZIP ("CA 92101"), join the city's cell and a
    street's cell before it (in place)."""
    if len(cells) < 2 or not STATE_ZIP_CELL_RE.match(line.text[slice(*cells[-1])].strip()):
        return
    city = line.text[slice(*cells[-2])].strip()
    if not CITY_CELL_RE.match(city):
        return
    cells[-2:] = [(cells[-2][0], cells[-1][1])]
    if len(cells) >= 2 and STREET_IN_CELL_RE.search(line.text[slice(*cells[-2])]):
        cells[-2:] = [(cells[-2][0], cells[-1][1])]


def _address_candidates(lines: list[Line], index: int) -> list[Candidate]:
    """Addresses ending on line ``index``: one-line, or a street line (and unit) above."""
    line = lines[index]
    out: list[Candidate] = []
    for cell_start, cell_end in _zip_joined_cells(line):
        cell = line.text[cell_start:cell_end]
        match = parsers.CITY_STATE_ZIP_RE.search(cell)
        if not match:
            continue
        span_start = cell_start
        value = None
        bbox = line.span_bbox(cell_start, cell_start + match.end())
        prefix = LIST_NUMBER_RE.match(cell)
        skip = prefix.end() if prefix else 0
        one_line = re.compile(r"\d+[A-Za-z]?\s+\S.*|P\.?\s?O\.?\s+Box.*", re.IGNORECASE
                              ).search(cell, skip, match.end())
        if one_line:
            span_start = cell_start + one_line.start()
            value = parsers.normalize_address(one_line.group(0))
            bbox = line.span_bbox(span_start, cell_start + match.end())
        if value is None:
            x0 = line.span_bbox(cell_start, cell_end)[0]
            street_lines = _lines_above_at(lines, index, x0, count=2)
            for take in (1, 2):
                if len(street_lines) < take:
                    break
                block = [(b, LIST_NUMBER_RE.sub("", t)) for b, t in street_lines[-take:]]
                first = block[0][1]
                if not STREET_START_RE.search(first):
                    continue
                joined = ", ".join(t for _, t in block) + ", " + cell[:match.end()]
                value = parsers.normalize_address(joined)
                if value:
                    boxes = [b for b, _ in block] + [bbox]
                    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                            max(b[2] for b in boxes), max(b[3] for b in boxes))
                    break
        if value:
            out.append(Candidate(kind="address", value=value, raw=cell[:match.end()],
                                 page=line.page, bbox=bbox, line=line,
                                 start=span_start, end=cell_start + match.end(),
                                 ocr_confidence=line.span_confidence(cell_start, cell_end)))
    return out


# Court and appearance forms print the parts of an address in labelled boxes:
# "STREET ADDRESS: P.O. Box 1" / "CITY: Chicago STATE: IL ZIP CODE: 60610",
# "Address: 1100 Main Street, Suite 2" / "City, State and ZIP: Atlanta, GA 30309".
STREET_FIELD_RE = re.compile(r"^\s*(?:street\s+|mailing\s+)?address\s*[:;]\s*(?P<v>\S.*)$",
                             re.IGNORECASE)
CITY_FIELD_RE = re.compile(r"^\s*city(?:\s*,\s*state,?\s*(?:and|&)\s*zip(?:\s*code)?)?\s*[:;]"
                           r"\s*(?P<v>\S.*)$", re.IGNORECASE)
PART_LABEL_RE = re.compile(r"\b(?:state|zip(?:\s*code)?)\s*[:;]\s*", re.IGNORECASE)


def _labelled_address(lines: list[Line], index: int) -> list[Candidate]:
    """An address whose street and city/state/ZIP sit in labelled form boxes on two lines."""
    line = lines[index]
    city = CITY_FIELD_RE.match(line.text)
    if city is None or index == 0:
        return []
    street = STREET_FIELD_RE.match(lines[index - 1].text)
    if street is None or not STREET_START_RE.search(street.group("v")):
        return []
    place = PART_LABEL_RE.sub(" ", city.group("v"))
    value = parsers.normalize_address(f"{street.group('v')}, {place}")
    if value is None:
        return []
    above = lines[index - 1]
    box = union_bbox([above.span_bbox(street.start("v"), len(above.text)),
                      line.span_bbox(city.start("v"), len(line.text))])
    return [Candidate(kind="address", value=value, raw=f"{street.group('v')} / {city.group('v')}",
                      page=line.page, bbox=box, line=line, start=city.start("v"),
                      end=len(line.text),
                      ocr_confidence=line.span_confidence(city.start("v"), len(line.text)))]


def _lines_above_at(lines: list[Line], index: int, x0: float, count: int
                    ) -> list[tuple[BBox, str]]:
    """Text of up to ``count`` lines right above ``index`` in the cell starting near x0;
    lines of another column in between (a filing stamp beside the block) are stepped over."""
    found: list[tuple[BBox, str]] = []
    current = lines[index]
    for k in range(index - 1, max(-1, index - 1 - 2 * count), -1):
        above = lines[k]
        if current.top - above.bottom > 1.5 * current.height:
            break
        cell = _cell_at(above, x0)
        if cell is None:
            continue
        found.insert(0, cell)
        current = above
        if len(found) >= count:
            break
    return found


def _cell_at(line: Line, x0: float) -> tuple[BBox, str] | None:
    for start, end in line.cells():
        box = line.span_bbox(start, end)
        if abs(box[0] - x0) < 12 or box[0] <= x0 < box[2]:
            return box, line.text[start:end]
    return None


def _left_label(line: Line, start: int) -> str:
    """The label text left of a value on its line: its own cell, or the cell before it."""
    cells = line.cells()
    for i, (cell_start, cell_end) in enumerate(cells):
        if cell_start <= start < max(cell_end, cell_start + 1):
            own = " ".join(label_words(line.text[cell_start:start].split()))
            if own:
                return own
            if i > 0:
                prev_start, prev_end = cells[i - 1]
                return line.text[prev_start:prev_end].strip()
            return ""
    return line.text[:start].strip()


def _above_text(lines: list[Line], index: int, bbox: BBox, count: int = 1) -> str:
    """The nearest text above a value that overlaps it horizontally (label or table header);
    with ``count`` > 1, that many such lines, top to bottom (a stamp's "FILED" heading)."""
    current = lines[index]
    found: list[str] = []
    for k in range(index - 1, max(-1, index - 6), -1):
        above = lines[k]
        if current.top - above.bottom > ABOVE_MAX_GAP_LINES * current.height * 2:
            break
        cells = []
        for start, end in above.cells():
            box = above.span_bbox(start, end)
            text = above.text[start:end]
            if len(text.split()) > 6:
                continue  # a label or header above is short; a paragraph line is not one
            if box[0] < bbox[2] + 4 and box[2] > bbox[0] - 4:
                cells.append(text)
        if cells:
            found.insert(0, " ".join(cells))
            if len(found) >= count:
                break
    return " ".join(found)


AMOUNT_WORD_RE = re.compile(r"^\(?(?:" + "|".join(sorted(parsers.NUMBER_WORDS)) +
                            r"|dollars?|\d{1,2}/100|[\w-]*-(?:one|two|three|four|five|six|seven|"
                            r"eight|nine))[,.)]?$", re.IGNORECASE)


PREVIOUS_VALUE_RE = re.compile(r"\$|\d\.\d{2}\b|\b(?:19|20)\d{2}\b|\d/\d{1,2}/\d")


def label_words(words: list[str]) -> list[str]:
    """The words that label a value: the written-out form of an amount ("One Thousand ...
    Dollars (") is skipped, and in prose only what follows the previous value counts."""
    words = list(words)
    while words and (AMOUNT_WORD_RE.match(words[-1]) or words[-1] == "("):
        words.pop()
    for i in range(len(words) - 1, -1, -1):
        if PREVIOUS_VALUE_RE.search(words[i]):
            return words[i + 1:]
    return words


def _before_text(lines: list[Line], index: int, start: int) -> str:
    """Up to CONTEXT_WORDS words before a value in reading order (may cross lines)."""
    words = lines[index].text[:start].split()
    k = index - 1
    while len(words) < 3 * CONTEXT_WORDS and k >= 0 and index - k <= 3:
        words = lines[k].text.split() + words
        k -= 1
    return " ".join(label_words(words)[-CONTEXT_WORDS:])


PROSE_ADDRESS_RE = re.compile(
    r"(?<![\w$.,])\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?[A-Za-z0-9][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,4}"
    r"(?:,?\s+(?:Apt|Unit|Ste|Suite|#)\.?\s*[\w-]+)?,\s+[A-Za-z][A-Za-z .'-]+,\s+[A-Z]{2}\s+\d{5}"
    r"(?:-\d{4})?\b")
WRAP_RES = (("date", parsers.DATE_RE), ("amount", parsers.WRITTEN_AMOUNT_RE),
            ("address", PROSE_ADDRESS_RE))


def _wrapped_candidates(lines: list[Line]) -> list[Candidate]:
    """Dates and written amounts that a paragraph wrapped over two lines."""
    out: list[Candidate] = []
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        if nxt.top - line.bottom > 2.2 * line.height:
            continue
        head_end = nxt.cells()[0][1]
        joined = line.text + " " + nxt.text[:head_end]
        boundary = len(line.text)
        for kind, pattern in WRAP_RES:
            for match in pattern.finditer(joined):
                if not match.start() < boundary < match.end():
                    continue
                raw = match.group(0)
                if kind == "date":
                    value = parsers.parse_date(raw)
                elif kind == "address":
                    value = parsers.normalize_address(raw)
                else:
                    if parsers.AMOUNT_RE.search(joined, match.end(), match.end() + 20):
                        continue
                    value = parsers.parse_written_amount(raw)
                if value is None:
                    continue
                box = union_bbox([line.span_bbox(match.start(), boundary),
                                  nxt.span_bbox(0, match.end() - boundary - 1)])
                out.append(Candidate(kind=kind, value=value, raw=raw, page=line.page, bbox=box,
                                     line=line, start=match.start(), end=boundary,
                                     ocr_confidence=line.span_confidence(match.start(),
                                                                         boundary)))
    return out


EMAIL_HEAD_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$")
EMAIL_TAIL_RE = re.compile(r"^[A-Za-z0-9.-]*[A-Za-z]$")
WRAP_ALIGN_PT = 3.0  # a value wrapped in its cell goes on at the cell's left edge


def _wrapped_emails(lines: list[Line]) -> list[Candidate]:
    """An e-mail address a narrow cell wrapped onto the next line ('jdoe1970@gmai' over
    'l.com'): a word with an '@' and no whole address in it, the close line under it
    holding a word at the same left edge that completes one."""
    out: list[Candidate] = []
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        if nxt.top - line.bottom > 1.6 * line.height:
            continue
        for w, word in enumerate(line.words):
            if not EMAIL_HEAD_RE.match(word.text) or parsers.EMAIL_RE.fullmatch(word.text):
                continue
            left = word.bbox[0]
            if w > 0 and line.words[w - 1].bbox[2] > left - 2.0:
                continue  # not the first word of its cell
            for tail in nxt.words:
                if abs(tail.bbox[0] - left) > WRAP_ALIGN_PT:
                    continue
                joined = word.text + tail.text
                if EMAIL_TAIL_RE.match(tail.text) and parsers.EMAIL_RE.fullmatch(joined):
                    start = line.starts[w]
                    out.append(Candidate(
                        kind="email", value=joined.lower(), raw=joined, page=line.page,
                        bbox=union_bbox([word.bbox, tail.bbox]), line=line, start=start,
                        end=start + len(word.text),
                        ocr_confidence=min(word.confidence, tail.confidence)))
                break
    return out


def lines_to_candidates(lines: list[Line]) -> list[Candidate]:
    """All candidates of one page's lines, each with its three contexts filled in."""
    out: list[Candidate] = []
    for index, line in enumerate(lines):
        for kind, value, start, end in _line_candidates(line):
            out.append(Candidate(kind=kind, value=value, raw=line.text[start:end],
                                 page=line.page, bbox=line.span_bbox(start, end), line=line,
                                 start=start, end=end,
                                 ocr_confidence=line.span_confidence(start, end)))
        out.extend(_address_candidates(lines, index) or _labelled_address(lines, index))
    out.extend(_wrapped_candidates(lines))
    out.extend(_wrapped_emails(lines))
    line_index = {id(line): i for i, line in enumerate(lines)}
    for cand in out:
        i = line_index[id(cand.line)]
        cand.left = _left_label(cand.line, cand.start)
        cand.above = _above_text(lines, i, cand.bbox)
        # a filing stamp: "FILED", up to three lines of the court's name, then its date
        cand.above_far = _above_text(lines, i, cand.bbox, count=4)
        cand.before = _before_text(lines, i, cand.start)
    return out

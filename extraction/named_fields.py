"""Fields whose values are names rather than parsed values: the court and the creditor.

The court is named in the caption's title lines ("SUPERIOR COURT OF THE STATE OF
CALIFORNIA / FOR THE COUNTY OF LOS ANGELES") or after a "Court:" label; the creditor
after a creditor label ("Original Creditor:", "Current Creditor:", "Creditor:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line
from extraction.parsers import CAPITAL, LETTER
from extraction.party_names import clean_name, plausible_name
from extraction.prose_parties import owed_to_names

COURT_WORD_RE = re.compile(r"\bCOURT\b", re.IGNORECASE)
COURT_LINE_RE = re.compile(
    r"^(?:IN\s+THE\s+)?(?:UNITED\s+STATES\s+(?:DISTRICT|BANKRUPTCY)\s+COURT|"
    r"(?:SUPERIOR|CIRCUIT|DISTRICT|COUNTY|MUNICIPAL|JUSTICE|MAGISTRATE|CIVIL|SMALL\s+CLAIMS|"
    r"\d+(?:ST|ND|RD|TH)\s+DISTRICT|STATE|FAMILY|PROBATE)\b.*\bCOURT\b|"
    r"COURT\s+OF\b|.*\bCOURT\b\s*(?:-|,|OF|IN|FOR))", re.IGNORECASE)
COURT_PART_RE = re.compile(r"\b(?:COUNTY|DISTRICT|DIVISION|STATE\s+OF|CIRCUIT|COURT|PRECINCT|"
                           r"CLAIMS|CITY\s+OF|PARISH|COMMONWEALTH|BOROUGH)\b", re.IGNORECASE)
COURT_LABEL_RE = re.compile(r"^(?:court|venue|court\s+name)\s*[:\-]\s*(?P<v>.+)$", re.IGNORECASE)
CREDITOR_LABEL_RE = re.compile(
    r"^(?P<label>(?:original|current|name\s+of)?\s*creditor(?:\s+name)?|"
    r"creditor\s+to\s+whom\s+(?:the\s+)?debt\s+is\s+owed|owed\s+to|client|"
    r"debt\s+owner|account\s+owner|current\s+owner|original\s+lender)"
    r"\s*[:\-]\s*(?P<v>.*)$", re.IGNORECASE)


@dataclass(slots=True)
class NamedHit:
    name: str
    value: str
    raw: str
    page: int
    bbox: BBox
    score: float
    where: str


def _union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def find_court_names(lines: list[Line]) -> list[NamedHit]:
    """The court named in a caption's title lines, or after a 'Court:' label."""
    hits: list[NamedHit] = []
    for line in lines:
        for start, end in line.cells():
            cell = line.text[start:end].strip()
            label = COURT_LABEL_RE.match(cell)
            if label and COURT_WORD_RE.search(label.group("v")):
                value = " ".join(label.group("v").split())
                hits.append(NamedHit("court_name", value, value, line.page,
                                     line.span_bbox(start + label.start("v"), end), 0.95,
                                     "left"))
    for index, line in enumerate(lines[:-1]):
        if re.search(r"name\s+and\s+address\s+of\s+(?:the\s+)?court", line.text, re.IGNORECASE):
            below = lines[index + 1]
            start, end = below.cells()[0]
            value = " ".join(below.text[start:end].split())
            if COURT_WORD_RE.search(value):
                hits.append(NamedHit("court_name", value, value, below.page,
                                     below.span_bbox(start, end), 0.9, "above"))
    for index, line in enumerate(lines[:45]):
        text = line.text.strip()
        cells = line.cells()
        if len(cells) > 1:
            # a filing stamp printed beside the heading ("... COUNTY OF KERN  Jane Q. Clerk,")
            first = line.text[cells[0][0]:cells[0][1]].strip()
            rest = line.text[cells[0][1]:]
            if len(first.split()) < 4 or _upper(rest) or not COURT_WORD_RE.search(first):
                continue
            text = first
        if not COURT_LINE_RE.match(text) or len(text) > 90 \
                or "CLERK" in text.upper() or not _upper(text):
            continue
        parts = [line]
        if index > 0 and re.fullmatch(r"STATE\s+OF\s+[A-Z ]+", lines[index - 1].text.strip()):
            parts.insert(0, lines[index - 1])
        k = index + 1
        while k < len(lines) and len(parts) < 4 and _title_continues(lines[k - 1], lines[k]):
            parts.append(lines[k])
            k += 1
        raw = " ".join([text] + [p.text.strip() for p in parts[1:]]) if parts[0] is line \
            else " ".join(p.text.strip() for p in parts)
        value = re.sub(r"^IN\s+THE\s+", "", " ".join(raw.split()), flags=re.IGNORECASE)
        hits.append(NamedHit("court_name", value, raw, line.page,
                             _union([p.bbox for p in parts]), 0.85, "title"))
        break
    return hits


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_continues(previous: Line, line: Line) -> bool:
    """A caption title goes on over short upper-case single-cell lines close below."""
    text = line.text.strip()
    return (len(line.cells()) == 1 and _upper(text) and len(text) <= 70
            and COURT_PART_RE.search(text) is not None
            and line.top - previous.bottom < 3.0 * line.height
            and not re.search(r"\d{3,}|[,)]$|\bv\.|\bvs\b|\bCASE\b", text)
            and not text.endswith(")"))


def find_creditor_names(lines: list[Line]) -> list[NamedHit]:
    """Names after creditor labels, in the same cell, the next cell or the line below."""
    from extraction.kv_pairs import line_cells, value_under_small_label, wrapped_value

    hits: list[NamedHit] = []
    for index, line in enumerate(lines):
        # a boxed row's next label ('CLIENT: ACME FUNDING  PRIOR CREDITOR: ...') starts on
        # a column of the rows around it, though printed close to the value before it
        cells = line_cells(lines, index)
        for c, (start, end) in enumerate(cells):
            match = CREDITOR_LABEL_RE.match(line.text[start:end].strip())
            if not match:
                continue
            value = match.group("v").strip()
            v_start = start + match.start("v")
            v_end = end
            bbox = None
            if not value and c + 1 < len(cells):
                v_start, v_end = cells[c + 1]
                value = line.text[v_start:v_end]
                # a small label in a row of labels: the cell beside it is the next label,
                # its value is the cell under it
                under = value_under_small_label(lines, index, line.span_bbox(start, end),
                                                line.span_bbox(v_start, v_end))
                if under is not None:
                    value, bbox = under
            if bbox is None and value.strip():  # a name wrapped in its box ('... LLC' under)
                value, bbox = wrapped_value(lines, index, value, line.span_bbox(v_start, v_end))
            value = clean_name(value)
            if not value or not plausible_name(value):
                continue
            label = match.group("label").lower()
            score = 0.8 if "original" in label else 0.95 if "current" in label else 0.93
            hits.append(NamedHit("creditor_name", value, value, line.page,
                                 bbox or line.span_bbox(v_start, v_end), score, label))
    return hits


def find_owed_to(lines: list[Line]) -> list[NamedHit]:
    """'a debt that you owe to ACME BANK.' in a letter's prose."""
    return [NamedHit("creditor_name", name, name, lines[i].page, lines[i].span_bbox(start, end),
                     0.9, "before") for i, start, end, name in owed_to_names(lines)]


# A debt-buyer complaint names the creditor that charged the debt off (California requires
# it, Civ. Code 1788.58): "The charge-off creditor was US BANK NA, 60 LIVINGSTONE AVE ..."
CHARGE_OFF_RE = re.compile(
    r"\b(?:charge[- ]?off|charged[- ]off|original)\s+creditor\s+"
    r"(?:at\s+the\s+time\s+of\s+charge[- ]?off\s+)?(?:was|is)\s+"
    rf"(?P<v>{CAPITAL}(?:{LETTER}|[0-9.&'\- ]){{1,60}}?"
    r"(?:,\s*(?:N\.A\.|Inc\.|LLC|L\.L\.C\.|Corp\.))?)"
    r"(?=,|\.\s|\.$|\s+and\b|$)")


def find_charge_off_creditor(lines: list[Line]) -> list[NamedHit]:
    """The original (charge-off) creditor a pleading names in a sentence: a second
    ``creditor_name`` beside the plaintiff (where ``charge-off``)."""
    hits = []
    for line in lines:
        for match in CHARGE_OFF_RE.finditer(line.text):
            value = clean_name(match.group("v"))
            if plausible_name(value) and value.upper() == value:
                hits.append(NamedHit("creditor_name", value, value, line.page,
                                     line.span_bbox(match.start("v"), match.end("v")), 0.8,
                                     "charge-off"))
    return hits

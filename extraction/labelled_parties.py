"""Parties named by a label: "Debtor Name: Jane Doe", the name in the next cell of a form
table, or on the line under a heading ("TO THE GARNISHEE (EMPLOYER):")."""

from __future__ import annotations

import re

from core.lines import Line
from extraction.captions import ASSIGNEE_RE
from extraction.kv_pairs import (
    NAME_FORM_RE,
    heading_row,
    line_cells,
    value_under_small_label,
    wrapped_value,
)
from extraction.party_names import PartyAnchor, clean_name, looks_like_name, plausible_name

ROLE_LABELS: tuple[tuple[str, str], ...] = (
    ("attorney", r"attorneys?\s+for\s+(?:the\s+)?(?:plaintiff|judgment\s+creditor|creditor)|"
                 r"^attorneys?(?:\s+name)?$|^counsel$|^attorney\s+of\s+record$"),
    ("garnishee", r"garnishee|employer|^bank$|financial\s+institution"),
    ("debtor", r"debtor|defendant|respondent|^consumer$|^borrower$|^(?:account\s*holder)$|"
               r"^(?:customer|obligor|grantee)$|^owner(?:\(s\)|s)?$|mail\s+to"),
    ("other", r"^grantor$"),
    ("creditor", r"creditor|plaintiff|petitioner|^client$|debt\s+buyer|^lender$"),
)
# Court forms print compound role labels: "PLAINTIFF/PETITIONER:", "Defendant(s) (name):"
ROLE_PAIR = (r"(?:\s*/\s*(?:plaintiff|defendant|petitioner|respondent|debtor|creditor|"
             r"appellant|appellee|claimant)(?:\(s\)|s)?)?(?:\s*\((?:list\s+)?names?\))?")
NAME_LABEL_RE = re.compile(
    r"^(?P<label>(?:judgment\s+)?(?:debtor|defendant|plaintiff|creditor|garnishee|employer|"
    r"attorney|counsel|original\s+creditor|current\s+creditor|current\s+owner|client|"
    r"consumer|borrower|grantor|grantee|owner|account\s*holder|respondent|petitioner|name)"
    r"(?:\(s\)|s)?(?:'s)?(?:\s+(?:full\s+)?name)?)" + ROLE_PAIR +
    r"\s*[:\-]\s*(?P<name>.*)$", re.IGNORECASE)
LABEL_ONLY_RE = re.compile(
    r"(?:judgment\s+)?(?:debtor|defendant|plaintiff|creditor|garnishee|employer|attorney|"
    r"counsel|current\s+creditor|current\s+owner|client|consumer|borrower|grantor|grantee|"
    r"owner(?:\(s\)|s)?|account\s*holder|respondent|petitioner)(?:'s)?(?:\s+(?:full\s+)?name)?"
    r"\s*:?", re.IGNORECASE)


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


LABEL_ABOVE_RE = re.compile(
    r"(?:notice\s+to\s+(?P<debtor>defendant)|sued\s+by\s+(?P<creditor>plaintiff)|"
    r"when\s+recorded\s+(?P<debtor3>mail)\s+to|"
    r"plaintiff's\s+(?P<attorney>attorney),?\s+or\s+plaintiff\s+without\s+an\s+attorney,?\s+is|"
    r"to\s+the\s+(?P<garnishee>garnishee)|to\s+the\s+above-named\s+(?P<debtor2>defendant))"
    r"[^:]*:(?:\s*\([^)]*\)\s*:?)*\s*(?P<rest>.*)$", re.IGNORECASE)


# An agent for service of process is named for a party but is none (LABELING.md: `other`);
# the form's words say so before they name the party served ("If the defendant is a
# corporation, list the person or agent authorized for service of process").
AGENT_RE = r"agent\s+(?:authorized\s+)?for\s+service|registered\s+agent|service\s+of\s+process"
HEADING_ROLE_RE = (("other", AGENT_RE), ("attorney", r"attorney|counsel"),
                   ("debtor", r"debtor|defendant|consumer"),
                   ("creditor", r"creditor|plaintiff|client"))


FIRM_FIELD_RE = re.compile(r"(?:law\s+firm|firm(?:\s+name)?|(?:state\s+)?bar\s+(?:no|number|#))"
                           r"\.?\s*[:#]", re.IGNORECASE)


# a line opening with a short label, its separator and a value is a field, not a heading
FIELD_LINE_RE = re.compile(r"^\s*[^\W\d][\w'’/().&-]*(?:\s+[\w'’/().&-]+){0,2}\s*"
                           r"(?::|\s[-\u2013\u2014])\s*\w")


def _bare_name_role(lines: list[Line], index: int, doc_type: str) -> str | None:
    """Whose is a bare 'Name:' field: the heading a few lines above says ("DEBTOR
    INFORMATION", "ATTORNEY OR PARTY WITHOUT ATTORNEY"; an agent for service of process is
    `other`); on a placement sheet without one, the consumer's."""
    for k in range(index + 1, min(len(lines), index + 3)):
        if FIRM_FIELD_RE.match(lines[k].text.strip()):
            return "attorney"  # "Name: ... / Law firm: ..." is counsel's own block
    if re.search(AGENT_RE, lines[index].text, re.IGNORECASE):
        return "other"  # "Name: ...   Job title: Registered Agent"
    for k in range(index - 1, max(-1, index - 4), -1):
        text = lines[k].text.lower()
        if FIELD_LINE_RE.match(text):
            continue  # 'Prior creditor - CASCADE BANK': a field of its own, no heading
        for role, pattern in HEADING_ROLE_RE:
            if re.search(pattern, text):
                return role
    return "debtor" if doc_type == "placement" else None


def labelled_parties(lines: list[Line], doc_type: str = "other") -> list[PartyAnchor]:
    """'Debtor Name: Jane Doe', the same with the name in the next cell (a form table), and
    headings whose name follows on the next line ('TO THE GARNISHEE (EMPLOYER):')."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        cells = line_cells(lines, index)  # a boxed row's next label starts on a column
        for c, (start, end) in enumerate(cells):
            cell = line.text[start:end]
            match = NAME_LABEL_RE.match(cell)
            name_start = name_end = 0
            name_cell = c  # the cell the name is in (the label's own, or the next)
            if match:
                role = role_of_label(match.group("label"))
                if role == "name":
                    role = _bare_name_role(lines, index, doc_type)
                name = match.group("name").strip()
                name_start, name_end = start + match.start("name"), end
            elif c + 1 < len(cells) and LABEL_ONLY_RE.fullmatch(cell.strip()) and \
                    looks_like_name(line.text[cells[c + 1][0]:cells[c + 1][1]]) and \
                    not heading_row(lines, index):  # ('Debtor  Obligation' over two columns)
                role = role_of_label(cell.strip())
                name = ""
            else:
                continue
            if role is None:
                continue
            at, place = index, None
            if not name and c + 1 < len(cells):
                name_start, name_end = cells[c + 1]
                name = line.text[name_start:name_end]
                name_cell = c + 1
                # a small label in a row of labels: the cell beside it is the next label,
                # the name is in the cell under it
                under = value_under_small_label(lines, index, line.span_bbox(start, end),
                                                line.span_bbox(name_start, name_end))
                if under is not None:
                    (name, place), at = under, index + 1
            if not name:
                continue
            if place is None and name_cell + 1 < len(cells) and \
                    _name_goes_on(line, (name_start, name_end), cells[name_cell + 1]):
                name_end = cells[name_cell + 1][1]  # 'NORTHWIND' | 'CREDIT SERVICES, INC.'
                name = line.text[name_start:name_end].strip()
            if place is None:  # a company's name wrapped in its box ('... LLC' under it)
                name, place = wrapped_value(lines, index, name,
                                            line.span_bbox(name_start, name_end))
            name = clean_name(ASSIGNEE_RE.sub("", re.split(r",\s*\d", name)[0]))
            if not plausible_name(name):
                continue
            out.append(PartyAnchor(role, name, line.page,
                                   place or line.span_bbox(name_start, name_end),
                                   at, 0.93, "label"))
        heading = LABEL_ABOVE_RE.search(line.text)
        if heading:
            role = next(r.rstrip("23") for r in ("debtor", "creditor", "garnishee", "debtor2",
                                                 "debtor3", "attorney") if heading.group(r))
            anchor = _name_after_heading(lines, index, heading, role)
            if anchor is not None:
                out.append(anchor)
    return out


# the most space (in line heights) a cut inside one name leaves; a second column is further
MAX_NAME_CUT_HEIGHTS = 3.0


def _name_goes_on(line: Line, name: tuple[int, int], cell: tuple[int, int]) -> bool:
    """The next cell ends the company name a label's cell began: it is near (a wide space,
    or a column of the lines around, cut the name: 'PLAINTIFF/PETITIONER: NORTHWIND
    CREDIT SERVICES, INC.'), ends in a legal form and holds no label or figure (a second
    column's 'Prior Creditor - Harbor Point Corp.' is the next field)."""
    words = line.text[cell[0]:cell[1]].strip()
    left, right = line.span_bbox(*name), line.span_bbox(*cell)
    near = right[0] - left[2] <= MAX_NAME_CUT_HEIGHTS * (left[3] - left[1])
    return near and bool(NAME_FORM_RE.search(words)) and \
        not re.search(r"[:\d]|\s[-\u2013\u2014]\s", words)


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

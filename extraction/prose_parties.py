"""Parties named in blocks and sentences rather than captions or labels: lawyers with a bar
number or 'Esq.', a letter's addressee block, 'X is a debt collector', 'a debt that you owe
to X', and a deed's 'GRANTOR hereby GRANTS to GRANTEE'."""

from __future__ import annotations

import re

from core.lines import Line
from extraction.column_cells import cell_texts_with_next, column_cells
from extraction.parsers import CAPITAL, LETTER
from extraction.party_names import ORG_SUFFIX_RE, PartyAnchor, clean_name, plausible_name

WORD = rf"(?:{LETTER}|['\-])"  # a letter of a name's word, apostrophe or hyphen
TOP_LINES = 14  # a filing's top-left counsel block lies in its first lines

ATTORNEY_NAME_RE = re.compile(
    rf"(?P<name>(?:{CAPITAL}{WORD}*\.?\s){{1,3}}{CAPITAL}{WORD}+(?:,?\s(?:Jr|Sr|II|III)\.?)?)"
    r"(?:,\s*Esq\.?|\s*\(SBN|\s*\((?:State\s+)?Bar|,?\s*(?:State\s+)?Bar\s+No|,?\s*SBN|"
    r",?\s*Atty\.\s*No|\s+(?:SB|OBA|ARDC|BBO)\s*(?:No\.?\s*|#\s*)?\d{4,}|"
    r",?\s+[A-Z]{2}\s+Bar\s*(?:No\.?|#)\s*:?\s*\d{4,}|"
    r",\s*(?i:(?:the\s+)?attorneys?\s+for)\b)")
# A bar number on the line under the name: "Jane Roe / State Bar No. 123456", "Georgia Bar No."
BAR_LINE_RE = re.compile(r"^(?:[A-Z][a-z]+\s+){0,2}(?:State\s+)?Bar\s+(?:No|Number|ID|#)|^SBN\b|"
                         r"^(?:Atty|Attorney)\.?\s+(?:No|ID)\b", re.IGNORECASE)
PERSON_LINE_RE = re.compile(rf"^(?:{CAPITAL}{WORD}*\.?\s){{1,3}}{CAPITAL}{WORD}+"
                            r"(?:,?\s(?:Jr|Sr|II|III)\.?)?$")
COLLECTOR_RE = re.compile(rf"(?P<name>{CAPITAL}(?:{LETTER}|[.,&' -]){{2,60}}?)\s+is\s+a\s+debt"
                          r"\s+collector")
OWE_TO_RE = re.compile(r"(?:debt|balance)\s+(?:that\s+)?you\s+owe\s+to\s+(?P<name>[A-Z][\w.,&' -]"
                       r"{2,60}?(?:,\s*(?:N\.A\.|Inc\.|LLC|L\.L\.C\.|Corp\.|P\.C\.))?)"
                       r"(?:\.\s|\.$|,|\s+and\b)")
NAME_CHARS = rf"(?:{LETTER}|[.'\- ])"  # letters of any script ("Carrión"), initials, hyphens
GRANT_RE = re.compile(rf"(?P<grantor>[A-Z]{NAME_CHARS}{{3,60}}?)\s+(?:hereby\s+)?GRANTS?(?:\(S\))?"
                      rf"\s+to\s+(?P<grantee>[A-Z]{NAME_CHARS}{{3,60}}?)(?:,|\s+as\b|\s+and\b)")


def attorney_blocks(lines: list[Line]) -> list[PartyAnchor]:
    """Lawyers named with their bar number or 'Esq.' anywhere on the page (the caption's
    top-left block, signature blocks, 'Copies furnished to:')."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines):
        for match in _attorney_matches(lines, index):
            name = clean_name(match.group("name"))
            name = re.sub(r"^(?:By:?\s*/s/\s*|/s/\s*|Copies\s+furnished\s+to:?\s*)", "",
                          name, flags=re.IGNORECASE)
            name = re.sub(r"\s+State$", "", name)  # "JANE ROE, State / Bar No. 1"
            if not plausible_name(name) or len(name.split()) < 2 or ORG_SUFFIX_RE.search(name):
                continue
            top = index < TOP_LINES and match.start() == line.cells()[0][0]
            out.append(PartyAnchor("attorney", name, line.page,
                                   line.span_bbox(match.start("name"),
                                                  min(match.end("name"), len(line.text))),
                                   index, 0.9 if top else 0.85, "block" if top else "label"))
    return out + bar_line_attorneys(lines) + counsel_line_attorneys(lines)


def _run_on_matches(lines: list[Line], index: int) -> list[re.Match]:
    """Lawyers whose name or bar number runs from line ``index`` on to the next one, in a
    list of lawyers ("... / HYO JIN JULIA / JUNG, State Bar No.: 316090 / ..."); matched
    over the two lines joined, so their offsets past the first line's end are the next's."""
    if index < 0 or index + 1 >= len(lines):
        return []
    text = lines[index].text
    on_line = bool(ATTORNEY_NAME_RE.search(text))
    out = []
    for match in ATTORNEY_NAME_RE.finditer(text + " " + lines[index + 1].text):
        if not match.start("name") < len(text) < match.end():
            continue
        if match.end("name") > len(text):
            # the name itself runs on: only inside a list of lawyers already begun on the
            # line ("A, Bar No. 1 / B, Bar No. 2 / HYO JIN"), so that words before a name
            # ("FOR COURT USE ONLY / JANE ROE", "/s/ Jane Roe / Jane Roe, Esq.") stay out
            before = text[:match.start("name")].rstrip()
            if not on_line or not before.endswith(("/", ";", ",")) or before.endswith("/s/"):
                continue
        elif not on_line:
            continue  # only the bar number runs on: a list of lawyers on one line does so
        out.append(match)
    return out


def _attorney_matches(lines: list[Line], index: int) -> list[re.Match]:
    """Lawyers named on a line, with those running on to the next line; the tail of a name
    begun on the line above is not a lawyer of its own."""
    tails = [clean_name(m.group("name")) for m in _run_on_matches(lines, index - 1)]
    found = [m for m in ATTORNEY_NAME_RE.finditer(lines[index].text)
             if not any(t != clean_name(m.group("name")) and t.endswith(clean_name(m.group("name")))
                        for t in tails)]
    return found + _run_on_matches(lines, index)


def bar_line_attorneys(lines: list[Line]) -> list[PartyAnchor]:
    """A person's name whose bar number is printed on the line right under it, in the same
    column (attorney blocks that list each lawyer over two lines)."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines[:-1]):
        for start, end in line.cells():
            text = line.text[start:end].strip()
            if not PERSON_LINE_RE.match(text) or ORG_SUFFIX_RE.search(text):
                continue
            below = column_cells(lines, index, line.span_bbox(start, end)[0], +1, limit=1)
            if not below or not BAR_LINE_RE.match(below[0].text.strip()):
                continue
            name = clean_name(text)
            if plausible_name(name) and 2 <= len(name.split()) <= 5:
                out.append(PartyAnchor("attorney", name, line.page, line.span_bbox(start, end),
                                       index, 0.9 if index < TOP_LINES else 0.85,
                                       "block" if index < TOP_LINES else "label"))
    return out


COUNSEL_FOR_RE = re.compile(r"^(?:attorneys?|counsel)\s+for\b", re.IGNORECASE)


def counsel_line_attorneys(lines: list[Line]) -> list[PartyAnchor]:
    """The person heading a filing's top-left counsel block that ends "Attorney for ...",
    where no bar number or "Esq." is printed (bankruptcy and federal filings:
    "David Roe / ROE LAW, P.C. / 310 K Street ... / Attorney for Debtor")."""
    out: list[PartyAnchor] = []
    for index, line in enumerate(lines[:TOP_LINES]):
        start, end = line.cells()[0]
        text = line.text[start:end].strip()
        if not PERSON_LINE_RE.match(text) or ORG_SUFFIX_RE.search(text):
            continue
        if index > 0 and lines[index - 1].cells() and abs(
                lines[index - 1].span_bbox(*lines[index - 1].cells()[0])[0]
                - line.span_bbox(start, end)[0]) <= 2 and \
                lines[index].top - lines[index - 1].bottom < 1.8 * line.height:
            continue  # not the block's first line
        below = column_cells(lines, index, line.span_bbox(start, end)[0], +1, limit=8)
        if not any(COUNSEL_FOR_RE.match(cell.text.strip()) for cell in below):
            continue
        name = clean_name(text)
        if plausible_name(name) and 2 <= len(name.split()) <= 5:
            out.append(PartyAnchor("attorney", name, line.page, line.span_bbox(start, end),
                                   index, 0.88, "block"))
    return out


SALUTATION_RE = re.compile(r"^\s*Dear\s+(?P<name>[^:,]{3,60})[:,]", re.IGNORECASE)


def letter_recipient(lines: list[Line]) -> list[PartyAnchor]:
    """The addressee block of a letter: a person's name over a street line (any column).
    Where the salutation names the addressee ("Dear JANE DOE:"), the block with that name
    wins over one found first (a letterhead under a logo the text layer garbled)."""
    from rapidfuzz import fuzz

    blocks = _recipient_blocks(lines)
    greeted = [m.group("name").strip() for line in lines
               if (m := SALUTATION_RE.match(line.text))]
    for anchor in blocks:
        if any(fuzz.token_sort_ratio(anchor.name.lower(), g.lower()) >= 90 for g in greeted):
            return [anchor]
    return blocks[:1]


def _recipient_blocks(lines: list[Line]) -> list[PartyAnchor]:
    out: list[PartyAnchor] = []
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
            out.append(PartyAnchor("debtor", name, line.page, line.span_bbox(start, end),
                                   index, 0.8, "block"))
    return out


ADDRESSEE_MAX_PEOPLE = 6
ADDRESSEE_HEAD_LINES = 12  # the head of a letter: its first lines, or its upper half


def addressee_blocks(lines: list[Line]) -> list[PartyAnchor]:
    """Several people addressed at one firm: "Jane Roe / John Poe / ROE & POE LLP / 1 Main
    St / City, ST 12345" at the head of a letter (or a pleading's counsel block without bar
    numbers). People listed over a firm's name and address are its lawyers; each is a
    party, and the block's address is shared among them (``share_attorney_blocks``)."""
    from extraction.candidates import STREET_START_RE
    from extraction.parsers import CITY_STATE_ZIP_RE

    out: list[PartyAnchor] = []
    for index in range(0, min(len(lines), max(ADDRESSEE_HEAD_LINES, len(lines) // 2 + 1))):
        line = lines[index]
        for start, end in line.cells():
            match = CITY_STATE_ZIP_RE.match(line.text[start:end])
            if not match or match.end() < end - start - 1:
                continue
            above = column_cells(lines, index, line.span_bbox(start, end)[0], -1,
                                 limit=ADDRESSEE_MAX_PEOPLE + 3)
            street = next((k for k, cell in enumerate(above[:2])
                           if STREET_START_RE.search(cell.text.strip())), None)
            if street is None or len(above) < street + 3:
                continue
            firm = above[street + 1]
            if PERSON_LINE_RE.match(firm.text.strip()) and not ORG_SUFFIX_RE.search(firm.text):
                continue  # no firm line: people at a home address are not counsel
            people = []
            for cell in above[street + 2:]:
                text = cell.text.strip()
                if not PERSON_LINE_RE.match(text) or ORG_SUFFIX_RE.search(text) or \
                        not 2 <= len(text.split()) <= 4:
                    break
                people.append(cell)
            if len(people) < 2:
                continue
            for cell in people:
                name = clean_name(cell.text)
                if plausible_name(name):
                    out.append(PartyAnchor("attorney", name, line.page, cell.bbox,
                                           cell.line_index, 0.85, "block"))
    return out


def collector_parties(lines: list[Line], doc_type: str) -> list[PartyAnchor]:
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


def owed_to_parties(lines: list[Line]) -> list[PartyAnchor]:
    return [PartyAnchor("creditor", name, lines[i].page, lines[i].span_bbox(start, end), i,
                        0.88, "label") for i, start, end, name in owed_to_names(lines)]


def deed_parties(lines: list[Line]) -> list[PartyAnchor]:
    """'GRANTOR hereby GRANT(S) to GRANTEE, ...' in a deed: the grantee owns the property
    now (the person skip tracing is after), the grantor is another party."""
    out: list[PartyAnchor] = []
    read_with_previous: set[int] = set()  # lines whose grant the line above already read
    for index, line in enumerate(lines):
        joined = line.text + (" " + lines[index + 1].text if index + 1 < len(lines) else "")
        match = GRANT_RE.search(joined)
        if not match or match.start() >= len(line.text) or index in read_with_previous:
            continue
        if match.end("grantor") > len(line.text):
            # the grantor's name wraps ("... acknowledged, Dorothy / Castellanos hereby
            # GRANT(S) to"): read whole here, the next line would read only its tail
            read_with_previous.add(index + 1)
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

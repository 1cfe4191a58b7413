"""Full SSNs out of page words at intake: mask all but the last four, keep every box.

Every later reader (extraction, the stored ``Page.words`` / ``Page.text``, snippets,
line pickers, tooltips, search, training exports, logs) works from the words intake
returns, so masking here is the one place a full SSN is stopped. The original file
stays unchanged in the content-addressed store (evidence); the workbench blacks out
the boxes of masked words (``Word.redacted``) when it shows a page image rendered from
that original.

What counts as a full SSN (docs/privacy.md, "Full SSNs", says why):

- nine digits after an SSN label ("SSN", "S.S.N.", "SS#", "Soc. Sec. No.", "Social
  Security Number", "ITIN"), grouped 3-2-4, 2-7 or not at all;
- nine digits grouped 3-2-4 or bare after a "TIN" / "Tax ID" label (a 2-7 number there
  is an employer's EIN and stays);
- nine digits in the 3-2-4 shape with separators anywhere, without a label.

Digits may carry the usual OCR confusions (O/o for 0, l/I/| for 1, S for 5, B for 8) and
may be split over one to three words ("123-45-6789", "123 45 6789", "123-45 6789").
Every digit but the last four becomes ``*``; the last four are kept (confusions read as
the digits they stand for), so ``***-**-6789`` is what extraction sees. Phone numbers
(3-3-4), ZIP+4 (5-4), case numbers (``24-CV-123456789``), account numbers, dates and
unlabelled EINs (2-7) do not match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.document import PageContent, Word

MASK = "*"

# One digit as printed or as OCR misreads it; the value part is matched case-sensitively.
_D = r"[0-9OoIl|SB]"
_CONFUSIONS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1",
                             "S": "5", "B": "8"})
# Between digit groups: a hyphen or dash (spaces allowed around it), a dot, or a space.
_SEP = r"(?:\s?[-\u2010-\u2015.]\s?|\s)"
_SEP_OPT = rf"{_SEP}?"
# Not glued to other digits or letters on either side, nor running on into more digits.
_BEFORE = r"(?<![0-9A-Za-z|*#\-\u2010-\u2015])"
_AFTER = r"(?![0-9A-Za-z|]|[-\u2010-\u2015.]\d)"

_SHAPE_324 = rf"{_D}{{3}}{_SEP}{_D}{{2}}{_SEP}{_D}{{4}}"
_SHAPE_324_OR_BARE = rf"{_D}{{3}}{_SEP_OPT}{_D}{{2}}{_SEP_OPT}{_D}{{4}}"
_SHAPE_27 = rf"{_D}{{2}}{_SEP}{_D}{{7}}"

# Labels of a person's number. "No.", "Number", "#" and a ":" may follow.
_PERSON_LABEL = (r"(?i:\b(?:ssn|s\.\s?s\.\s?n\.?|ss\s?#|ss\s?no\.?|itin|"
                 r"soc(?:ial|\.)?\s*sec(?:urity|\.)?(?:\s*(?:no\.?|number|num\.?|nbr\.?|#))?)"
                 r"(?:\s*/\s*(?:tin|itin))?)")
_TIN_LABEL = r"(?i:\b(?:tin|tax\s*id(?:entification)?(?:\s*(?:no\.?|number|#))?|taxpayer\s*id))"
_FILLER = r"(?i:[\s:#.\-]*(?:(?:no|number|num|nbr)\b\.?[\s:#]*)?(?:\((?:full|ssn)\)[\s:]*)?)"

PERSON_LABELLED = re.compile(
    rf"{_PERSON_LABEL}{_FILLER}{_BEFORE}(?P<value>{_SHAPE_324_OR_BARE}|{_SHAPE_27}){_AFTER}")
TIN_LABELLED = re.compile(rf"{_TIN_LABEL}{_FILLER}{_BEFORE}(?P<value>{_SHAPE_324_OR_BARE}){_AFTER}")
UNLABELLED = re.compile(rf"{_BEFORE}(?P<value>{_SHAPE_324}){_AFTER}")

_SEPARATOR = re.compile(r"[\s\-\u2010-\u2015.]")
_DIGIT = re.compile(_D)

# A run of confused letters is a word, not a number: at least this many real digits.
MIN_REAL_DIGITS = 6


@dataclass(frozen=True, slots=True)
class SsnSpan:
    """Where a full SSN sits in a text: ``[start, end)`` and its last four digits."""

    start: int
    end: int
    last4: str


def _real_digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def find_full_ssns(text: str) -> list[SsnSpan]:
    """Every full SSN in ``text`` (labelled first; spans never overlap)."""
    spans: list[SsnSpan] = []

    def overlaps(start: int, end: int) -> bool:
        return any(s.start < end and start < s.end for s in spans)

    for pattern in (PERSON_LABELLED, TIN_LABELLED, UNLABELLED):
        for match in pattern.finditer(text):
            start, end = match.span("value")
            value = match.group("value")
            digits = [ch for ch in value if _DIGIT.fullmatch(ch)]
            if len(digits) != 9 or _real_digits(value) < MIN_REAL_DIGITS:
                continue
            if overlaps(start, end):
                continue
            last4 = "".join(digits[-4:]).translate(_CONFUSIONS)
            spans.append(SsnSpan(start, end, last4))
    return sorted(spans, key=lambda s: s.start)


def _mask_part(part: str, digits_before: int, last4: str) -> tuple[str, int]:
    """One word's share of an SSN in the canonical masked form: every digit but the last
    four starred, groups 3-2-4 joined by '-', separators inside the word dropped (the
    joined words then read ``***-**-6789`` or ``*** ** 6789``). A word that is only a
    separator stays as it is."""
    if not any(_DIGIT.fullmatch(ch) for ch in part):
        return part, digits_before
    out: list[str] = []
    seen = digits_before
    for ch in part:
        if not _DIGIT.fullmatch(ch):
            continue
        seen += 1
        if seen in (4, 6) and out:
            out.append("-")
        out.append(last4[seen - 6] if seen > 5 else MASK)
    return "".join(out), seen


def mask_text(text: str) -> str:
    """``text`` (one line) with each full SSN masked (``***-**-6789``); else unchanged."""
    parts = text.split(" ")
    words = [Word(part, (float(i), 0.0, float(i) + 1.0, 1.0)) for i, part in enumerate(parts)]
    masked, found = redact_words(words)
    return " ".join(w.text for w in masked) if found else text


def mask_page_text(text: str) -> str:
    """A stored page text (lines joined by newlines) with every full SSN masked."""
    return "\n".join(mask_text(line) for line in text.split("\n"))


def _line_groups(words: Sequence[Word]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        groups.setdefault(word.line, []).append(index)
    return [sorted(indexes, key=lambda i: words[i].bbox[0]) for _, indexes in
            sorted(groups.items())]


def redact_words(words: Sequence[Word]) -> tuple[list[Word], int]:
    """The words with every full SSN masked in place (boxes kept, masked words marked
    ``redacted``) and how many SSNs were masked."""
    result = list(words)
    found = 0
    for indexes in _line_groups(words):
        texts = [words[i].text for i in indexes]
        starts: list[int] = []
        pos = 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        spans = find_full_ssns(" ".join(texts))
        found += len(spans)
        # right to left, so a masked word that changes length moves nothing still to mask
        for span in reversed(spans):
            touched = [k for k, start in enumerate(starts)
                       if start < span.end and span.start < start + len(words[indexes[k]].text)]
            digits_seen = 0
            for k in touched:
                text = texts[k]
                lo = max(span.start - starts[k], 0)
                hi = min(span.end - starts[k], len(words[indexes[k]].text))
                part = text[lo:hi]
                masked, digits_seen = _mask_part(part, digits_seen, span.last4)
                texts[k] = text[:lo] + masked + text[hi:]
        for k, i in enumerate(indexes):
            if texts[k] != words[i].text:
                result[i] = replace(words[i], text=texts[k], redacted=True)
    return result, found


def redact_page(page: PageContent) -> tuple[PageContent, int]:
    """``page`` with its full SSNs masked (a new page when any was found)."""
    if not page.words:
        return page, 0
    words, found = redact_words(page.words)
    if not found:
        return page, 0
    return replace(page, words=words), found


def redact_stored_words(words: list[dict]) -> tuple[list[dict], int]:
    """Stored word dicts (``Page.words``) with every full SSN masked: for old databases."""
    parsed = [Word.from_dict(w) for w in words]
    redacted, found = redact_words(parsed)
    if not found:
        return words, 0
    out: list[dict] = []
    for original, old, new in zip(words, parsed, redacted, strict=True):
        if new is old:
            out.append(original)
        else:
            changed = dict(original)
            changed["text"] = new.text
            changed["redacted"] = True
            out.append(changed)
    return out, found

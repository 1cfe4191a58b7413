"""Lines and geometry over page words: the shared ground of every finder.

Text-layer and OCR words arrive in the same shape (``core.document.Word``); this module
turns them into visual lines with character offsets, so that a regex match over a line's
text maps back to the words (and so the box) it came from. It also cleans what real
documents throw at us: a doubled text layer (every word twice at the same place) and
common OCR confusions in label words ("Attomey").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.document import BBox, PageContent, Word

# A gap wider than this many points between two words on one line starts a new cell.
CELL_GAP_PT = 14.0
# Words whose boxes overlap this much (share of the smaller box) are one word printed twice.
DUPLICATE_OVERLAP = 0.6

OCR_FIXES = {
    "attomey": "attorney", "attomeys": "attorneys", "arnount": "amount", "arnount:": "amount:",
    "plaintifi": "plaintiff", "defendani": "defendant", "judgrnent": "judgment",
    "cornplaint": "complaint", "nurnber": "number", "sumrnons": "summons",
}


@dataclass(slots=True)
class Line:
    """One visual line: words left to right, their joined text and each word's offset in it."""

    page: int
    index: int
    words: list[Word]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    rotation: int = 0  # clockwise turn applied to the page's boxes to read it upright

    def __post_init__(self) -> None:
        parts: list[str] = []
        pos = 0
        self.starts = []
        for word in self.words:
            self.starts.append(pos)
            parts.append(word.text)
            pos += len(word.text) + 1
        self.text = " ".join(parts)

    @property
    def bbox(self) -> BBox:
        return union_bbox(w.bbox for w in self.words)

    @property
    def top(self) -> float:
        return min(w.bbox[1] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bbox[3] for w in self.words)

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    def word_span(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the words that the character span [start, end) touches."""
        first = last = -1
        for i, word_start in enumerate(self.starts):
            word_end = word_start + len(self.words[i].text)
            if word_end > start and word_start < end:
                if first < 0:
                    first = i
                last = i
        if first < 0:
            return (0, 0)
        return (first, last + 1)

    def span_bbox(self, start: int, end: int) -> BBox:
        i, j = self.word_span(start, end)
        return union_bbox(w.bbox for w in self.words[i:j]) if j > i else self.bbox

    def span_confidence(self, start: int, end: int) -> float:
        i, j = self.word_span(start, end)
        words = self.words[i:j]
        return min((w.confidence for w in words), default=1.0)

    def cells(self) -> list[tuple[int, int]]:
        """Character spans of the line's cells: runs of words without a wide gap."""
        spans: list[tuple[int, int]] = []
        cell_start = 0
        for i in range(1, len(self.words)):
            gap = self.words[i].bbox[0] - self.words[i - 1].bbox[2]
            if gap > CELL_GAP_PT:
                spans.append((self.starts[cell_start],
                              self.starts[i - 1] + len(self.words[i - 1].text)))
                cell_start = i
        if self.words:
            spans.append((self.starts[cell_start],
                          self.starts[-1] + len(self.words[-1].text)))
        return spans


def union_bbox(boxes) -> BBox:
    boxes = list(boxes)
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _overlap_share(a: BBox, b: BBox) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return width * height / smaller


def fix_ocr_token(text: str) -> str:
    """Undo the OCR confusions that break label words; other words pass unchanged."""
    fixed = OCR_FIXES.get(text.lower())
    if fixed is None:
        return text
    if text.isupper():
        return fixed.upper()
    if text[:1].isupper():
        return fixed[:1].upper() + fixed[1:]
    return fixed


DOT_LEADER_RE = re.compile(r"^[.\u2026_]{3,}:?$")


LABEL_LEXICON = (
    "principal", "interest", "balance", "amount", "judgment", "account", "creditor",
    "original", "current", "defendant", "plaintiff", "attorney", "birth", "total", "costs",
    "number", "client", "debtor", "garnishee", "employer", "address", "telephone", "recorded",
    "summons", "complaint", "charges", "entered", "filed", "placed", "payment", "court",
    "county", "superior", "circuit", "district", "justice", "municipal", "magistrate",
)
FUZZY_MIN_SCORE = 84
OCR_SURE = 0.9  # OCR words at least this sure (Word.confidence, 0..1 from any engine) stay


def fuzzy_label_word(text: str) -> str:
    """An OCR-garbled label word put right ("PRINCEPAL" -> "PRINCIPAL"), case kept."""
    from rapidfuzz import fuzz, process

    core = text.strip(".,:;()©®'\"")
    if len(core) < 5 or not core.isalpha():
        return text
    found = process.extractOne(core.lower(), LABEL_LEXICON, scorer=fuzz.ratio,
                               score_cutoff=FUZZY_MIN_SCORE)
    if found is None or found[0] == core.lower():
        return text
    fixed = found[0].upper() if core.isupper() else (
        found[0].capitalize() if core[0].isupper() else found[0])
    return text.replace(core, fixed)


def clean_words(words: list[Word], *, ocr: bool = False) -> list[Word]:
    """Drop empty and doubled words (a second text layer) and fix OCR label confusions."""
    kept: list[Word] = []
    for word in words:
        text = word.text.strip()
        if "_" in text:
            text = text.replace("_", "")  # a filled form field typed over its underline
        if not text:
            continue
        duplicate = any(prev.text == text and _overlap_share(prev.bbox, word.bbox)
                        > DUPLICATE_OVERLAP for prev in kept[-12:])
        if duplicate:
            continue
        if DOT_LEADER_RE.match(text):
            text = ":"  # "CLIENT ........ ACME" reads as "CLIENT : ACME"
        elif ocr and word.confidence < OCR_SURE:
            text = fuzzy_label_word(text)
        kept.append(Word(text=fix_ocr_token(text), bbox=word.bbox,
                         confidence=word.confidence, line=word.line))
    return kept


MARGIN_NUMBER_RE = re.compile(r"^\d{1,2}$")
MARGIN_SHARE = 0.16  # pleading-paper line numbers sit in this left share of the page
MIN_MARGIN_NUMBERS = 5


def drop_margin_numbers(words: list[Word], page_width: float) -> list[Word]:
    """Remove pleading-paper line numbers (1..28 down the left margin): they are not text."""
    numbers = [w for w in words if MARGIN_NUMBER_RE.match(w.text)
               and w.bbox[2] < MARGIN_SHARE * page_width]
    if len(numbers) < MIN_MARGIN_NUMBERS:
        return words
    drop = {id(w) for w in numbers}
    return [w for w in words if id(w) not in drop]


def page_to_lines(page: PageContent) -> list[Line]:
    """Group a page's words into visual lines, top to bottom, each left to right.

    Text-layer words are grouped by vertical overlap (forms put each field in its own run).
    OCR words keep the engine's own lines (``Word.line``), which follow a slightly skewed
    scan where a y-band would cut a line in two; lines side by side (two columns, a label
    and its value) are then joined into one row. An OCR page fed sideways or upside down
    keeps its boxes in the page's frame; its words are first turned upright
    (``Line.rotation`` says how, ``to_page_box`` turns a box back).
    """
    words = drop_margin_numbers(clean_words(page.words, ocr=page.source == "ocr"), page.width)
    if page.source != "ocr":
        return _rows_to_lines(page.number, _band_rows(words), 0)
    best: list[Line] = []
    best_score = -1e9
    for rotation in _rotations_to_try(words):
        turned = [_turn_word(w, rotation, page.width, page.height) for w in words]
        lines = _rows_to_lines(page.number, _ocr_rows(turned), rotation)
        score = reading_score(lines) - (0.5 if rotation else 0.0)
        if score > best_score:
            best, best_score = lines, score
    return best


FORWARD_BIGRAMS = ("of the", "in the", "to the", "for the", "and the", "on the", "by the",
                   "from the", "at the", "with the", "is the", "date of", "of birth",
                   "account number", "is a", "you owe", "amount due", "case no", "page 1")
# Shapes that read one way only: "City, ST 12345" and "Label: value".
FORWARD_SHAPES = (re.compile(r"[a-z]+, [a-z]{2} \d{5}\b"), re.compile(r"[a-z]+: \$?\d"))
BACKWARD_SHAPES = (re.compile(r"\b\d{5} [a-z]{2} [a-z]+,"), re.compile(r"\$?[\d,.]+\d [a-z]+:"))


def reading_score(lines: list[Line]) -> float:
    """How much the lines read like English left to right: common bigrams and shapes
    forward minus the same backward ("the of", "62704 IL Springfield,")."""
    text = " ".join(line.text.lower() for line in lines)
    forward = sum(text.count(b) for b in FORWARD_BIGRAMS)
    forward += sum(len(p.findall(text)) for p in FORWARD_SHAPES)
    backward = sum(text.count(" ".join(reversed(b.split()))) for b in FORWARD_BIGRAMS)
    backward += sum(len(p.findall(text)) for p in BACKWARD_SHAPES)
    return float(forward - backward)


def _rotations_to_try(words: list[Word]) -> tuple[int, ...]:
    long_words = [w for w in words if len(w.text) >= 4]
    if not long_words:
        return (0,)
    tall = sum((w.bbox[3] - w.bbox[1]) > (w.bbox[2] - w.bbox[0]) for w in long_words)
    return (90, 270) if tall > 0.6 * len(long_words) else (0, 180)


def _turn_box(box: BBox, rotation: int, width: float, height: float) -> BBox:
    """A page-frame box in the frame of the page turned ``rotation`` degrees clockwise."""
    x0, top, x1, bottom = box
    if rotation == 90:
        return (height - bottom, x0, height - top, x1)
    if rotation == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if rotation == 270:
        return (top, width - x1, bottom, width - x0)
    return box


def to_page_box(box: BBox, rotation: int, width: float, height: float) -> BBox:
    """Undo ``_turn_box``: a box of the upright reading frame back in the page's frame."""
    x0, top, x1, bottom = box
    if rotation == 90:
        return (top, height - x1, bottom, height - x0)
    if rotation == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if rotation == 270:
        return (width - bottom, x0, width - top, x1)
    return box


def _turn_word(word: Word, rotation: int, width: float, height: float) -> Word:
    if not rotation:
        return word
    return Word(word.text, _turn_box(word.bbox, rotation, width, height), word.confidence,
                word.line)


def _rows_to_lines(number: int, rows: list[list[Word]], rotation: int) -> list[Line]:
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.bbox[0])
        lines.append(Line(page=number, index=len(lines), words=row, rotation=rotation))
    return lines


def _height(words: list[Word]) -> float:
    return max(1.0, sorted(w.bbox[3] - w.bbox[1] for w in words)[len(words) // 2])


def _page_slope(groups: list[list[Word]]) -> float:
    """The page's residual skew (dy per dx) from the words of long OCR lines: the median of
    the slope of word centres along each line."""
    slopes = []
    for group in groups:
        if len(group) < 4:
            continue
        xs = [(w.bbox[0] + w.bbox[2]) / 2 for w in group]
        ys = [(w.bbox[1] + w.bbox[3]) / 2 for w in group]
        spread = max(xs) - min(xs)
        if spread < 150:
            continue
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        variance = sum((x - mean_x) ** 2 for x in xs)
        slopes.append(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
                      / variance)
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def _ocr_rows(words: list[Word]) -> list[list[Word]]:
    groups: dict[int, list[Word]] = {}
    for word in words:
        groups.setdefault(word.line, []).append(word)
    slope = _page_slope(list(groups.values()))

    def level(group: list[Word]) -> float:
        """Centre height with the skew taken out, so a row's two ends compare."""
        return sum((w.bbox[1] + w.bbox[3]) / 2 - slope * (w.bbox[0] + w.bbox[2]) / 2
                   for w in group) / len(group)

    ordered = sorted(groups.values(), key=level)
    rows: list[list[Word]] = []
    for group in ordered:
        x0, x1 = min(w.bbox[0] for w in group), max(w.bbox[2] for w in group)
        placed = False
        for row in rows[-3:]:
            overlaps = any(w.bbox[0] < x1 and w.bbox[2] > x0 for w in row)
            if not overlaps and abs(level(row) - level(group)) < 0.5 * _height(group):
                row.extend(group)
                placed = True
                break
        if not placed:
            rows.append(list(group))
    rows.sort(key=level)
    return rows


def _band_rows(words: list[Word]) -> list[list[Word]]:
    words = sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0]))
    rows: list[list[Word]] = []
    for word in words:
        mid = (word.bbox[1] + word.bbox[3]) / 2
        height = max(1.0, word.bbox[3] - word.bbox[1])
        if rows:
            row = rows[-1]
            row_top = min(w.bbox[1] for w in row)
            row_bottom = max(w.bbox[3] for w in row)
            row_mid = (row_top + row_bottom) / 2
            if abs(mid - row_mid) < 0.5 * min(height, row_bottom - row_top or height):
                row.append(word)
                continue
        rows.append([word])
    return rows

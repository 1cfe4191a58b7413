"""value_labels: the label a parsed value is printed with, and which field that label means.

Why: the label rules (``labels.py``) know a fixed set of wordings and, where the label
beside a value matches none of them, read on to the text above it: on a key/value sheet
that is the previous row ("Penalties 35.00" under "Unpaid Interest 1,821.54" became
interest). A value printed with a label of its own is labelled by that label and by
nothing else. Which label is the value's own is geometry: the text before it in its cell
up to a separator ("Payoff Amount: $1.00"), the cell before it on its line, or the cell
right above it in its column (a row of labels over a row of values). What the label means
is read by nearest prototype in MiniLM space (``label_meaning.readings`` with the value's
kind), so a wording no rule lists still lands on its field, and a label that is surely no
field (a rate, a limit, a settlement offer) says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line
from extraction import parsers
from extraction.candidates import Candidate
from extraction.kv_pairs import label_wrap
from extraction.label_meaning import MIN_SIMILARITY, NONE, readings
from extraction.labels import RoleGuess, generic_amount

KINDS = ("amount", "account_number")
MAX_WORDS = 5
ALIGN_PT = 12.0  # a label above starts this close to its value's left edge
ABOVE_GAP_LINES = 1.6  # and ends at most this many line heights above it
SEPARATOR_RE = re.compile(r"(?:\s*(?::|-|–|\.{2,}|=)|\s+\.)+\s*$")
MAX_RUN_IN_WORDS = 4
# what may stand before a value on its line when its label is the cell above: other values
VALUES_RE = re.compile(r"^[\s$¢.,()\d\-–/%]*(?:USD[\s\d$.,]*)*$", re.IGNORECASE)
# abbreviations of printed labels, spelled out for the encoder (typography, not wording)
ABBREVIATIONS = (
    (r"#", " number"),
    (r"\bno\.(?=\s|$)", "number"),
    (r"\bnbr\b", "number"),
    (r"\bamt\b\.?", "amount"),
    (r"\bacct\b\.?", "account"),
    (r"\bbal\b\.?", "balance"),
    (r"\bprin\b\.?", "principal"),
    (r"\bpmt\b\.?", "payment"),
)


def spelled_out(label: str) -> str:
    """A label with its abbreviations written out ('Prin. Bal.' -> 'principal balance')."""
    text = label.lower()
    for pattern, word in ABBREVIATIONS:
        text = re.sub(pattern, word, text)
    return " ".join(text.split())


CURRENCY_RE = re.compile(r"(?:\s+|^)(?:USD|US\$|\$)\s*$", re.IGNORECASE)
LABEL_RE = re.compile(r"^[^\W\d_][^\d@$%]*$")
SCORE = {"hi": 0.9, "mid": 0.85}  # the evidence score of a field read from its label
SURE = 0.65  # similarity at which a reading is 'hi'
OVERRULE = 0.58  # a reading this close overrules a rule that read the same label
VETO_OVERRULE = 0.75  # and this close, a rule that read it as a label of no field
UNSURE = "unsure"  # a label of its own whose meaning no prototype reaches
KEEP = "keep"  # the same for an account number: its labels' meanings lie close together


@dataclass(slots=True)
class ValueLabel:
    """A value's own label: its text and where it sits (``left`` on its line, ``above``
    in its column), as the rules name those places."""

    text: str
    where: str


LabelReading = tuple[ValueLabel, str, float]  # own label, the field it means, similarity


def _clean(text: str) -> str:
    text = CURRENCY_RE.sub("", text.rstrip())
    return SEPARATOR_RE.sub("", text).strip()


def _label_text(text: str, *, separated: bool) -> str | None:
    """``text`` as a label: a few words, no digits, a capital first; in the value's own
    cell it must end with a separator or be a few capitalized words (prose before a value
    is no label)."""
    raw = CURRENCY_RE.sub("", text.rstrip())
    label = _clean(text)
    if (
        not label
        or not LABEL_RE.match(label)
        or len(label.split()) > MAX_WORDS
        or not label[:1].isupper()
    ):
        return None
    if (
        separated
        and not SEPARATOR_RE.search(raw)
        and not (
            len(label.split()) <= MAX_RUN_IN_WORDS
            and all(w[:1].isupper() for w in label.split() if w[:1].isalpha())
        )
    ):
        return None
    return label


def own_label(lines: list[Line], index: int, cand: Candidate) -> ValueLabel | None:
    """The label printed with ``cand`` (on line ``index``), or None: before it in its cell
    (after a separator, or a few capitalized words: a padded printout), else the cell before
    it when that cell is only a label, else (nothing but values before it on its line) the
    cell right above it in its column: a row of labels over a row of values."""
    line = lines[index]
    cells = line.cells()
    at = next((i for i, (s, e) in enumerate(cells) if s <= cand.start < max(e, s + 1)), None)
    if at is None:
        return None
    own = line.text[cells[at][0] : cand.start]
    if own.strip():
        label = _label_text(own, separated=True)
        return ValueLabel(label, "left") if label else None
    grid = _grid_label(lines, index, cand)
    if grid is not None:
        return grid
    if at > 0:
        s, e = cells[at - 1]
        before = line.text[s:e]
        label = _label_text(before, separated=False)
        if label:
            # a boxed label wrapped onto the next line ('REMAINING' over 'BALANCE:')
            wrap = label_wrap(lines, index, line.span_bbox(s, e), cand.bbox)
            return ValueLabel(f"{label}{wrap}", "left")
        if not VALUES_RE.match(line.text[: cells[at][0]]):
            return None  # text that is no label (a date, a sentence) stands before it
    if index == 0:
        return None
    above = lines[index - 1]
    if _far_apart(above, line):
        return None
    for s, e in above.cells():
        box = above.span_bbox(s, e)
        if abs(box[0] - cand.bbox[0]) <= ALIGN_PT and box[0] < cand.bbox[2]:
            label = _label_text(above.text[s:e], separated=False)
            if label is None:
                return None
            head = _label_head(lines, index - 1, box)
            return ValueLabel(f"{head} {label}" if head else label, "above")
    return None


def _grid_label(lines: list[Line], index: int, cand: Candidate) -> ValueLabel | None:
    """In a row of labels over a row of values (every cell of the value's line starts under
    a cell of the line above, which prints no digits), the label over the value: the cell
    before it on its line is a label wrapped from the row above ('AMOUNT FINANCED' over
    'OUTSTANDING'), not this value's."""
    if index == 0:
        return None
    line, above = lines[index], lines[index - 1]
    if _far_apart(above, line) or re.search(r"\d", above.text):
        return None
    heads = [(above.span_bbox(s, e)[0], above.text[s:e]) for s, e in above.cells()]
    starts = [line.span_bbox(s, e)[0] for s, e in line.cells()]
    if len(heads) < 2 or not all(any(abs(x - h) <= ALIGN_PT for h, _ in heads) for x in starts):
        return None
    if _first_row_of_a_table(lines, index):
        return None  # "Item  Amount" over rows of a label and its value: the row's label
    for x, text in heads:
        if abs(x - cand.bbox[0]) <= ALIGN_PT:
            label = _label_text(text, separated=False)
            return ValueLabel(label, "above") if label else None
    return None


def _first_row_of_a_table(lines: list[Line], index: int) -> bool:
    """Line ``index`` and the line under it are rows of one table of a label and its value
    (the same cells at the same places, a label without digits first and a value last), as
    under a header "Item  Amount": the header names the columns, each row's label its value."""
    if index + 1 >= len(lines):
        return False
    line, below = lines[index], lines[index + 1]
    cells, under = line.cells(), below.cells()
    if len(cells) < 2 or len(cells) != len(under) or \
            below.top - line.bottom > ABOVE_GAP_LINES * line.height:
        return False
    aligned = abs(line.span_bbox(*cells[0])[0] - below.span_bbox(*under[0])[0]) <= ALIGN_PT
    return aligned and _label_then_value(line) and _label_then_value(below)


def _label_then_value(row: Line) -> bool:
    """A row whose first cell holds no digits and whose last cell does."""
    cells = row.cells()
    first, last = row.text[slice(*cells[0])], row.text[slice(*cells[-1])]
    return not re.search(r"\d", first) and bool(re.search(r"\d", last))


def _far_apart(upper: Line, lower: Line) -> bool:
    """More than ``ABOVE_GAP_LINES`` of the lower line's height between the two lines."""
    return lower.top - upper.bottom > ABOVE_GAP_LINES * lower.height


def _label_head(lines: list[Line], index: int, box: BBox) -> str:
    """The first line of a label over its value wrapped onto two lines, where the second
    (on line ``index``, at ``box``) shares its line with values of the labels beside it
    ('AMOUNT FINANCED' over 'OUTSTANDING  $303.24  $39.00'): the label cell right above,
    in its column, on a line of labels only; else ''."""
    line = lines[index]
    if index == 0 or not any(re.search(r"\d", line.text[s:e]) for s, e in line.cells()):
        return ""
    above = lines[index - 1]
    if _far_apart(above, line) or re.search(r"\d", above.text):
        return ""
    for s, e in above.cells():
        if abs(above.span_bbox(s, e)[0] - box[0]) <= ALIGN_PT:
            return _label_text(above.text[s:e], separated=False) or ""
    return ""


def dated_row(cand: Candidate) -> bool:
    """A value in a row that opens with a date, in a later cell: an entry of a payment or
    transaction history ('10/29/2022  Late fee  35.00'), which fills no field of the account."""
    line = cand.line
    cells = line.cells()
    if len(cells) < 2 or cand.start < cells[0][1]:
        return False
    first = line.text[cells[0][0] : cells[0][1]].strip()
    date = parsers.DATE_RE.match(first)
    return date is not None and date.start() == 0


def label_guesses(lines: list[Line], candidates: list[Candidate]) -> list[LabelReading | None]:
    """Per candidate of one page, (its own label, the field it means or 'none', the
    similarity) where the label's meaning is sure; None elsewhere."""
    line_index = {id(line): i for i, line in enumerate(lines)}
    out: list[LabelReading | None] = [None] * len(candidates)
    asked: dict[str, list[tuple[int, ValueLabel]]] = {}
    for k, cand in enumerate(candidates):
        if cand.kind not in KINDS or id(cand.line) not in line_index:
            continue
        if cand.kind == "amount" and cand.line.text[cand.end : cand.end + 2].strip()[:1] == "%":
            out[k] = (ValueLabel("%", "shape"), NONE, 1.0)  # a rate, whatever its label says
            continue
        generic = generic_amount(cand)
        if generic:  # a bound, a rate, a range's end: no sum, whatever its label says
            out[k] = (ValueLabel(generic, "shape"), NONE, 1.0)
            continue
        if cand.kind == "amount" and dated_row(cand):
            out[k] = (ValueLabel("", "row"), NONE, 1.0)  # a ledger's entry, not the account's
            continue
        label = own_label(lines, line_index[id(cand.line)], cand)
        if label is not None:
            asked.setdefault(cand.kind, []).append((k, label))
    for kind, items in asked.items():
        for (k, label), reading in zip(
            items, readings([spelled_out(lb.text) for _, lb in items], kind), strict=True
        ):
            sure = reading.meaning != NONE or (
                reading.nearest == NONE and reading.similarity >= MIN_SIMILARITY
            )
            out[k] = (
                label,
                reading.nearest if sure else UNSURE if kind == "amount" else KEEP,
                reading.similarity,
            )
    return out


def vetoed(guess: RoleGuess, similarity: float) -> bool:
    """The rules read a label as one of no field ('Post-judgment interest', 'Costs since
    judgment', 'Sheriff service fee'): a qualifier in the label that the nearest prototype
    cannot weigh (it reads those at 0.56-0.69 of 'interest' and 'fees'), so only a meaning
    far surer than a field's overrule (``VETO_OVERRULE``: 'Cost of credit', 0.79 of
    interest, whose 'credit' the rules misread) overrules it."""
    return (guess.field == NONE and guess.score > 0.0 and guess.where in ("left", "above")
            and similarity < VETO_OVERRULE)


def decide(guess: RoleGuess, found: LabelReading | None) -> RoleGuess:
    """The field of a value with a label of its own. Where the rules read the label itself
    they stand, unless its meaning is sure and another field (or none: 'Interest Rate' is no
    interest) and the rules did not read it as a label of no field (``vetoed``); where they
    read other text (a heading or the previous row above, the words before), the label's
    meaning decides (``where`` = 'meaning'), and a label whose meaning is unsure leaves the
    value unlabelled, unless the role model chose it (an account number's unsure label
    leaves the rules' reading as it is)."""
    if found is None or found[1] == KEEP:
        return guess
    label, field, similarity = found
    if field == UNSURE:
        if guess.where in (label.where, "model"):
            return guess
        return RoleGuess(NONE, 0.0, "meaning")
    if guess.where == label.where:
        if field == guess.field or similarity < OVERRULE or vetoed(guess, similarity):
            return guess
        return RoleGuess(field, SCORE["mid"] if field != NONE else 0.0, "meaning")
    score = SCORE["hi"] if similarity >= SURE else SCORE["mid"]
    return RoleGuess(field, score if field != NONE else 0.0, "meaning")

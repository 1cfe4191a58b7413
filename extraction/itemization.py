"""itemization: a balance printed with its parts, read by its arithmetic.

Why: a placement sheet, an account statement, a complaint's prayer, a judgment or a request
for default that itemizes what is owed prints the parts (principal, interest, fees and
costs) and their total, and the total is the sum of the parts whatever words label them.
The label of each value (``labels``, ``value_labels``) is read on its own; where a wording
is one the rules do not list and the encoder does not reach ("Please Remit", "Penalties",
"Capital Amount") the value is left unlabelled, and where a part's label reads as a
balance ("Base Balance", "Amount Financed Outstanding") it is taken for the amount due.
The arithmetic settles both: on a page where exactly one amount is the sum of two or three
others printed near it, that amount is the total (amount due, or a judgment's amount on a
judgment), and its parts are principal, interest and fees, each field once, given to the
parts by what their own labels mean (nearest field prototype, then the rules' reading, then
the largest part as principal: a debt's interest and fees rarely exceed it).

What is no part: an amount whose own label surely means no field (a rate, a limit, a
settlement offer, a payment: ``value_labels``), a history row's entry, a zero (but the one
zero printed among a total and two parts is the third part, owed at nothing). A total whose
value a label anywhere in the document reads as a part ('Total costs' over its filing and
service fees, or a memorandum of costs whose total the form's 'Costs' line prints) is that
part, broken down: it takes that part's field and its items are left alone. Where two parts
are labelled as the same part (a costs memo's 'filing fees' and 'service fees') the sum is
that part's breakdown too, and nothing is changed. Two different sums on one page are
ambiguous, and nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from itertools import combinations, permutations
from typing import NamedTuple

from extraction.candidates import Candidate
from extraction.labels import NONE, TOTAL, RoleGuess, resolve_total

PARTS = ("principal", "interest", "fees")
MIN_PARTS, MAX_PARTS = 2, 3
MAX_SPAN_LINES = 14  # a total and its parts are printed in one block of the page
SCORE = 0.9  # the evidence score of a field the arithmetic decides
SURE, MARGIN = 0.65, 0.04  # an encoder reading of a part's label counts from this close
PRINCIPAL_PRIOR = 0.3  # the largest part as principal: less than any sure label reading



class OwnLabel(NamedTuple):
    """What a candidate's own label (``value_labels``) says: whether it surely means no
    field, where it is printed ('left', 'above'; '' without one) and its similarity to
    each field's prototypes ({} without the encoder)."""

    sure_none: bool = False
    where: str = ""
    sims: dict[str, float] = {}  # noqa: RUF012 (never mutated)


# words that name a sum of any kind: every part of an itemization is an amount, a balance
# or a sum owed of something ('Finance charge balance' is the interest's, 'Base amount' the
# principal's), so they tell the parts apart no more than the cents do
SUM_WORDS_RE = re.compile(r"\b(?:amount|balance|sum|total|outstanding|due|owed|owing|unpaid|"
                          r"remaining|current)\b", re.IGNORECASE)


def part_words(label: str) -> str:
    """A part's label without the words any sum has ('Finance charge balance' ->
    'finance charge'); the label itself where nothing else is left."""
    rest = " ".join(SUM_WORDS_RE.sub(" ", label).split())
    return rest if re.search(r"[^\W\d_]{2}", rest) else label


def _cents(value: str) -> int | None:
    try:
        return int((Decimal(value) * 100).to_integral_value())
    except (InvalidOperation, ValueError):
        return None


def _eligible(cand: Candidate, guess: RoleGuess, sure_none: bool) -> bool:
    """An amount that may be a total or a part: not a label's sure 'no field' (a rate, a
    limit, a payment, a ledger row), not ruled out by a label the rules read."""
    if cand.kind != "amount" or sure_none:
        return False
    return not (guess.field == NONE and guess.score > 0.0)


def _solutions(values: dict[int, list[int]], lines: dict[int, int]
               ) -> list[tuple[int, tuple[int, ...]]]:
    """(total, parts) of distinct non-zero values where the parts sum to the total and one
    candidate of each lies within MAX_SPAN_LINES of the others."""
    keys = sorted((v for v in values if v > 0), reverse=True)
    out = []
    for i, total in enumerate(keys):
        smaller = keys[i + 1:]
        for size in range(MIN_PARTS, MAX_PARTS + 1):
            for parts in combinations(smaller, size):
                if sum(parts) != total:
                    continue
                members = [total, *parts]
                spans = [lines[k] for v in members for k in values[v]]
                if max(spans) - min(spans) <= MAX_SPAN_LINES or _near(members, values, lines):
                    out.append((total, parts))
    return out


def _near(members: list[int], values: dict[int, list[int]], lines: dict[int, int]) -> bool:
    """Some choice of one candidate per value lies within MAX_SPAN_LINES (a value printed
    twice on the page, once far away)."""
    anchors = [lines[k] for k in values[members[0]]]
    return any(all(any(abs(lines[k] - a) <= MAX_SPAN_LINES for k in values[v])
                   for v in members[1:]) for a in anchors)


def _clear_field(sim: dict[str, float]) -> tuple[str, float] | None:
    """The part a label surely means by the encoder: its nearest part's prototype at
    SURE or closer and MARGIN ahead of the other parts'; else None."""
    ranked = sorted(((sim.get(f, 0.0), f) for f in PARTS), reverse=True)
    (s1, f1), (s2, _) = ranked[0], ranked[1]
    return (f1, s1) if s1 >= SURE and s1 - s2 >= MARGIN else None


def _labelled(rule: RoleGuess, guess: RoleGuess, own: OwnLabel, field: str) -> bool:
    """The label rules read the value's own label (beside or over it; not a label of the
    row above) as ``field``, and no meaning overruled them with another field ('Finance
    charges' is interest)."""
    return (rule.field == field and guess.field in (field, NONE) and rule.score >= 0.8
            and rule.where in ("left", "above") and own.where in ("", rule.where))


def _assign(parts: list[int], values: dict[int, list[int]], guesses: list[RoleGuess],
            rule_guesses: list[RoleGuess], own: Sequence[OwnLabel]) -> tuple[str, ...]:
    """The fields of the parts (distinct): the assignment their labels agree with most. A
    part's evidence for a field: 1.0 where the label rules read its own label as that field
    (and the reading stood); the encoder's similarity where it surely reads the label's
    part words (``part_words``) so; PRINCIPAL_PRIOR for the largest part as principal."""
    def fit(value: int, field: str) -> float:
        best = 0.0
        for k in values[value]:
            rule, guess = rule_guesses[k], guesses[k]
            if _labelled(rule, guess, own[k], field):
                best = max(best, 1.0)
            clear = _clear_field(own[k].sims)
            if clear is not None and clear[0] == field:
                best = max(best, clear[1])
        if field == "principal" and value == max(parts):
            best += PRINCIPAL_PRIOR
        return best

    return max(permutations(PARTS, len(parts)),
               key=lambda fields: sum(fit(v, f) for v, f in zip(parts, fields, strict=True)))


def _zero_part(values: dict[int, list[int]], lines: dict[int, int], members: list[int]
               ) -> bool:
    """One zero, the page's only one, printed among a total and its two parts (within
    MAX_SPAN_LINES of each): the third part, owed at nothing."""
    zeros = values.get(0, [])
    rows = [lines[k] for v in members for k in values[v]]
    return len(zeros) == 1 and max(abs(lines[zeros[0]] - r) for r in rows) <= MAX_SPAN_LINES


def itemize(candidates: list[Candidate], guesses: list[RoleGuess],
            rule_guesses: list[RoleGuess], own: Sequence[OwnLabel], doc_type: str
            ) -> list[RoleGuess]:
    """``guesses`` with the total and the parts of each page's itemization set by its
    arithmetic (``where`` = 'sum'); a value whose field the guess already names keeps it.
    ``rule_guesses`` are the label rules' own readings, ``own`` what each candidate's own
    label says."""
    out = list(guesses)
    total_field = resolve_total(TOTAL, doc_type)
    pages: dict[int, list[int]] = {}
    for k, cand in enumerate(candidates):
        if _eligible(cand, guesses[k], own[k].sure_none):
            pages.setdefault(cand.page, []).append(k)
    # values a label surely names as a part anywhere in the document: an itemization whose
    # total is one of them is that part's breakdown (a costs memorandum whose total the
    # form's own 'Costs' line prints), not the balance's
    part_values: dict[int, str] = {}
    for k, cand in enumerate(candidates):
        value = _cents(cand.value) if cand.kind == "amount" else None
        named = [f for f in PARTS if _labelled(rule_guesses[k], guesses[k], own[k], f)]
        if value is not None and named:
            part_values.setdefault(value, named[0])
    for members in pages.values():
        values: dict[int, list[int]] = {}
        lines: dict[int, int] = {}
        for k in members:
            cents = _cents(candidates[k].value)
            if cents is None:
                continue
            values.setdefault(cents, []).append(k)
            lines[k] = candidates[k].line.index
        found = _solutions(values, lines)
        if len(found) != 1:
            continue
        total, parts = found[0]
        if total in part_values:  # 'Total costs' (or the form's 'Costs' line) over items
            for k in values[total]:  # the sum of one part's items is that part
                if out[k].field != part_values[total]:
                    out[k] = RoleGuess(part_values[total], SCORE, "sum")
            continue
        read = [f for f in PARTS for v in parts
                if any(_labelled(rule_guesses[k], guesses[k], own[k], f) for k in values[v])]
        if len(read) != len(set(read)):
            continue  # two parts labelled as one field: a memorandum of one part's items
        fields = _assign(list(parts), values, guesses, rule_guesses, own)
        assigned = list(zip(parts, fields, strict=True))
        if len(parts) < len(PARTS) and _zero_part(values, lines, [total, *parts]):
            assigned.append((0, next(f for f in PARTS if f not in fields)))
        for value, field in ((total, total_field), *assigned):
            for k in values[value]:
                if out[k].field != field:
                    out[k] = RoleGuess(field, SCORE, "sum")
    return out

"""Composed papers as page texts: the doc-type classifier's training and held-out data.

Every kind (seven named types in many wordings, sixteen kinds of ``other``) is composed
from a fresh generated account; a share of them is roughened the way real text layers
are (OCR confusions, a doubled layer, lower case, a page cut short) so the model does not
learn clean typography. Everything follows from the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from samples.paperwork.compose import (
    Composer,
    PlainPrinter,
    doubled,
    draw_facts,
    ocr_noise,
)
from samples.paperwork.named_kinds import NAMED_KINDS
from samples.paperwork.other_court import OTHER_KINDS
from samples.population import Population

KINDS: dict[str, Composer] = {**NAMED_KINDS, **OTHER_KINDS}
LINES_PER_PAGE = 46


@dataclass(frozen=True, slots=True)
class ComposedDoc:
    kind: str
    doc_type: str
    pages: list[str]


def doc_type_of(kind: str) -> str:
    """A named kind is its type, or a variant of it ("complaint.small_claim")."""
    return kind.split(".")[0] if kind in NAMED_KINDS else "other"


def compose_docs(per_kind: int, seed: int, kinds: list[str] | None = None,
                 noisy: float = 0.35, named_boost: int = 1) -> Iterator[ComposedDoc]:
    """``per_kind`` papers of each kind (all kinds unless named), in a fixed order; a
    named type's kinds ``named_boost`` times as many (``other`` has many more kinds, so
    without it each named type would be learned from far fewer wordings)."""
    rng = random.Random(f"doctype:{seed}")
    population = Population(random.Random(rng.randrange(1 << 32)))
    for kind in kinds or list(KINDS):
        composer = KINDS[kind]
        for _ in range(per_kind * (named_boost if kind in NAMED_KINDS else 1)):
            doc_rng = random.Random(rng.randrange(1 << 32))
            facts = draw_facts(population, doc_rng)
            paper = composer(facts, PlainPrinter(doc_rng))
            lines = paper.lines(facts, width=doc_rng.choice((64, 78, 96)))
            pages = ["\n".join(lines[i:i + LINES_PER_PAGE])
                     for i in range(0, len(lines), LINES_PER_PAGE)]
            if paper.caption and doc_rng.random() < 0.3:
                pages = pleading_numbers(pages, doc_rng)
            if facts.suit.federal and paper.caption and doc_rng.random() < 0.6:
                pages = ecf_headers(pages, facts.suit.case_number, doc_rng)
            yield ComposedDoc(kind, doc_type_of(kind), roughen(pages, doc_rng, noisy))


def pleading_numbers(pages: list[str], rng: random.Random) -> list[str]:
    """Pleading paper's line numbers 1-28 down the margin, read into the text."""
    out = []
    for page in pages:
        lines = page.splitlines()
        out.append("\n".join(f"{i % 28 + 1} {line}" if rng.random() < 0.8 else line
                             for i, line in enumerate(lines)))
    return out


def ecf_headers(pages: list[str], case_number: str, rng: random.Random) -> list[str]:
    """The e-filing header a federal court stamps on top of every page."""
    doc, filed = rng.randint(1, 120), f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/24"
    return [f"Case {case_number} Document {doc} Filed {filed} Page {n} of {len(pages)}\n"
            + page for n, page in enumerate(pages, start=1)]


def roughen(pages: list[str], rng: random.Random, share: float) -> list[str]:
    """A text layer as real files give it, for ``share`` of the documents."""
    if rng.random() >= share:
        return pages
    roll = rng.random()
    if roll < 0.5:
        rate = rng.uniform(0.01, 0.06)
        return [ocr_noise(page, rng, rate) for page in pages]
    if roll < 0.65:
        return [doubled(page) for page in pages]
    if roll < 0.8:
        return [page.lower() for page in pages]
    lines = pages[0].splitlines()
    return ["\n".join(lines[: max(6, len(lines) // 2)])]

"""Court paperwork composed from vocabularies: the parts every paper is made of.

A ``Paper`` is what a reader sees in order: a top block (attorney, letterhead or form
header), the court, the caption, the title, body paragraphs, a closing and a footer.
The kinds in ``named_kinds`` (the eight contract types, many titles each) and
``other_kinds`` (papers that are none of them) fill one from a ``Facts`` of a generated
account and lawsuit, picking titles, sentences and their order at random, so a new seed
brings wordings no classifier has seen. Values go through a ``Printer``: a ``Sheet``
records the truth while a PDF is drawn, ``PlainPrinter`` just prints (training text).
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from samples.documents.common import Lawsuit, make_lawsuit, printed_name
from samples.formats import mask_account, print_date, print_money
from samples.population import Account, Population


class Printer(Protocol):
    """What a composer prints values through (``samples.layout.Sheet`` is one)."""

    def money(self, name: str | None, value: Decimal, style: str | None = None) -> str: ...

    def date(self, name: str | None, value: date, style: str | None = None) -> str: ...


class PlainPrinter:
    """Prints values the way one document would, recording nothing."""

    def __init__(self, rng: random.Random) -> None:
        self.date_style = rng.choice(("long", "slash", "abbrev", "iso", "slash_short"))

    def money(self, name: str | None, value: Decimal, style: str | None = None) -> str:
        return print_money(value, style or "dollar")

    def date(self, name: str | None, value: date, style: str | None = None) -> str:
        return print_date(value, style or self.date_style)


@dataclass(slots=True)
class Facts:
    """The case a paper is about, already in the words this paper prints them in."""

    account: Account
    suit: Lawsuit
    day: date
    plaintiff: str
    defendant: str
    attorney_lines: list[str]
    rng: random.Random

    @property
    def attorney(self) -> str:
        return self.account.attorney.name

    @property
    def creditor(self) -> str:
        return self.account.owner.name

    @property
    def original(self) -> str:
        return self.account.original_creditor.name

    @property
    def masked(self) -> str:
        return mask_account(self.account.number, self.rng)

    @property
    def city(self) -> str:
        return self.account.attorney.firm.address.city

    @property
    def state(self) -> str:
        return self.suit.state or self.account.attorney.firm.address.state


@dataclass(slots=True)
class Paper:
    """One composed paper, top to bottom."""

    kind: str
    doc_type: str
    top: list[str] = field(default_factory=list)
    court: list[str] = field(default_factory=list)
    caption: bool = True
    case_label: str = "Case No."
    titles: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    footer: str = ""

    def lines(self, facts: Facts, width: int = 78) -> list[str]:
        """The paper as text-layer lines (what the classifier reads): the caption's two
        columns come out interleaved, as pdftotext and OCR give them."""
        out = list(self.top) + list(self.court)
        if self.caption:
            left = [f"{facts.plaintiff},", "Plaintiff,", "v.", f"{facts.defendant},",
                    "Defendant."]
            right = [f"{self.case_label} {facts.suit.case_number}", ""] + list(self.titles)
            for i in range(max(len(left), len(right))):
                parts = [left[i] if i < len(left) else "", right[i] if i < len(right) else ""]
                out.append("   ".join(part for part in parts if part))
        else:
            out += list(self.titles)
        for paragraph in self.body:
            out += textwrap.wrap(paragraph, width) or [""]
        out += list(self.closing)
        if self.footer:
            out.append(self.footer)
        return out


Composer = Callable[[Facts, Printer], Paper]


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return rng.choice(options)


def some(rng: random.Random, pool: Sequence[str], low: int, high: int) -> list[str]:
    """Between low and high of the pool's sentences, in the pool's order."""
    count = min(len(pool), rng.randint(low, high))
    chosen = sorted(rng.sample(range(len(pool)), count))
    return [pool[i] for i in chosen]


def cased(rng: random.Random, title: str) -> str:
    """A title as printed: mostly capitals, sometimes title case."""
    roll = rng.random()
    if roll < 0.7:
        return title.upper()
    if roll < 0.9:
        return title
    return title.title()


def numbered(rng: random.Random, paragraphs: list[str]) -> list[str]:
    style = rng.choice(("{n}. ", "{n}.  ", "({n}) ", ""))
    return [style.format(n=n) + text for n, text in enumerate(paragraphs, start=1)]


def perjury(facts: Facts, printer: Printer) -> list[str]:
    rng = facts.rng
    state = rng.choice((f"the laws of the State of {facts.state}",
                        "the laws of the United States of America", "the laws of this State"))
    when = printer.date(None, facts.day)
    return [rng.choice((
        f"I declare under penalty of perjury under {state} that the foregoing is "
        f"true and correct. Executed on {when} at {facts.city}, {facts.state}.",
        f"I certify under penalty of perjury that the foregoing is true and correct. "
        f"Dated: {when}",
        f"Further declarant sayeth not. Signed on {when}.",
        f"Subscribed and sworn to before me on {when}. Notary Public",
    ))]


def signature(facts: Facts, printer: Printer, *, role: str = "Attorney for Plaintiff"
              ) -> list[str]:
    rng = facts.rng
    return [f"Dated: {printer.date(None, facts.day)}",
            rng.choice(("/s/ ", "By: ", "")) + facts.attorney,
            f"{facts.attorney}, {rng.choice(('SBN', 'Bar No.', 'Attorney No.'))} "
            f"{facts.account.attorney.bar_number}", role]


def draw_facts(population: Population, rng: random.Random) -> Facts:
    """A fresh account and lawsuit from the population, printed for one paper."""
    start = date(2021, 1, 1) + timedelta(days=rng.randint(0, 1200))
    debtor = population.person(start)
    account = population.account(debtor, start)
    suit = make_lawsuit(account, start + timedelta(days=rng.randint(120, 500)), rng)
    day = suit.filing_date + timedelta(days=rng.randint(0, 200))
    upper = rng.random() < 0.75
    owner = account.owner.name.upper() if upper else account.owner.name
    plaintiff = owner
    if account.owner is not account.original_creditor and rng.random() < 0.6:
        plaintiff += f", as assignee of {account.original_creditor.name}"
    firm = account.attorney.firm
    top = [f"{account.attorney.name}, SBN {account.attorney.bar_number}", firm.name,
           firm.address.street, f"{firm.address.city}, {firm.address.state} {firm.address.zip}",
           f"Telephone: {firm.phone}", f"Attorney for {rng.choice(('Plaintiff', 'Plaintiffs'))}"]
    return Facts(account, suit, day, plaintiff, printed_name(debtor, rng, upper=upper),
                 top, rng)


def court_lines(facts: Facts) -> list[str]:
    lines = list(facts.suit.court_lines)
    return [line.title() if facts.rng.random() < 0.2 else line for line in lines]


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """Characters confused the way OCR confuses them, and a few dropped or doubled words
    (a scan's text layer)."""
    swaps = {"m": "rn", "l": "1", "O": "0", "o": "0", "i": "l", "e": "c", "S": "5",
             "a": "o", "t": "f", "n": "u", "I": "l", "B": "8"}
    out = []
    for ch in text:
        roll = rng.random()
        if roll < rate and ch in swaps:
            out.append(swaps[ch])
        elif roll < rate * 1.3:
            continue
        else:
            out.append(ch)
    return "".join(out)


def doubled(text: str) -> str:
    """A doubled text layer: every word twice (an OCR layer over a native one)."""
    return "\n".join(" ".join(f"{w} {w}" for w in line.split()) for line in text.splitlines())


"""What a procedural sheet says, independent of how it is arranged on the page.

A ``Composer`` draws, for one document, which facts are printed, with which label wording,
in which order, and with which distractors (dates, amounts and numbers that are no contract
field). Blocks are built only when an arrangement asks for them, so each truth value is
anchored to the flowable that prints it (``Sheet`` records the page).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from samples.documents.common import (
    DocContext,
    address_lines,
    debtor_party,
    phone_text,
    printed_name,
)
from samples.formats import cents, print_date
from samples.layout import Sheet
from samples.population import Residence
from samples.procedural.vocabulary import (
    ADDRESS_HEADERS,
    DISTRACTOR_LABELS,
    FIELD_LABELS,
    HEADINGS,
    HISTORY_HEADERS,
    PERSON_LABELS,
    PHONE_HEADERS,
)


@dataclass(slots=True)
class Pair:
    """A printed label and its value (plain text; arrangements escape it)."""

    label: str
    value: str


@dataclass(slots=True)
class Block:
    key: str
    heading: str
    pairs: list[Pair] = field(default_factory=list)


@dataclass(slots=True)
class Grid:
    """A contact or history table: header and rows of plain text."""

    key: str
    heading: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


class LabelStyle:
    """How this document prints its labels: case and separator, drawn once per document."""

    def __init__(self, rng: random.Random, *, separator: bool = True) -> None:
        self.case = rng.choice(("upper", "title", "sentence", "title"))
        self.separator = rng.choice((":", ":", "", " -", ":")) if separator else ""

    def __call__(self, label: str) -> str:
        text = label
        if self.case == "upper":
            text = label.upper()
        elif self.case == "sentence":
            text = label[:1] + label[1:].lower() if not label.isupper() else label
        return f"{text}{self.separator}"


def _ssn_text(ssn: str, roll: float) -> str:
    if roll < 0.15:
        return ssn  # a full (never-issued 9xx) number now and then, as files do
    if roll < 0.55:
        return f"XXX-XX-{ssn[-4:]}"
    if roll < 0.8:
        return f"***-**-{ssn[-4:]}"
    return f"xxx-xx-{ssn[-4:]}"


class Composer:
    """The facts of one placement / account / locate sheet and how each is labelled."""

    def __init__(self, ctx: DocContext, sheet: Sheet, *, upper_values: bool = False,
                 separator: bool = True) -> None:
        self.ctx, self.sheet, self.rng = ctx, sheet, ctx.rng
        self.label = LabelStyle(self.rng, separator=separator)
        self.upper = upper_values
        rng, account = self.rng, ctx.account
        debtor = account.debtor
        self.name = printed_name(debtor, rng, upper=upper_values)
        self.creditor = account.owner.name.upper() if upper_values else account.owner.name
        self.show_dob = rng.random() < 0.85
        self.show_ssn = rng.random() < 0.85
        residences = [r for r in debtor.residences if r.since <= ctx.doc_date]
        self.residences = residences or debtor.residences[:1]
        phones = [p for p in debtor.phones if p.since <= ctx.doc_date]
        self.phones = phones or debtor.phones[:1]
        self.address_text: list[tuple[str, str, Residence]] = []  # printed, truth, residence
        order = list(reversed(self.residences)) if rng.random() < 0.5 else self.residences
        for residence in order:
            lines, one = address_lines(residence.address, rng, upper=upper_values,
                                       one_line=True)
            self.address_text.append((lines[0], one, residence))
        self.phone_text = [(phone, phone_text(phone.national, rng)) for phone in self.phones]
        emails = debtor.emails[:rng.choice((0, 1, 1, 2))]
        self.emails = [e.upper() if upper_values and rng.random() < 0.5 else e for e in emails]
        self.codebtor = account.co_owner if rng.random() < 0.7 else None
        self.codebtor_name = (printed_name(self.codebtor, rng, upper=upper_values,
                                           allow_variants=False) if self.codebtor else "")
        self.employer = debtor.employer if rng.random() < 0.6 else None
        sheet.party("creditor", self.creditor, account.owner.org_id)
        debtor_party(sheet, debtor, self.name, addresses=[one for _, one, _ in self.address_text],
                     phones=[("+1" + p.national, shown) for p, shown in self.phone_text],
                     emails=self.emails, dob=debtor.dob if self.show_dob else None,
                     ssn_last4=debtor.ssn[-4:] if self.show_ssn else None)
        if self.codebtor is not None:
            sheet.party("debtor", self.codebtor_name, self.codebtor.person_id)
        if self.employer is not None:
            employer = self.employer.name.upper() if upper_values else self.employer.name
            sheet.party("other", employer, self.employer.org_id)

    # helpers
    def _word(self, table: dict[str, tuple[str, ...]], key: str) -> str:
        return self.label(self.rng.choice(table[key]))

    def heading(self, key: str) -> str:
        text = self.rng.choice(HEADINGS[key])
        return text.upper() if self.label.case == "upper" else text

    def _date(self, day: date) -> str:
        return self.sheet.date(None, day)

    def _caps(self, text: str) -> str:
        return text.upper() if self.upper else text

    # blocks
    def debtor_block(self) -> Block:
        rng, debtor = self.rng, self.ctx.account.debtor
        pairs = [Pair(self._word(PERSON_LABELS, "debtor"), self.name)]
        extra = []
        if self.show_dob:
            extra.append(Pair(self._word(PERSON_LABELS, "dob"),
                              self.sheet.date(None, debtor.dob,
                                              rng.choice(("slash", "iso", "slash", "long")))))
        if self.show_ssn:
            extra.append(Pair(self._word(PERSON_LABELS, "ssn"), _ssn_text(debtor.ssn,
                                                                          rng.random())))
        if self.employer is not None:
            extra.append(Pair(self._word(PERSON_LABELS, "employer"),
                              self._caps(self.employer.name)))
        if self.emails:
            extra.append(Pair(self._word(PERSON_LABELS, "email"), "; ".join(self.emails)))
        rng.shuffle(extra)
        pairs += extra
        if self.codebtor is not None:
            pairs.append(Pair(self._word(PERSON_LABELS, "codebtor"), self.codebtor_name))
        return Block("debtor", self.heading("debtor"), pairs)

    def account_block(self) -> Block:
        rng, ctx, account, sheet = self.rng, self.ctx, self.ctx.account, self.sheet
        pairs = [Pair(self._word(FIELD_LABELS, "creditor_name"),
                      sheet.value("creditor_name", self.creditor)),
                 Pair(self._word(FIELD_LABELS, "account_number"),
                      sheet.value("account_number", account.number))]
        optional = [
            ("original", self._caps(account.original_creditor.name)),
            ("file", f"{rng.randint(100000, 9999999)}"),
            ("placed_date", self._date(ctx.doc_date)),
            ("opened", self._date(account.opened)),
            ("charged_off", self._date(account.charged_off)),
            ("rate", f"{rng.uniform(9.9, 29.99):.2f}%"),
        ]
        if account.payments:
            optional.append(("last_paid", self._date(account.payments[-1][0])))
        chosen = [o for o in optional if rng.random() < 0.65]
        pairs += [Pair(self._word(DISTRACTOR_LABELS, key), text) for key, text in chosen]
        rng.shuffle(pairs)
        return Block("account", self.heading("account"), pairs)

    def balance_block(self) -> Block:
        rng, account, sheet = self.rng, self.ctx.account, self.sheet
        style = rng.choice(("dollar", "plain", "dollar", "usd"))
        parts = [Pair(self._word(FIELD_LABELS, name), sheet.money(name, value, style))
                 for name, value in (("principal", account.principal),
                                     ("interest", account.interest), ("fees", account.fees))]
        if rng.random() < 0.5:
            rng.shuffle(parts)
        total = Pair(self._word(FIELD_LABELS, "amount_due"),
                     sheet.money("amount_due", account.balance, style))
        extras = []
        if account.payments and rng.random() < 0.6:
            extras.append(Pair(self._word(DISTRACTOR_LABELS, "last_amount"),
                               sheet.money(None, account.payments[-1][1], style)))
        if rng.random() < 0.45:
            share = Decimal(str(rng.choice((0.4, 0.5, 0.6, 0.65, 0.75))))
            extras.append(Pair(self._word(DISTRACTOR_LABELS, "settlement"),
                               sheet.money(None, cents(account.balance * share), style)))
        if rng.random() < 0.35:
            limit = Decimal(rng.choice((500, 1000, 1500, 2500, 5000, 7500, 10000, 25000)))
            extras.append(Pair(self._word(DISTRACTOR_LABELS, "limit"),
                               sheet.money(None, limit, style)))
        if rng.random() < 0.3:
            extras.append(Pair(self._word(DISTRACTOR_LABELS, "minimum"),
                               sheet.money(None, cents(rng.choice((25, 35, 50, 75, 100))),
                                           style)))
        where = rng.random()
        if where < 0.6:
            pairs = parts + [total] + extras
        elif where < 0.8:
            pairs = [total] + parts + extras
        else:
            pairs = parts + extras + [total]
            rng.shuffle(pairs)
        return Block("balances", self.heading("balances"), pairs)

    def address_grid(self) -> Grid:
        ctx = self.ctx
        header = self.rng.choice(ADDRESS_HEADERS)
        rows = []
        for printed, _, residence in self.address_text:
            if residence.status == "bad address":
                status = "Bad address"
            elif residence.until is None or residence.until > ctx.doc_date:
                status = "Current"
            else:
                status = "Previous"
            rows.append((printed, print_date(residence.since, "slash"), self._caps(status)))
        return Grid("addresses", self.heading("addresses"), header, rows)

    def phone_grid(self) -> Grid:
        header = self.rng.choice(PHONE_HEADERS)
        rows = [(shown, self._caps(phone.kind.title()), self._caps(phone.status.title()))
                for phone, shown in self.phone_text]
        return Grid("phones", self.heading("phones"), header, rows)

    def history_grid(self) -> Grid | None:
        payments = self.ctx.account.payments
        if not payments:
            return None
        header = self.rng.choice(HISTORY_HEADERS)
        code = self.rng.choice(("PMT", "Payment", "PAY", "Receipt"))
        rows = [(self._date(day), code, f"{amount:,.2f}") for day, amount in payments]
        if self.rng.random() < 0.5:
            charged = self.ctx.account.charged_off
            rows.append((self._date(charged - timedelta(days=self.rng.randint(5, 40))),
                         self.rng.choice(("Late fee", "LATE CHG", "Fee")), "35.00"))
        return Grid("history", self.heading("history"), header, rows)

    def printed_stamp(self) -> str:
        """A distractor date line for the header ("Run Date: ...")."""
        day = self.ctx.doc_date + timedelta(days=self.rng.randint(0, 4))
        return f"{self._word(DISTRACTOR_LABELS, 'printed')} {self.sheet.date(None, day)}"

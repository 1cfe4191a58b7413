"""Page furniture and PDF rendering with reportlab, recording where each true value lands.

A template adds flowables to a ``Sheet``; every value that belongs in the ground truth
is printed through ``Sheet.money`` / ``Sheet.date`` / ``Sheet.value``, which returns
the printed text and remembers the value. An invisible anchor placed before the next
flowable records the page on which that value is drawn.
"""

from __future__ import annotations

import datetime
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from samples.formats import normalize_date, normalize_money, print_date, print_money

PAGE_WIDTH, PAGE_HEIGHT = LETTER


@dataclass(frozen=True, slots=True)
class FontSet:
    regular: str
    bold: str
    italic: str


FONT_SETS = {
    "times": FontSet("Times-Roman", "Times-Bold", "Times-Italic"),
    "helvetica": FontSet("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "courier": FontSet("Courier", "Courier-Bold", "Courier-Oblique"),
    "vera": FontSet("Vera", "VeraBd", "VeraIt"),
}


def _register_vera() -> None:
    """Bitstream Vera ships inside reportlab, so every machine renders the same bytes."""
    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"), ("VeraIt", "VeraIt.ttf"),
                       ("VeraBI", "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="VeraBd", italic="VeraIt",
                                  boldItalic="VeraBI")


@dataclass(slots=True)
class TruthField:
    name: str
    value: str
    raw: str
    anchor: int
    page: int = 0


@dataclass(slots=True)
class TruthParty:
    role: str
    name: str
    person_id: str
    dob: str | None = None
    ssn_last4: str | None = None
    addresses: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    printed_phones: list[str] = field(default_factory=list)

    def to_truth(self) -> dict:
        return {"role": self.role, "name": self.name, "dob": self.dob,
                "ssn_last4": self.ssn_last4, "addresses": list(self.addresses),
                "phones": list(self.phones), "emails": list(self.emails),
                "person_id": self.person_id}


class Anchor(Flowable):
    """Zero-size flowable that notes the page it is drawn on."""

    def __init__(self, anchor_id: int, pages: dict[int, int]) -> None:
        super().__init__()
        self.anchor_id = anchor_id
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.anchor_id] = self.canv.getPageNumber()


@dataclass(slots=True)
class PageSetup:
    """How pages look around the flowing text: margins, pleading lines, header/footer text."""

    left: float = 1.0 * inch
    right: float = 1.0 * inch
    top: float = 0.9 * inch
    bottom: float = 0.9 * inch
    pleading: bool = False
    header: str | None = None
    footer: str | None = None
    page_label: str | None = "Page {page} of {pages}"
    footer_right: str | None = None


class Sheet:
    """One document being composed: its flowables, styles and the truth it prints."""

    def __init__(self, rng: random.Random, font: str, *, size: float = 10.5,
                 leading: float | None = None) -> None:
        _register_vera()
        self.rng = rng
        self.fonts = FONT_SETS[font]
        self.font_key = font
        self.size = size
        self.story: list[Flowable] = []
        self.fields: list[TruthField] = []
        self.parties: dict[tuple[str, str], TruthParty] = {}
        self.anchor_pages: dict[int, int] = {}
        self._pending: list[TruthField] = []
        self._anchor_seq = 0
        self.date_style = rng.choice(("long", "slash", "long", "slash", "abbrev", "iso",
                                      "slash_short"))
        self.money_style = "dollar"
        self.styles = self._make_styles(size, leading or size * 1.3)

    # styles
    def _make_styles(self, size: float, leading: float) -> dict[str, ParagraphStyle]:
        f = self.fonts
        base = ParagraphStyle("body", fontName=f.regular, fontSize=size, leading=leading,
                              alignment=TA_LEFT, spaceAfter=size * 0.5)
        return {
            "body": base,
            "justify": ParagraphStyle("justify", parent=base, alignment=TA_JUSTIFY),
            "indent": ParagraphStyle("indent", parent=base, alignment=TA_JUSTIFY,
                                     firstLineIndent=0.5 * inch),
            "tight": ParagraphStyle("tight", parent=base, spaceAfter=0, leading=size * 1.18),
            "small": ParagraphStyle("small", parent=base, fontSize=size - 2.5,
                                    leading=(size - 2.5) * 1.2, spaceAfter=2),
            "tiny": ParagraphStyle("tiny", parent=base, fontSize=size - 3.5,
                                   leading=(size - 3.5) * 1.2, spaceAfter=0),
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, spaceAfter=0),
            "left": ParagraphStyle("left", parent=base, spaceAfter=0),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, spaceAfter=0),
            "title": ParagraphStyle("title", parent=base, fontName=f.bold, fontSize=size + 3,
                                    leading=(size + 3) * 1.25, alignment=TA_CENTER,
                                    spaceBefore=6, spaceAfter=8),
            "heading": ParagraphStyle("heading", parent=base, fontName=f.bold,
                                      spaceBefore=6, spaceAfter=4),
            "cell": ParagraphStyle("cell", parent=base, fontSize=size - 1,
                                   leading=(size - 1) * 1.2, spaceAfter=0),
            "cellb": ParagraphStyle("cellb", parent=base, fontName=f.bold, fontSize=size - 1,
                                    leading=(size - 1) * 1.2, spaceAfter=0),
        }

    # truth
    def _note(self, name: str, value: str, raw: str) -> str:
        self._pending.append(TruthField(name, value, raw, -1))
        return raw

    def money(self, name: str | None, value: Decimal, style: str | None = None) -> str:
        raw = print_money(value, style or self.money_style)
        return self._note(name, normalize_money(value), raw) if name else raw

    def date(self, name: str | None, value: date, style: str | None = None) -> str:
        raw = print_date(value, style or self.date_style)
        return self._note(name, normalize_date(value), raw) if name else raw

    def value(self, name: str, printed: str) -> str:
        return self._note(name, " ".join(printed.split()), printed)

    def party(self, role: str, name: str, person_id: str, *,
              dob: datetime.date | None = None,
              ssn_last4: str | None = None, addresses: list[str] | None = None,
              phones: list[tuple[str, str]] | None = None,
              emails: list[str] | None = None) -> None:
        """Register (or extend) a party; ``phones`` holds (E.164, printed form) pairs."""
        key = (role, person_id)
        party = self.parties.get(key)
        if party is None:
            party = self.parties[key] = TruthParty(role, " ".join(name.split()), person_id)
        if dob and not party.dob:
            party.dob = dob.isoformat()
        if ssn_last4 and not party.ssn_last4:
            party.ssn_last4 = ssn_last4
        for address in addresses or []:
            if address not in party.addresses:
                party.addresses.append(address)
        for e164, printed in phones or []:
            if e164 not in party.phones:
                party.phones.append(e164)
                party.printed_phones.append(printed)
        for email in emails or []:
            if email.lower() not in party.emails:
                party.emails.append(email.lower())

    # flowables
    def add(self, flowable: Flowable) -> None:
        if self._pending:
            self._anchor_seq += 1
            for pending in self._pending:
                pending.anchor = self._anchor_seq
            self.fields.extend(self._pending)
            self._pending = []
            self.story.append(Anchor(self._anchor_seq, self.anchor_pages))
        self.story.append(flowable)

    def p(self, text: str, style: str = "body", **overrides: object) -> None:
        para_style = self.styles[style]
        if overrides:
            para_style = ParagraphStyle(f"{style}-x", parent=para_style, **overrides)
        self.add(Paragraph(text, para_style))

    def para(self, text: str, style: str = "cell") -> Paragraph:
        """A paragraph for a table cell (not added to the story by itself)."""
        return Paragraph(text, self.styles[style])

    def space(self, height: float) -> None:
        self.story.append(Spacer(1, height))

    def table(self, rows: Sequence[Sequence[object]], widths: list[float], *, grid: bool = True,
              header: bool = False, box: bool = False, extra: list | None = None,
              pad: float = 3) -> None:
        commands: list = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("FONTSIZE", (0, 0), (-1, -1), self.size - 1),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ]
        if grid:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        if box:
            commands.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
        if header:
            commands += [("FONTNAME", (0, 0), (-1, 0), self.fonts.bold),
                         ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88))]
        commands += extra or []
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        table.setStyle(TableStyle(commands))
        self.add(table)


def esc(text: str) -> str:
    """Escape text for reportlab's paragraph markup (firm names hold '&')."""
    return escape(text)


def _decorate(canvas: rl_canvas.Canvas, setup: PageSetup, fonts: FontSet, page: int,
              pages: int) -> None:
    canvas.saveState()
    if setup.pleading:
        canvas.setLineWidth(0.6)
        x = setup.left - 0.12 * inch
        canvas.line(x, 0, x, PAGE_HEIGHT)
        canvas.line(x - 3, 0, x - 3, PAGE_HEIGHT)
        canvas.line(PAGE_WIDTH - setup.right + 0.1 * inch, 0,
                    PAGE_WIDTH - setup.right + 0.1 * inch, PAGE_HEIGHT)
        canvas.setFont(fonts.regular, 10)
        top = PAGE_HEIGHT - setup.top - 12
        for line in range(28):
            canvas.drawRightString(x - 10, top - line * 24, str(line + 1))
    canvas.setFont(fonts.regular, 8)
    if setup.header:
        canvas.drawString(setup.left, PAGE_HEIGHT - 0.5 * inch, setup.header)
    if setup.footer:
        canvas.drawCentredString(PAGE_WIDTH / 2, 0.42 * inch, setup.footer)
        if setup.pleading:
            canvas.line(setup.left, 0.58 * inch, PAGE_WIDTH - setup.right, 0.58 * inch)
    if setup.page_label:
        label = setup.page_label.format(page=page, pages=pages)
        if setup.footer:
            canvas.drawCentredString(PAGE_WIDTH / 2, 0.6 * inch + 2, label)
        else:
            canvas.drawCentredString(PAGE_WIDTH / 2, 0.45 * inch, label)
    if setup.footer_right:
        canvas.drawRightString(PAGE_WIDTH - setup.right, 0.3 * inch, setup.footer_right)
    canvas.restoreState()


def _canvas_class(setup: PageSetup, fonts: FontSet) -> type[rl_canvas.Canvas]:
    """A canvas that holds pages back until the end, so 'Page 2 of 3' knows the total."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._held:
                self.__dict__.update(state)
                _decorate(self, setup, fonts, self._pageNumber, len(self._held))
                super().showPage()
            super().save()

    return NumberedCanvas


def render_pdf(sheet: Sheet, path: Path, setup: PageSetup, *, title: str,
               first_page: Callable[[rl_canvas.Canvas], None] | None = None) -> int:
    """Write the sheet to ``path``; return the page count and fix each field's page."""
    frame = Frame(setup.left, setup.bottom, PAGE_WIDTH - setup.left - setup.right,
                  PAGE_HEIGHT - setup.top - setup.bottom, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)

    def on_page(canvas: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        if first_page and canvas.getPageNumber() == 1:
            first_page(canvas)

    doc = BaseDocTemplate(str(path), pagesize=LETTER, title=title, author="",
                          creator="", producer="", invariant=1,
                          pageTemplates=[PageTemplate(id="page", frames=[frame],
                                                      onPage=on_page)])
    doc.build(list(sheet.story), canvasmaker=_canvas_class(setup, sheet.fonts))
    for truth_field in sheet.fields:
        truth_field.page = sheet.anchor_pages.get(truth_field.anchor, 1)
    return doc.page

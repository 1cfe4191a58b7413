"""Where a procedural sheet puts its labels and values: one arrangement per layout family.

Each arrangement takes the same drawn content (``content.Composer``) and lays it out its
own way: label left of the value, label above the value, boxed grid cells, two columns,
or a fixed-width printout. Held-out evaluation leaves each arrangement out as a family, so
the extraction is scored on an arrangement whose geometry it was not fitted on.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import inch

from samples.documents.common import DocContext
from samples.layout import PageSetup, Sheet, esc
from samples.procedural.content import Block, Composer, Grid
from samples.procedural.vocabulary import FOOTERS, TITLES

WIDTH = 6.5 * inch


def _title(ctx: DocContext) -> str:
    return ctx.rng.choice(TITLES)


def _setup(ctx: DocContext, composer: Composer) -> PageSetup:
    rng = ctx.rng
    header = None
    if rng.random() < 0.6:
        header = rng.choice((f"{ctx.account.agency.name} - {_title(ctx)}",
                             f"CONFIDENTIAL | {ctx.account.agency.name}",
                             f"Client services {rng.randint(100, 999)}-{rng.randint(1000, 9999)}"))
    footer = rng.choice(FOOTERS) if rng.random() < 0.7 else None
    label = rng.choice(("Page {page} of {pages}", "PAGE {page} OF {pages}", "- {page} -",
                        "p. {page}/{pages}", None))
    margin = rng.uniform(0.7, 1.0) * inch
    setup = PageSetup(left=margin, right=margin, header=header, footer=footer,
                      page_label=label)
    if rng.random() < 0.4:
        setup.footer_right = composer.printed_stamp()
    return setup


def _masthead(sheet: Sheet, ctx: DocContext, composer: Composer) -> None:
    """Agency name, document title and a printed date, drawn in one of a few ways."""
    rng = ctx.rng
    agency = esc(ctx.account.agency.name)
    title = esc(_title(ctx))
    stamp = esc(composer.printed_stamp())
    style = rng.randrange(3)
    if style == 0:
        sheet.p(f"<b>{agency}</b>", "center")
        sheet.p(title.upper(), "title")
        sheet.p(stamp, "right")
    elif style == 1:
        sheet.table([[sheet.para(f"<b>{agency}</b><br/>{title}"),
                      sheet.para(stamp, "small")]], [4.3 * inch, 2.2 * inch], grid=False,
                    extra=[("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black)])
    else:
        sheet.p(f"{title} &nbsp;&nbsp; {stamp}", "heading")
        sheet.p(agency, "small")
    sheet.space(6)


def _pairs_table(sheet: Sheet, block: Block, *, value_first: bool, grid: bool) -> None:
    rows = []
    for pair in block.pairs:
        label = sheet.para(f"<b>{esc(pair.label)}</b>")
        value = sheet.para(esc(pair.value))
        rows.append([value, label] if value_first else [label, value])
    widths = [2.0 * inch, 4.5 * inch] if not value_first else [2.6 * inch, 3.9 * inch]
    sheet.table(rows, widths, grid=grid, pad=2)


def _grid_table(sheet: Sheet, grid: Grid, *, lines: bool = True, shade: bool = True) -> None:
    rows: list[list[object]] = [list(grid.header)]
    rows += [[sheet.para(esc(cell)) for cell in row] for row in grid.rows]
    n = len(grid.header)
    widths = [3.6 * inch] + [(WIDTH - 3.6 * inch) / (n - 1)] * (n - 1)
    sheet.table(rows, widths, grid=lines, header=shade)


def _contact_grids(sheet: Sheet, composer: Composer, *, lines: bool = True) -> None:
    grids = [composer.address_grid(), composer.phone_grid()]
    history = composer.history_grid()
    if history is not None and composer.rng.random() < 0.8:
        grids.append(history)
    for grid in grids:
        sheet.p(esc(grid.heading), "heading")
        _grid_table(sheet, grid, lines=lines, shade=composer.rng.random() < 0.6)


# ----------------------------------------------------------------- the arrangements
def label_left(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """Label then value on one row: 'Balance Due: $1,234.56' (or the value first)."""
    rng = ctx.rng
    sheet = Sheet(rng, rng.choice(("helvetica", "times", "vera")), size=rng.uniform(9, 10.5))
    composer = Composer(ctx, sheet)
    _masthead(sheet, ctx, composer)
    inline = rng.random() < 0.4
    value_first = not inline and rng.random() < 0.25
    for make in _block_order(composer):
        block = make()
        sheet.p(esc(block.heading), "heading")
        if inline:
            sheet.p("<br/>".join(f"<b>{esc(p.label)}</b> {esc(p.value)}" for p in block.pairs),
                    "tight")
        else:
            _pairs_table(sheet, block, value_first=value_first, grid=rng.random() < 0.3)
    _contact_grids(sheet, composer)
    return sheet, _setup(ctx, composer)


def label_above(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """Form cells: a small label over its value, several cells to a row."""
    rng = ctx.rng
    sheet = Sheet(rng, rng.choice(("helvetica", "vera")), size=rng.uniform(9, 10))
    composer = Composer(ctx, sheet, separator=False)
    _masthead(sheet, ctx, composer)
    columns = rng.choice((2, 3, 3, 4))
    lines = rng.random() < 0.6
    for make in _block_order(composer):
        block = make()
        sheet.p(esc(block.heading), "heading")
        cells = [sheet.para(f"<font size=7>{esc(p.label)}</font><br/>{esc(p.value)}")
                 for p in block.pairs]
        rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
        rows[-1] += [sheet.para("")] * (columns - len(rows[-1]))
        sheet.table(rows, [WIDTH / columns] * columns, grid=lines, pad=3)
    _contact_grids(sheet, composer, lines=lines)
    return sheet, _setup(ctx, composer)


def boxed_grid(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """A boxed table: shaded label cells beside value cells, two pairs to a row."""
    rng = ctx.rng
    sheet = Sheet(rng, rng.choice(("helvetica", "times")), size=rng.uniform(8.5, 10))
    composer = Composer(ctx, sheet, upper_values=rng.random() < 0.3)
    _masthead(sheet, ctx, composer)
    shade = colors.Color(0.9, 0.9, 0.9)
    for make in _block_order(composer):
        block = make()
        rows: list[list[object]] = [[sheet.para(f"<b>{esc(block.heading)}</b>"), "", "", ""]]
        pairs = block.pairs
        for i in range(0, len(pairs), 2):
            row: list[object] = []
            for pair in pairs[i:i + 2]:
                row += [sheet.para(esc(pair.label)), sheet.para(esc(pair.value))]
            row += [""] * (4 - len(row))
            rows.append(row)
        extra = [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 1), (0, -1), shade),
                 ("BACKGROUND", (2, 1), (2, -1), shade)]
        sheet.table(rows, [1.3 * inch, 1.95 * inch, 1.3 * inch, 1.95 * inch], box=True,
                    extra=extra)
        sheet.space(6)
    _contact_grids(sheet, composer)
    return sheet, _setup(ctx, composer)


def two_columns(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """Debtor facts in the left column, account and balances in the right one."""
    rng = ctx.rng
    sheet = Sheet(rng, rng.choice(("times", "helvetica", "vera")), size=rng.uniform(9, 10))
    composer = Composer(ctx, sheet)
    _masthead(sheet, ctx, composer)
    debtor = composer.debtor_block()
    account = composer.account_block()
    balances = composer.balance_block()
    left_blocks, right_blocks = ([debtor], [account, balances]) if rng.random() < 0.7 else \
        ([account, balances], [debtor])

    def column(blocks: list[Block]) -> list[object]:
        out: list[object] = []
        for block in blocks:
            out.append(sheet.para(f"<b>{esc(block.heading)}</b>", "cellb"))
            out += [sheet.para(f"{esc(p.label)} {esc(p.value)}") for p in block.pairs]
            out.append(sheet.para(" "))
        return out

    sheet.table([[column(left_blocks), column(right_blocks)]], [WIDTH / 2, WIDTH / 2],
                grid=rng.random() < 0.5, box=rng.random() < 0.5)
    sheet.space(8)
    _contact_grids(sheet, composer)
    return sheet, _setup(ctx, composer)


def _fixed(label: str, value: str, width: int) -> str:
    return f"{label} ".ljust(width, "." if width > 0 and label else " ") + f" {value}"


def fixed_width(ctx: DocContext) -> tuple[Sheet, PageSetup]:
    """A monospaced system printout: padded labels, values in a column, text tables."""
    rng = ctx.rng
    sheet = Sheet(rng, "courier", size=rng.choice((8.5, 9)))
    composer = Composer(ctx, sheet, upper_values=rng.random() < 0.6)
    sheet.p(esc(composer.printed_stamp()).upper(), "tight")
    sheet.p(esc(f"{ctx.account.agency.name} {_title(ctx)}").upper(), "title")
    width = rng.choice((18, 22, 26))
    leader = rng.random() < 0.6

    def line(label: str, value: str) -> str:
        text = _fixed(label, value, width) if leader else f"{label.rjust(width)} {value}"
        return esc(text).replace(" ", "&nbsp;")

    for make in _block_order(composer):
        block = make()
        sheet.p(esc(block.heading.upper()), "heading")
        sheet.p("<br/>".join(line(p.label, p.value) for p in block.pairs), "tight")
    grids = [composer.address_grid(), composer.phone_grid()]
    history = composer.history_grid()
    if history is not None:
        grids.append(history)
    for grid in grids:
        sheet.p(esc(grid.heading.upper()), "heading")
        first = max(len(r[0]) for r in [grid.header, *grid.rows]) + 2
        rows = [grid.header, *grid.rows]
        text = [esc(r[0].ljust(first) + "  ".join(c.ljust(12) for c in r[1:])).replace(
            " ", "&nbsp;") for r in rows]
        sheet.p("<br/>".join(text), "tight")
    sheet.space(6)
    sheet.p("*** END OF REPORT ***", "center")
    return sheet, _setup(ctx, composer)


def _block_order(composer: Composer) -> list[Callable[[], Block]]:
    makers: list[Callable[[], Block]] = [composer.debtor_block, composer.account_block,
                                         composer.balance_block]
    roll = composer.rng.random()
    if roll < 0.3:
        makers = [composer.account_block, composer.debtor_block, composer.balance_block]
    elif roll < 0.45:
        makers = [composer.account_block, composer.balance_block, composer.debtor_block]
    return makers


LAYOUTS = (("kv-label-left", label_left, 1), ("kv-label-above", label_above, 1),
           ("kv-boxed-grid", boxed_grid, 1), ("kv-two-columns", two_columns, 1),
           ("kv-fixed-width", fixed_width, 1))

"""A reviewer's screen in a real Chromium at the window widths people use.

At each width the Review page must show the page image and the field panel side by
side without overlap, the image inside its column and as wide as it (zoom "fit"), and
the fields table wide enough for its key columns; an edit typed key by key into the
value box and Alt+A must save the typed value. Screenshots go to
``tests/workbench/screenshots/`` (gitignored). The server and browser fixtures are those
of ``test_e2e_browser``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from sqlmodel import select

from models.tables import Correction, ExtractedFieldRow
from tests.workbench.conftest import add_document
from tests.workbench.test_e2e_browser import (  # noqa: F401  (fixtures)
    PASSWORD,
    _settle,
    browser_page,
    workbench_url,
)
from workbench.db import db_session

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = (1280, 1366, 1600, 1920)
TYPED = {"amount_due": ("250.00", "250.00"), "filing_date": ("March 2, 2024", "2024-03-02"),
         "case_number": ("24SC00999", "24SC00999")}
KEY_COLUMNS_PX = 100 + 100 + 50 + 90  # field, value, conf., status (column_config widths)


def _box(locator) -> tuple[float, float, float, float]:
    box = locator.bounding_box()
    assert box is not None, "element not on screen"
    return box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]


def _zoomed_page_pans_inside_its_panel(page, field_column) -> None:
    """Zoomed past its column, the page scrolls inside its panel, never under the fields."""
    slider = page.get_by_role("slider", name="Page zoom (width in px)")
    slider.focus()
    for _ in range(4):
        slider.press("ArrowRight")
    _settle(page, 800)
    panel = page.locator(".st-key-review_page_panel")
    sizes = panel.evaluate("e => [e.scrollWidth, e.clientWidth]")
    page.screenshot(path=str(SCREENSHOTS / "review-zoomed.png"), full_page=True)
    assert sizes[0] > sizes[1], f"the zoomed page does not scroll: {sizes}"
    assert _box(panel)[2] <= _box(field_column)[0], "the zoomed page runs under the fields"
    panel.evaluate("e => { e.scrollLeft = e.scrollWidth; }")  # pan to the right edge
    page.screenshot(path=str(SCREENSHOTS / "review-zoomed-panned.png"), full_page=True)
    slider.focus()
    for _ in range(4):
        slider.press("ArrowLeft")
    _settle(page, 800)


def test_review_layout_and_typed_alt_a_at_every_width(workbench_url, browser_page):  # noqa: F811
    with db_session() as session:
        documents = [add_document(session, name=f"claim{n}.pdf") for n in range(len(WIDTHS))]
        document_ids = {d.id for d in documents}
    page = browser_page
    page.goto(workbench_url)
    page.get_by_role("textbox", name="Username").fill("ada")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Review").wait_for()
    page.get_by_role("link", name="Review").click()
    page.get_by_text("Review queue").first.wait_for()
    _settle(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    timings: dict[str, list[float]] = {"switch_field": [], "alt_a_save": [],
                                       "next_document": []}

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        _settle(page, 800)
        chart = page.locator("[data-testid=stVegaLiteChart]").first
        value_box = page.get_by_role("textbox", name="Value of").first
        chart.wait_for()
        columns = page.locator("[data-testid=stColumn]")
        page_column = columns.filter(has=page.locator("[data-testid=stVegaLiteChart]")).last
        field_column = columns.filter(has=page.get_by_role("textbox", name="Value of")).last
        image = _box(chart.locator("svg, canvas").first)
        page_box, field_box = _box(page_column), _box(field_column)
        page.screenshot(path=str(SCREENSHOTS / f"review-{width}.png"), full_page=True)
        print(f"{width}px: image {image} page column {page_box} field column {field_box}")
        reason = field_column.get_by_text("Found by: text layer · label to its left").first
        assert reason.is_visible(), f"{width}px: no reason for the field's auto-accept"
        assert image[2] <= field_box[0], f"{width}px: the page image runs under the fields"
        assert page_box[0] - 1 <= image[0] and image[2] <= page_box[2] + 1, \
            f"{width}px: the page image is clipped by its column"
        assert image[2] - image[0] >= (page_box[2] - page_box[0]) - 40, \
            f"{width}px: the page opens narrower than its column (zoom 'fit')"
        table = _box(field_column.locator("[data-testid=stDataFrame]").first)
        assert table[2] - table[0] >= KEY_COLUMNS_PX, f"{width}px: the table hides key columns"
        if width == WIDTHS[0]:
            _zoomed_page_pans_inside_its_panel(page, field_column)

        shown = value_box.get_attribute("aria-label")
        page.get_by_role("combobox", name="Field in hand").click()
        option = page.get_by_role("option").nth(1)
        started = time.monotonic()
        option.click()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and value_box.get_attribute("aria-label") == shown:
            page.wait_for_timeout(20)
        timings["switch_field"].append(time.monotonic() - started)
        _settle(page, 600)

        field_name = (value_box.get_attribute("aria-label") or "").removeprefix("Value of ")
        typed, stored = TYPED[field_name]
        value_box.fill("")
        value_box.press_sequentially(typed, delay=30)  # key by key, as a person types
        started = time.monotonic()
        page.keyboard.press("Alt+a")
        try:
            page.get_by_text(f"{field_name}: corrected").wait_for()
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / f"review-{width}-failed.png"), full_page=True)
            raise
        timings["alt_a_save"].append(time.monotonic() - started)
        _settle(page, 600)
        page.screenshot(path=str(SCREENSHOTS / f"review-{width}-saved.png"), full_page=True)
        label = page.locator("[data-testid=stSelectbox]", has_text="Review queue").first \
            .evaluate("e => e.innerText + ' ' + e.textContent + ' ' + "
                      "[...e.querySelectorAll('input')].map(i => i.value).join(' ')")
        assert "· 2 open" in label, f"{width}px: the queue label did not catch up: {label!r}"
        with db_session() as session:
            field = session.exec(select(ExtractedFieldRow).where(
                ExtractedFieldRow.name == field_name,
                ExtractedFieldRow.reviewed_by == "ada",
                ExtractedFieldRow.value == stored)).first()
            correction = session.exec(select(Correction).where(
                Correction.user == "ada", Correction.new_value == stored)).first()
        assert field is not None and field.document_id in document_ids, \
            f"{width}px: {field_name} not saved as typed ({typed!r} → {stored!r})"
        assert correction is not None and correction.old_value != correction.new_value

        caption = page.locator("[data-testid=stCaptionContainer]", has_text="page(s) ·").first
        before = caption.inner_text()
        started = time.monotonic()
        page.keyboard.press("Alt+j")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and caption.inner_text() == before:
            page.wait_for_timeout(50)
        assert caption.inner_text() != before, f"{width}px: Alt+J did not open the next document"
        timings["next_document"].append(time.monotonic() - started)
        _settle(page, 600)

    print("browser seconds:", {k: [round(t, 2) for t in v] for k, v in timings.items()},
          "medians:", {k: round(statistics.median(v), 2) for k, v in timings.items() if v})
    print(f"screenshots: {SCREENSHOTS}")

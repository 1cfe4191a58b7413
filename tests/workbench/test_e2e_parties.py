"""Party review in a real Chromium, at two window widths.

At each width a reviewer opens a document, switches the panel to Parties, rejects the
party the extractor misread (the case number read as a debtor, with Alt+X), corrects the
debtor's phone (typed, saved with Alt+A), adds a co-defendant the extractor missed by
clicking the words of the name on the page, then gives the new party its phone by
clicking those words too (Alt+U). The page image must fit its column and never run under
the party panel. Screenshots go to ``tests/workbench/screenshots/`` (gitignored).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from models.tables import Correction, Document, Page, Party
from tests.workbench.conftest import page_words
from tests.workbench.test_e2e_browser import (  # noqa: F401  (fixtures)
    PASSWORD,
    _settle,
    browser_page,
    workbench_url,
)
from workbench.db import db_session

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = (1366, 1920)
LINES = [
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
    "Case No. 24SC00891",
    "MIDLAND CREDIT MANAGEMENT INC, Plaintiff",
    "v. JOHN Q SAMPLE, Defendant",
    "12 Oak St, Springfield, IL 62704 (217) 555-0143",
    "and MARY ANN ROE, Defendant",
    "400 Pine Ave, Peoria, IL 61602 (309) 555-0177",
    "Amount claimed: $1,234.56",
]
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0
TIMINGS: dict[str, list[float]] = {}  # from key press or click until the saved message


def _document_with_one_debtor(session: Session, name: str) -> Document:
    """A complaint naming two defendants, of which the extractor found only the first, and
    read the case number line as a debtor too (first in reading order)."""
    document = Document(sha256=f"{abs(hash(name)):064d}"[:64], file_name=name,
                        media_type="application/pdf", doc_type="complaint", page_count=1,
                        status="extracted")
    session.add(document)
    session.flush()
    words = page_words(LINES)
    session.add(Page(document_id=document.id, number=1, width=PAGE_WIDTH, height=PAGE_HEIGHT,
                     words=words, text="\n".join(LINES)))
    session.add(Party(document_id=document.id, role="debtor", name="Case No", confidence=0.4,
                      page=1, bbox=[72.0, 92.0, 120.0, 102.0]))
    session.add(Party(document_id=document.id, role="debtor", name="John Q Sample",
                      addresses=["12 Oak St, Springfield, IL 62704"], phones=["+12175550143"],
                      dob="1981-04-09", ssn_last4="4821", confidence=0.8, page=1,
                      bbox=[87.0, 132.0, 185.0, 142.0]))
    session.flush()
    return document


def _box(locator) -> tuple[float, float, float, float]:
    box = locator.bounding_box()
    assert box is not None, "element not on screen"
    return box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]


_WORD_BOX_JS = """([index]) => {
  // the words layer: the rect mark with one path per word, in the words' order
  const groups = [...document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-rect')];
  const layer = groups.sort((a, b) => b.children.length - a.children.length)[0];
  const box = layer.children[index].getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
}"""


def _click_words(page, texts: list[str], line: int) -> None:
    """Click the words of one line where the page chart drew them (shift-click after the
    first, as a person picks several words)."""
    words = page_words(LINES)
    indexes = [i for i, w in enumerate(words) if w["line"] == line and w["text"] in texts]
    assert [words[i]["text"] for i in indexes] == texts, f"words not on line {line}: {texts}"
    for n, index in enumerate(indexes):
        so_far = " ".join(words[i]["text"] for i in indexes[:n + 1])
        for _attempt in range(3):  # a click landing while the chart is redrawn is lost
            x, y = page.evaluate(_WORD_BOX_JS, [index])
            if n:
                page.keyboard.down("Shift")
            page.mouse.click(x, y)
            if n:
                page.keyboard.up("Shift")
            _settle(page, 700)
            if page.get_by_text(so_far, exact=False).count():
                break
        else:
            raise AssertionError(f"clicking {words[index]['text']!r} did not pick {so_far!r}")


def _assert_page_beside_panel(page, width: int, step: str) -> None:
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    columns = page.locator("[data-testid=stColumn]")
    page_column = columns.filter(has=chart).last
    panel_column = columns.filter(has=page.get_by_role("textbox", name="Party name")).last
    image, page_box, panel = (_box(chart.locator("canvas, svg").first), _box(page_column),
                              _box(panel_column))
    page.screenshot(path=str(SCREENSHOTS / f"parties-{width}-{step}.png"), full_page=True)
    print(f"{width}px {step}: image {image} page column {page_box} party panel {panel}")
    assert image[2] <= panel[0], f"{width}px {step}: the page image runs under the party panel"
    assert page_box[0] - 1 <= image[0] and image[2] <= page_box[2] + 1, \
        f"{width}px {step}: the page image is clipped by its column"
    assert image[2] - image[0] >= (page_box[2] - page_box[0]) - 40, \
        f"{width}px {step}: the page does not fit its column's width"


# Two timing faults are fixed (docs/workbench.md): a stale picker message that put the previous
# party back in hand, and a stray rerun that wiped a decision's message before it was seen
# (which failed this test once in a fresh-clone CI run after 5 local passes). One rerun, on a
# fresh database and server, stays as a margin for timing faults not yet seen; a rerun that
# also fails fails CI.
@pytest.mark.flaky(reruns=1)
def test_correct_a_phone_and_add_a_missed_party_by_clicking_words(workbench_url,  # noqa: F811
                                                                 browser_page):  # noqa: F811
    with db_session() as session:
        document_ids = {_document_with_one_debtor(session, f"two-defendants-{w}.pdf").id
                        for w in WIDTHS}
    page = browser_page
    page.goto(workbench_url)
    page.get_by_role("textbox", name="Username").fill("ada")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Review").wait_for()
    _settle(page)
    page.get_by_role("link", name="Review").click()
    page.get_by_text("Review queue").first.wait_for()
    _settle(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    try:
        _review_at_each_width(page, document_ids)
    except Exception:
        page.screenshot(path=str(SCREENSHOTS / "parties-failed.png"), full_page=True)
        raise
    print("browser seconds:", {k: [round(t, 2) for t in v] for k, v in TIMINGS.items()})
    print(f"screenshots: {SCREENSHOTS}")


def _review_at_each_width(page, document_ids: set[int]) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        _settle(page, 800)
        if not page.get_by_role("textbox", name="Party name").count():  # the mode is kept
            page.keyboard.press("Alt+p")  # Parties; Alt+F goes back to the fields
        page.get_by_role("textbox", name="Party name").wait_for()
        _settle(page, 800)
        caption = page.locator("[data-testid=stCaptionContainer]", has_text="page(s) ·").first
        file_name = caption.inner_text().split(" · ")[0].strip("* ")
        _assert_page_beside_panel(page, width, "opened")

        started = time.monotonic()
        page.keyboard.press("Alt+x")  # the misread party is in hand first: rejected
        page.get_by_text("party Case No: rejected").wait_for()
        TIMINGS.setdefault("party_alt_x_reject", []).append(time.monotonic() - started)
        page.wait_for_function(  # the next open party is in hand
            """() => { const names = [...document.querySelectorAll('input')].filter(
                 b => b.getAttribute('aria-label') === 'Party name');
                 return names.length === 1 && names[0].value === 'John Q Sample'; }""",
            timeout=30_000)
        _settle(page)  # the whole quiet time: a box typed into during a run loses the text

        phones = page.get_by_role("textbox", name="Phones (one per line)")
        phones.fill("")
        phones.press_sequentially("(414) 205-4039", delay=20)
        assert phones.input_value() == "(414) 205-4039", f"{width}px: the typed phone was lost"
        started = time.monotonic()
        page.keyboard.press("Alt+a")
        page.get_by_text("party John Q Sample: corrected").wait_for()
        TIMINGS.setdefault("party_alt_a_save", []).append(time.monotonic() - started)
        _settle(page, 800)

        _click_words(page, ["MARY", "ANN", "ROE,"], line=5)
        page.get_by_text("New party named").wait_for()
        _assert_page_beside_panel(page, width, "picked-name")
        started = time.monotonic()
        page.get_by_role("button", name="Add as a new party").click()
        page.get_by_text("party MARY ANN ROE: added").wait_for()
        TIMINGS.setdefault("add_party", []).append(time.monotonic() - started)
        _settle(page, 800)

        # the new party's form, once the old one has left the screen (a run in progress
        # still shows the previous form)
        page.wait_for_function(
            """() => { const boxes = [...document.querySelectorAll('input')];
                 const names = boxes.filter(b => b.getAttribute('aria-label') === 'Party name');
                 const dobs = boxes.filter(b => b.getAttribute('aria-label') === 'Date of birth');
                 return names.length === 1 && names[0].value === 'MARY ANN ROE'
                        && dobs.length === 1; }""", timeout=30_000)
        _settle(page, 800)
        # typed first, then words picked: the typed date must ride along with Alt+U
        page.get_by_role("textbox", name="Date of birth").press_sequentially(
            "March 5, 1979", delay=20)
        _click_words(page, ["(309)", "555-0177"], line=6)
        page.get_by_text("Picked on the page:").wait_for()
        page.keyboard.press("Alt+u")  # the picked words read as a phone: offered as one
        page.get_by_text("party MARY ANN ROE: added").wait_for()
        _settle(page, 800)
        _assert_page_beside_panel(page, width, "added")

        with db_session() as session:
            document = session.exec(select(Document).where(
                Document.file_name == file_name)).one()
            assert document.id in document_ids
            parties = {p.name: p for p in session.exec(select(Party).where(
                Party.document_id == document.id)).all()}
            audit = session.exec(select(Correction).where(
                Correction.document_id == document.id, Correction.user == "ada")).all()
        assert parties["John Q Sample"].phones == ["+14142054039"], f"{width}px: phone not saved"
        added = parties.get("MARY ANN ROE")
        assert added is not None and added.status == "added", f"{width}px: party not added"
        assert added.phones == ["+13095550177"], f"{width}px: picked phone not saved"
        assert added.dob == "1979-03-05", f"{width}px: the typed date was dropped"
        assert added.bbox and added.bbox[1] == 72.0 + 5 * 20.0, "the name's box is not kept"
        assert added.identity_id is not None, f"{width}px: the added party was not linked"
        assert {"party.phones", "party.name"} <= {c.field_name for c in audit}
        assert parties["Case No"].status == "rejected", f"{width}px: Alt+X did not reject"
        assert ("party", "reject") in {(c.field_name, c.action) for c in audit}

        page.keyboard.press("Alt+j")
        page.wait_for_function(
            "name => !document.body.innerText.includes(name)", arg=file_name, timeout=30_000)
        _settle(page, 800)

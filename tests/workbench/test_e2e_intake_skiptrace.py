"""A real browser on the intake and skip-trace pages: a bad file's reason survives leaving
the page, retry and remove, the review link; the address timeline, a merge previewed and
confirmed. Screenshots at 1366 and 1920 px wide go under the test's ``screenshots/``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from models.tables import AccessLog, Document, Identity, Observation
from tests.intake.builders import text_pdf_bytes
from tests.workbench import test_e2e_browser as browser
from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_e2e_browser import PASSWORD, _settle, _shot
from workbench.db import db_session

pytestmark = pytest.mark.e2e
# The running workbench and the Chromium page of test_e2e_browser, shared as they are.
workbench_url = browser.workbench_url
browser_page = browser.browser_page

WIDTHS = (1366, 1920)


def _sign_in(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill("ada")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Intake").wait_for()
    _settle(page)


def _shots(page, tmp_path: Path, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(600)
        _shot(page, tmp_path, f"{name}-{width}")


def test_intake_keeps_a_bad_files_reason_retries_removes_and_links_to_review(
        workbench_url, browser_page, tmp_path):
    page = browser_page
    _sign_in(page, workbench_url)
    good, bad = tmp_path / "claim.pdf", tmp_path / "broken.pdf"
    good.write_bytes(text_pdf_bytes())
    bad.write_bytes(b"%PDF-1.4 this is no PDF at all")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    page.locator("input[type=file]").set_input_files([str(good), str(bad), str(empty)])
    page.get_by_text("2 file(s) stored and queued").wait_for()
    page.get_by_text("2 of 2 document(s) processed").wait_for(timeout=240_000)
    _settle(page)
    with db_session() as session:
        broken = session.exec(select(Document).where(Document.file_name == "broken.pdf")).one()
        claim = session.exec(select(Document).where(Document.file_name == "claim.pdf")).one()
    assert broken.status == "failed" and broken.error
    assert claim.status == "extracted", claim.error

    # leave the page and come back: the reasons are still there
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("heading", name="Overview").wait_for()
    _settle(page)
    page.get_by_role("link", name="Intake").click()
    page.get_by_role("heading", name="Intake").wait_for()
    _settle(page)
    shown = page.locator("[data-testid=stMarkdownContainer]")
    shown.filter(has_text=broken.error).first.wait_for()
    shown.filter(has_text="empty.pdf: the file is empty").first.wait_for()
    _shots(page, tmp_path, "intake-after-return")
    chosen = page.locator("[data-testid=stSelectbox]").first
    assert "2 document(s) · 1 refused at upload" in (
        chosen.text_content() or "") + (chosen.locator("input").first.input_value()
                                          if chosen.locator("input").count() else "")

    page.get_by_role("button", name="Retry").click()
    page.get_by_text("queued again").first.wait_for()
    page.get_by_role("button", name="Remove").wait_for(timeout=120_000)  # failed again
    _settle(page)
    page.get_by_role("button", name="Remove").click()
    page.get_by_text("the original file stays stored").first.wait_for()
    _settle(page)
    _shots(page, tmp_path, "intake-removed")
    with db_session() as session:
        assert session.get(Document, broken.id) is None
        assert session.exec(select(AccessLog).where(
            AccessLog.action == "document_removed", AccessLog.user == "ada")).one()

    link = page.get_by_role("link", name=f"claim.pdf (#{claim.id})")
    assert (link.get_attribute("href") or "").endswith(f"/review?document={claim.id}")


def _seed_identities():
    with db_session() as session:
        first, second = add_document(session, name="a.pdf"), add_document(session, name="b.pdf")
        keep, party = add_debtor(session, first)
        for number, (value, day) in enumerate([
                ("1420 Extraordinarily Long Boulevard Name Apartment 12B, Springfield, IL 62704",
                 date(2021, 5, 1)), ("77 Pine Rd, Springfield, IL 62701", date(2019, 1, 1)),
                ("300 Lake Shore Dr, Chicago, IL 60611", date(2016, 6, 1)),
                ("8 Birch Ct, Peoria, IL 61602", date(2012, 2, 1))]):
            session.add(Observation(identity_id=keep.id, party_id=party.id,
                                    document_id=first.id, kind="address", value=value,
                                    normalized=f"addr {number}", observed_on=day,
                                    source_type=first.doc_type))
        other, _ = add_debtor(session, second, name="Jon Sample",
                              address="9 Elm Ave, Springfield, IL 62704", phone="+12175550199")
    return keep.id, other.id


def test_skip_trace_timeline_and_a_merge_previewed_then_confirmed(
        workbench_url, browser_page, tmp_path):
    keep_id, other_id = _seed_identities()
    page = browser_page
    _sign_in(page, workbench_url)
    page.get_by_role("link", name="Skip trace").click()  # a new address would sign out
    page.get_by_role("heading", name="Skip trace").wait_for()
    page.get_by_role("textbox", name="Search").fill("John Sample")
    page.get_by_role("combobox", name="Permissible purpose").click()
    page.get_by_role("option").first.click()
    page.get_by_role("button", name="Search").click()
    page.get_by_text(f"#{keep_id} ·").first.wait_for()
    _settle(page)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    assert page.locator("[data-testid=stVegaLiteChart] svg").count() >= 1
    _shots(page, tmp_path, "skip-timeline")

    page.get_by_role("tab", name="Merge / split").click()
    page.get_by_role("spinbutton", name="Identity to merge in").fill(str(other_id))
    page.get_by_role("textbox", name="Reason (kept with the decision)").first.fill(
        "same DOB and SSN-4")
    page.get_by_role("button", name="Preview merge").click()
    page.get_by_text(f"Merged in: #{other_id}").wait_for()
    _settle(page)
    with db_session() as session:
        assert session.get(Identity, other_id).status == "active"  # not before confirming
    _shots(page, tmp_path, "skip-merge-preview")
    page.get_by_role("button", name="Confirm merge").click()
    page.get_by_text(f"Identity #{other_id} merged into #{keep_id}.").wait_for()
    with db_session() as session:
        assert session.get(Identity, other_id).merged_into == keep_id
        details = [row.detail for row in session.exec(select(AccessLog).where(
            AccessLog.identity_id == other_id)).all()]
    assert f"merge preview beside #{keep_id}" in details

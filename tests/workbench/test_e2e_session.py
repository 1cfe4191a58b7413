"""A real browser: sign in, reload and still be signed in, open a deep link, and screenshots
of the Overview and Export pages at 1366 and 1920 px (under the test's tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_e2e_browser import (  # noqa: F401  (pytest fixtures)
    PASSWORD,
    _settle,
    browser_page,
    workbench_url,
)
from workbench.db import db_session

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path("/tmp/casetrace-e2e-session-shots")


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_reload_keeps_the_sign_in_and_a_deep_link_opens_its_page(
        workbench_url, browser_page):  # noqa: F811  (fixtures)
    with db_session() as session:
        document = add_document(session, name="wanted.pdf")
        add_debtor(session, document, phone="+14142054039")
        document.review_status = "reviewed"
        session.add(document)
    page = browser_page
    # a deep link while signed out: the sign-in form, not "Page not found"
    page.goto(f"{workbench_url}/review?document={document.id}")
    page.get_by_role("textbox", name="Username").fill("ada")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("wanted.pdf").first.wait_for()
    _settle(page)
    assert "/review" in page.url and "session=" in page.url
    assert page.get_by_text("Page not found").count() == 0

    page.reload()
    page.get_by_text("wanted.pdf").first.wait_for()
    _settle(page)
    assert page.get_by_role("button", name="Sign out").count() == 1
    assert page.get_by_role("textbox", name="Password").count() == 0

    # a deep link in the same browser, carrying the session: opens straight away
    token = page.url.split("session=")[1].split("&")[0]
    page.goto(f"{workbench_url}/overview?session={token}")
    page.get_by_role("heading", name="Overview").wait_for()
    _settle(page)
    for width in (1366, 1920):
        page.set_viewport_size({"width": width, "height": 1000})
        page.goto(f"{workbench_url}/overview?session={token}")
        page.get_by_role("heading", name="Overview").wait_for()
        _settle(page)
        _shot(page, f"overview-{width}")
        page.goto(f"{workbench_url}/export?session={token}")
        page.get_by_role("heading", name="Export").wait_for()
        page.get_by_role("combobox", name="Permissible purpose").click()
        page.get_by_role("option").first.click()
        _settle(page)
        page.get_by_role("tab", name="Cases").click()
        page.get_by_role("button", name="Prepare case export").click()
        _settle(page)
        _shot(page, f"export-{width}")

    page.get_by_role("button", name="Sign out").click()
    _settle(page)
    page.goto(f"{workbench_url}/overview?session={token}")
    page.get_by_role("textbox", name="Password").wait_for()  # signed out: the token is revoked

"""Every page renders through AppTest for a signed-in user of its role; skip trace searches
are logged, and merge / split go through the skip-trace store."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Identity, SearchLog
from review.purpose_log import PERMISSIBLE_PURPOSES
from tests.workbench.conftest import add_debtor, add_document
from tests.workbench.test_app_review import signed_in_app
from workbench.db import db_session

PAGES = ["intake", "review", "skip_trace", "export", "overview", "audit"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_an_admin(database_url, monkeypatch, page):
    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
    with db_session() as session:
        document = add_document(session)
        add_debtor(session, document)
    app = signed_in_app("ada", "admin")
    app.switch_page(f"workbench/pages/{page}.py")
    app.run()
    assert not app.exception, app.exception
    assert app.title or app.selectbox  # the page drew its content, not only the sidebar


def test_navigation_shows_only_the_pages_of_the_role(database_url):
    app = signed_in_app("ines", "investigator")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("workbench/pages/intake.py")
    app.switch_page("workbench/pages/skip_trace.py")
    app.run()
    assert not app.exception


def open_with_purpose(app, purpose: str = PERMISSIBLE_PURPOSES[0]) -> None:
    """Answer the skip-trace page's purpose question for the identity it is about to show."""
    app.selectbox(key="skip_view_purpose").select(purpose)
    next(b for b in app.button if b.label == "Open identity").click()
    app.run()


def _search(app, query: str, purpose: str | None):
    app.text_input(key="skip_query").input(query)
    if purpose:
        app.selectbox(key="skip_purpose").select(purpose)
    next(b for b in app.button if b.label == "Search").click()
    app.run()


def test_skip_trace_search_needs_a_purpose_and_is_logged(database_url):
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/skip_trace.py")
    app.run()
    _search(app, "John Sample", None)
    assert any("permissible purpose" in e.value for e in app.error)
    _search(app, "123-45-4821", PERMISSIBLE_PURPOSES[0])
    assert not app.exception
    with db_session() as session:
        logs = session.exec(select(SearchLog)).all()
    assert [(log.user, log.query, log.purpose) for log in logs] == [
        ("ines", "4821", PERMISSIBLE_PURPOSES[0])]


def test_skip_trace_search_opens_the_identity_with_its_sources(database_url):
    pytest.importorskip("skiptrace.search", reason="skip-trace search not in this checkout")
    with db_session() as session:
        document = add_document(session)
        identity, _ = add_debtor(session, document)
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/skip_trace.py")
    app.run()
    _search(app, "John Sample", PERMISSIBLE_PURPOSES[0])
    assert not app.exception, app.exception
    assert any(f"#{identity.id}" in s.value for s in app.subheader)
    assert any("claim.pdf" in m.value for m in app.markdown)


def test_skip_trace_merge_and_split_are_stored(database_url):
    pytest.importorskip("skiptrace.merge_split", reason="skip-trace store not in this checkout")
    with db_session() as session:
        first, second = add_document(session, name="a.pdf"), add_document(session, name="b.pdf")
        keep, _ = add_debtor(session, first)
        other, party = add_debtor(session, second, name="Jon Sample")
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/skip_trace.py")
    app.run()
    app.session_state["skip_identity"] = keep.id
    app.run()
    open_with_purpose(app)
    app.number_input(key="merge_other").set_value(other.id)
    app.text_input(key="merge_reason").input("same DOB and SSN-4")
    next(b for b in app.button if b.label == "Preview merge").click()
    app.run()
    app.button(key="merge_confirm").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        assert session.get(Identity, other.id).merged_into == keep.id
    app.multiselect(key="split_parties").select(party.id)
    app.text_input(key="split_reason").input("different person after all")
    next(b for b in app.button if b.label == "Split").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        from models.tables import Party
        assert session.get(Party, party.id).identity_id != keep.id

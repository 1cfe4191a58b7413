from __future__ import annotations

from models.tables import Identity
from tests.workbench.conftest import add_debtor, add_document
from workbench.identity_view import identity_sources, resolve_identity


def test_identity_sources_show_document_snippet_and_masked_ssn(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    [source] = identity_sources(session, identity.id)
    assert (source.document_id, source.file_name, source.ssn) == (
        document.id, "claim.pdf", "•••-••-4821")
    assert source.snippet.startswith("v. JOHN Q SAMPLE, Defendant")



def test_resolve_identity_finds_the_survivor(session):
    survivor = Identity(display_name="A")
    session.add(survivor)
    session.flush()
    merged = Identity(display_name="B", status="merged", merged_into=survivor.id)
    session.add(merged)
    session.flush()
    assert resolve_identity(session, merged.id).id == survivor.id

"""`casetrace relink` retries linking where it failed during ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

import skiptrace.incremental_link as incremental_link
from casetrace_cli.main import app
from core.vocabulary import DocumentFlag, error_flags
from models.db import get_engine
from models.tables import Document, Party
from pipeline.batches import ingest_paths
from skiptrace.party_records import is_person_party

PLACEMENT = Path("samples/corpus/d0013-placement.pdf")
LETTER = Path("samples/corpus/d0005-collection-letter.pdf")


def _ingest_with_broken_linker(url: str, tmp_path: Path, sources: list[Path]) -> list[int]:
    def explode(*_args, **_kwargs):
        raise RuntimeError("blocking index unavailable")

    paths = []
    for source in sources:
        paths.append(tmp_path / source.name)
        shutil.copy(source, paths[-1])
    with pytest.MonkeyPatch.context() as patch:  # a fault in the linker, not in the database
        patch.setattr(incremental_link, "candidate_pairs", explode)
        outcomes = ingest_paths(paths, url=url)
    ids = [o.document_id for o in outcomes]
    assert all(i is not None for i in ids)
    return [int(i) for i in ids if i is not None]


def _state(url: str, document_id: int) -> tuple[set, list[int | None]]:
    with Session(get_engine(url)) as session:
        document = session.get(Document, document_id)
        assert document is not None
        people = [p for p in session.exec(select(Party).where(
            Party.document_id == document_id)).all() if is_person_party(p)]
        return error_flags(document.error), [p.identity_id for p in people]


def test_relink_document_links_its_parties_and_clears_the_mark(db_url, tmp_path):
    (document_id,) = _ingest_with_broken_linker(db_url, tmp_path, [PLACEMENT])
    flags, identities = _state(db_url, document_id)
    assert flags == {DocumentFlag.LINK_FAILED} and identities and None in identities
    result = CliRunner().invoke(app, ["relink", "--document", str(document_id)])
    assert result.exit_code == 0, result.output
    assert f"document #{document_id}: {len(identities)} linked, 0 unlinked" in result.output
    flags, identities = _state(db_url, document_id)
    assert not flags and None not in identities


def test_relink_all_does_every_marked_document(db_url, tmp_path):
    ids = _ingest_with_broken_linker(db_url, tmp_path, [PLACEMENT, LETTER])
    assert all(_state(db_url, i)[0] == {DocumentFlag.LINK_FAILED} for i in ids)
    result = CliRunner().invoke(app, ["relink", "--all"])
    assert result.exit_code == 0, result.output
    for document_id in ids:
        flags, identities = _state(db_url, document_id)
        assert not flags and None not in identities
        assert f"ok document #{document_id}" in result.output


def test_relink_needs_exactly_one_of_document_or_all(db_url):
    assert CliRunner().invoke(app, ["relink"]).exit_code == 2
    assert CliRunner().invoke(app, ["relink", "--all", "--document", "1"]).exit_code == 2


def test_relink_unknown_document_is_an_error(db_url):
    result = CliRunner().invoke(app, ["relink", "--document", "999"])
    assert result.exit_code == 1 and "no document #999" in result.output

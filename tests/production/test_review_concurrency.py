"""Two reviewers save the same field at once: one wins, the other is told of the conflict,
both attempts are in the audit log, and nothing is silently lost.

The second save is started while the first is written but not yet committed, so the
two really overlap on the database (row lock on PostgreSQL, write lock on SQLite);
only a version check inside the write (``UPDATE ... WHERE version = :seen``, or a row
lock taken before reading the version) can refuse the second.
"""

from __future__ import annotations

import threading
import time

from sqlmodel import Session, select

from models.db import init_db
from models.tables import Correction, Document, ExtractedFieldRow
from review.saves import SaveResult, save_field

OVERLAP_SECONDS = 0.5


def _document_with_field(engine) -> int:
    with Session(engine) as session:
        document = Document(sha256="c" * 64, file_name="complaint.pdf", status="extracted",
                            review_status="pending")
        session.add(document)
        session.flush()
        field = ExtractedFieldRow(document_id=document.id, name="amount_due", value="1234.56",
                                  raw="$1,234.56", confidence=0.6, page=1,
                                  bbox=[72, 72, 140, 82])
        session.add(field)
        session.commit()
        return field.id


def test_review_concurrency_same_field_one_wins_other_conflicts(db_url):
    engine = init_db(db_url)
    field_id = _document_with_field(engine)
    results: dict[str, SaveResult] = {}
    errors: list[BaseException] = []

    def bob_saves() -> None:
        try:
            with Session(engine) as session:
                results["bob"] = save_field(session, field_id, user="bob", action="correct",
                                            expected_version=0, new_value="1600.00")
                session.commit()
        except BaseException as exc:  # surfaced in the assertion below
            errors.append(exc)

    with Session(engine) as alice:
        results["alice"] = save_field(alice, field_id, user="alice", action="correct",
                                      expected_version=0, new_value="1500.00")
        alice.flush()
        bob = threading.Thread(target=bob_saves)
        bob.start()
        time.sleep(OVERLAP_SECONDS)  # bob has read version 0 and waits on alice's write
        alice.commit()
    bob.join(60)
    assert not bob.is_alive() and errors == []

    saved = [user for user, result in results.items() if result.saved]
    refused = [user for user, result in results.items() if result.conflict]
    assert len(saved) == 1 and len(refused) == 1, {u: r.message for u, r in results.items()}
    winner, loser = saved[0], refused[0]
    with Session(engine) as session:
        field = session.get(ExtractedFieldRow, field_id)
        audit = session.exec(select(Correction).where(Correction.field_id == field_id)).all()
    assert field.version == 1
    assert field.value == {"alice": "1500.00", "bob": "1600.00"}[winner]
    assert field.reviewed_by == winner
    assert sorted((c.user, c.outcome) for c in audit) == sorted([(winner, "saved"),
                                                                 (loser, "conflict")])
    # The refused attempt is kept whole: what the loser wanted is in the audit log.
    lost = next(c for c in audit if c.user == loser)
    assert lost.new_value == {"alice": "1500.00", "bob": "1600.00"}[loser]

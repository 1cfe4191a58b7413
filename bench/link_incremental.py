"""Incremental linking: the cost of linking one new document as the database grows.

For each size N, a fresh SQLite database gets N synthetic debtor parties
(``skiptrace.synthetic``, one document per 5 parties) linked in one go; then
``--documents`` new documents of 2 parties each are filed one at a time, each
followed by ``link_new_parties`` and a commit, the path ingest takes. It
prints the median milliseconds per document at each size, the ratio of the
largest size to the smallest (flat is the aim: the work should not grow with
the database), and the pairwise precision / recall of all the identities
against the generator's person ids at the end.

    nice -n 10 python bench/link_incremental.py --sizes 1000 10000 30000 --documents 30
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel, create_engine, select  # noqa: E402

from bench.link import pairwise_scores  # noqa: E402
from models.tables import Document, Party  # noqa: E402
from skiptrace.incremental_link import link_new_parties  # noqa: E402
from skiptrace.records import PersonRecord  # noqa: E402
from skiptrace.synthetic import DebtorGenerator  # noqa: E402

PARTIES_PER_DOCUMENT = 5


def _party(record: PersonRecord, document_id: int) -> Party:
    address = f"{record.street}, {record.city}, {record.state} {record.postcode}".strip(", ")
    return Party(document_id=document_id, role="debtor",
                 name=" ".join(p for p in (record.given_name, record.surname) if p),
                 dob=record.dob.isoformat() if record.dob else None,
                 ssn_last4=record.ssn_last4 or None, addresses=[address] if record.street else [],
                 phones=[record.phone] if record.phone else [],
                 emails=[record.email] if record.email else [])


def _file(session: Session, records: list[PersonRecord], number: int) -> tuple[Document, list]:
    document = Document(sha256=f"{number:064d}", file_name=f"doc{number}.pdf",
                        doc_type="placement", status="extracted")
    session.add(document)
    session.flush()
    parties = [_party(r, document.id) for r in records]
    session.add_all(parties)
    session.flush()
    return document, parties


def one_size(size: int, documents: int) -> dict:
    records, truth = DebtorGenerator(seed=size).records(size + 2 * documents)
    with tempfile.TemporaryDirectory() as workdir:
        engine = create_engine(f"sqlite:///{Path(workdir) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        person_of: dict[int, int] = {}
        with Session(engine, expire_on_commit=False) as session:
            number = 0
            for start in range(0, size, PARTIES_PER_DOCUMENT):
                number += 1
                chunk = slice(start, min(start + PARTIES_PER_DOCUMENT, size))
                _doc, parties = _file(session, records[chunk], number)
                person_of.update({p.id: t for p, t in zip(parties, truth[chunk], strict=True)})
            clock = time.perf_counter()
            link_new_parties(session)
            session.commit()
            initial = time.perf_counter() - clock
            timings = []
            for k in range(documents):
                number += 1
                chunk = slice(size + 2 * k, size + 2 * k + 2)
                document, parties = _file(session, records[chunk], number)
                person_of.update({p.id: t for p, t in zip(parties, truth[chunk], strict=True)})
                clock = time.perf_counter()
                link_new_parties(session, [document.id])
                session.commit()
                timings.append(time.perf_counter() - clock)
            identity = {p.id: p.identity_id for p in session.exec(select(Party))}
        engine.dispose()
    ids = sorted(person_of)
    score = pairwise_scores([identity[i] for i in ids], [person_of[i] for i in ids], 0.0)
    return {"size": size, "initial_s": initial, "median_ms": statistics.median(timings) * 1000,
            "precision": score.precision, "recall": score.recall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--documents", type=int, default=30)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        row = one_size(size, args.documents)
        rows.append(row)
        print(f"linked parties={size:>7,}  first link {row['initial_s']:.1f}s  "
              f"per new document: median {row['median_ms']:.1f} ms  "
              f"(P={row['precision']:.4f} R={row['recall']:.4f})", flush=True)
    if len(rows) > 1:
        print(f"per-document time at {rows[-1]['size']:,} / at {rows[0]['size']:,}: "
              f"{rows[-1]['median_ms'] / rows[0]['median_ms']:.2f}x")


if __name__ == "__main__":
    main()

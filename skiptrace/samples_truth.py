"""Person parties from the sample generator's truth files, for scoring linking.

Each ``*.truth.json`` lists a document's parties with the ``person_id`` of the
person behind each; linking them should put parties with one ``person_id``
into one identity.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from models.tables import Document, Party
from skiptrace.party_records import is_person_party, party_to_record
from skiptrace.records import PersonRecord


def truth_documents(directory: Path,
                    ) -> list[tuple[Document, dict[str, str], list[tuple[Party, str]]]]:
    """(document, its fields, [(party, person_id)]) per truth file, oldest document first."""
    documents = []
    for number, path in enumerate(sorted(Path(directory).rglob("*.truth.json")), start=1):
        data = json.loads(path.read_text(encoding="utf-8"))
        day = data.get("document_date")
        document = Document(id=number, sha256=f"{number:064d}", file_name=path.name,
                            doc_type=data.get("doc_type", "other"),
                            document_date=date.fromisoformat(day) if day else None)
        fields = {f["name"]: f["value"] for f in data.get("fields", [])}
        parties = []
        for k, spec in enumerate(data.get("parties", [])):
            party = Party(id=number * 1000 + k, document_id=number, role=spec["role"],
                          name=spec["name"], dob=spec.get("dob"),
                          ssn_last4=spec.get("ssn_last4"),
                          addresses=spec.get("addresses") or [],
                          phones=spec.get("phones") or [], emails=spec.get("emails") or [])
            if is_person_party(party):
                parties.append((party, str(spec["person_id"])))
        documents.append((document, fields, parties))
    documents.sort(key=lambda item: (item[0].document_date or date.min, item[0].id))
    return documents


def truth_person_records(directory: Path) -> tuple[list[PersonRecord], list[str]]:
    """Every person party of every truth file as a record, with its person_id."""
    records: list[PersonRecord] = []
    truth: list[str] = []
    for document, fields, parties in truth_documents(directory):
        for party, person_id in parties:
            records.append(party_to_record(party, document,
                                           case_number=fields.get("case_number", ""),
                                           account_number=fields.get("account_number", "")))
            truth.append(person_id)
    return records, truth

"""``casetrace link INPUT.csv --out OUTPUT.csv`` (CONTRACT.md section 2) as a function.

The whole input is read and checked before anything is linked, and the output
is written to a temporary file that replaces OUTPUT only when complete, so a
bad row never leaves a partial file behind. Error messages name the row (the
line number in the file, header = line 1) and the problem, and never echo an
SSN.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import CasetraceError
from skiptrace.linker import link_records
from skiptrace.normalize import parse_dob
from skiptrace.records import PersonRecord, last_four

INPUT_COLUMNS = ("record_id", "given_name", "surname", "dob", "ssn", "street", "city", "state",
                 "postcode", "phone", "email")
OUTPUT_COLUMNS = ("record_id", "identity_id")


class LinkInputError(CasetraceError, ValueError):
    """The input CSV cannot be linked; the message names the file, row and problem."""

    code = "L001"


@dataclass(slots=True, frozen=True)
class LinkSummary:
    records: int
    identities: int
    candidate_pairs: int
    seconds: float

    def to_dict(self) -> dict:
        return {"records": self.records, "identities": self.identities,
                "candidate_pairs": self.candidate_pairs, "seconds": round(self.seconds, 3)}


_SSN_SHAPE = re.compile(r"^[0-9xX*\- ]*[0-9]{4}$")


def _ssn_last_four(raw: str, where: str) -> str:
    """Last four digits of an SSN column ('123-45-6789', 'XXX-XX-6789', '6789')."""
    text = raw.strip()
    if not text:
        return ""
    if not _SSN_SHAPE.match(text):
        raise LinkInputError(f"{where}: column 'ssn' is not an SSN or its last four digits")
    return last_four(text)


def _row_to_record(row: list[str], positions: dict[str, int], width: int,
                   where: str) -> PersonRecord:
    if len(row) > width:
        raise LinkInputError(f"{where}: {len(row)} fields, more than the header's {width}")
    if len(row) < width:
        raise LinkInputError(f"{where}: {len(row)} fields, fewer than the header's {width}")
    values = {column: row[index].strip() if index >= 0 else ""
              for column, index in positions.items()}
    if not values["record_id"]:
        raise LinkInputError(f"{where}: record_id is empty")
    try:
        dob = parse_dob(values["dob"])
    except (ValueError, OverflowError):
        raise LinkInputError(f"{where}: dob {values['dob']!r} is not a date") from None
    return PersonRecord(
        record_id=values["record_id"], given_name=values["given_name"],
        surname=values["surname"], dob=dob, ssn_last4=_ssn_last_four(values["ssn"], where),
        street=values["street"], city=values["city"], state=values["state"],
        postcode=values["postcode"], phone=values["phone"], email=values["email"],
        source_type="crm",
    )


def read_link_input(input_path: Path) -> list[PersonRecord]:
    """Every row of a link input CSV as a record, or LinkInputError for the first bad row."""
    try:
        handle = input_path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise LinkInputError(f"{input_path}: cannot be read ({error.strerror})") from None
    records: list[PersonRecord] = []
    seen: dict[str, int] = {}
    with handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip().lower() for name in next(reader, [])]
            if not header:
                raise LinkInputError(f"{input_path}: the file is empty (a header row is needed)")
            if "record_id" not in header:
                raise LinkInputError(f"{input_path}: the header has no 'record_id' column")
            positions = {column: header.index(column) if column in header else -1
                         for column in INPUT_COLUMNS}
            for row in reader:
                where = f"{input_path}: row {reader.line_num}"
                if not row:
                    continue  # a blank line is not a record
                record = _row_to_record(row, positions, len(header), where)
                if record.record_id in seen:
                    raise LinkInputError(f"{where}: record_id {record.record_id!r} repeats row "
                                         f"{seen[record.record_id]}")
                seen[record.record_id] = reader.line_num
                records.append(record)
        except UnicodeDecodeError:
            raise LinkInputError(f"{input_path}: not UTF-8 text") from None
        except csv.Error as error:
            raise LinkInputError(f"{input_path}: row {reader.line_num}: {error}") from None
    return records


def _write_atomically(output_path: Path, rows: list[tuple[str, str]]) -> None:
    output_path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".link-", suffix=".csv", dir=output_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            writer.writerows(rows)
        os.replace(temp_name, output_path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def link_csv(input_path: Path, output_path: Path, workers: int = 1) -> LinkSummary:
    """Link the people in INPUT and write record_id,identity_id for every row to OUTPUT."""
    clock = time.perf_counter()
    records = read_link_input(Path(input_path))
    if records:
        result = link_records(records, workers=workers)
        numbers = result.identity_numbers().tolist()
        candidate_pairs = result.blocking.candidate_pairs
    else:
        numbers, candidate_pairs = [], 0
    rows = [(record.record_id, f"I{number:07d}") for record, number in
            zip(records, numbers, strict=True)]
    _write_atomically(Path(output_path), rows)
    return LinkSummary(records=len(records), identities=len(set(numbers)),
                       candidate_pairs=candidate_pairs, seconds=time.perf_counter() - clock)

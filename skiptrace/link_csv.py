"""``casetrace link INPUT.csv --out OUTPUT.csv`` (CONTRACT.md section 2) as a function.

Only structural faults stop a run (no header, no ``record_id`` column, a
repeated ``record_id``, bytes that are not UTF-8, a row with the wrong number
of fields); dirty values (a DOB that is not a real date, a junk phone, an odd
ZIP) are counted (``DirtyValues``, one line of ``str(LinkSummary)``) and still
used as evidence where they carry any. The whole input is read and checked
before anything is linked, and the output
is written to a temporary file that replaces OUTPUT only when complete, so a
bad row never leaves a partial file behind. Error messages name the row (the
line number in the file, header = line 1) and the problem, and never echo an
SSN.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from core.errors import CasetraceError
from skiptrace.linker import link_records
from skiptrace.normalize import dob_parts, normalize_phone, parse_dob
from skiptrace.records import PersonRecord, last_four

INPUT_COLUMNS = ("record_id", "given_name", "surname", "dob", "ssn", "street", "city", "state",
                 "postcode", "phone", "email")
OUTPUT_COLUMNS = ("record_id", "identity_id")


class LinkInputError(CasetraceError, ValueError):
    """The input CSV cannot be linked; the message names the file, row and problem."""

    code = "L001"


@dataclass(slots=True)
class DirtyValues:
    """Counts of values that are dirty but not structural faults: they never stop a run."""

    dob_not_a_date: int = 0  # a date with impossible parts ('1955-11-92'): compared by parts
    dob_unreadable: int = 0  # no date reading at all ('unknown'): no evidence
    ssn_odd: int = 0  # not an SSN's shape: its last four digits, if any, still compared
    phone_junk: int = 0  # not a possible phone number: its last seven digits still compared
    postcode_odd: int = 0  # not a 5- or 9-digit ZIP: its digits compared as they are
    email_junk: int = 0  # no '@': ignored

    def total(self) -> int:
        return (self.dob_not_a_date + self.dob_unreadable + self.ssn_odd + self.phone_junk
                + self.postcode_odd + self.email_junk)

    def line(self) -> str:
        """One line for stderr, '' when every value was clean."""
        parts = []
        for count, text in (
                (self.dob_not_a_date, "DOB values are not real dates (compared by their parts)"),
                (self.dob_unreadable, "DOB values hold no date (ignored)"),
                (self.ssn_odd, "SSN values are not an SSN or its last four (any last four "
                               "digits compared)"),
                (self.phone_junk, "phone values are not phone numbers (any last seven digits "
                                  "compared)"),
                (self.postcode_odd, "postcodes are not 5- or 9-digit ZIPs (compared as written)"),
                (self.email_junk, "e-mail values have no @ (ignored)")):
            if count:
                parts.append(f"{count:,} {text}")
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {"dob_not_a_date": self.dob_not_a_date, "dob_unreadable": self.dob_unreadable,
                "ssn_odd": self.ssn_odd, "phone_junk": self.phone_junk,
                "postcode_odd": self.postcode_odd, "email_junk": self.email_junk}


@dataclass(slots=True, frozen=True)
class LinkSummary:
    records: int
    identities: int
    candidate_pairs: int
    seconds: float
    dirty: DirtyValues = field(default_factory=DirtyValues)

    def to_dict(self) -> dict:
        return {"records": self.records, "identities": self.identities,
                "candidate_pairs": self.candidate_pairs, "seconds": round(self.seconds, 3),
                "dirty_values": self.dirty.to_dict()}

    def __str__(self) -> str:
        """What ``casetrace link`` prints on stderr: the summary, then one line of dirty values."""
        text = (f"linked {self.records:,} records into {self.identities:,} identities "
                f"({self.candidate_pairs:,} candidate pairs, {self.seconds:.2f} s)")
        dirty = self.dirty.line()
        return f"{text}\n{dirty}" if dirty else text


_SSN_SHAPE = re.compile(r"^[0-9xX*\- ]*[0-9]{4}$")
_ZIP_SHAPE = re.compile(r"^[0-9]{5}(-?[0-9]{4})?$")


def _ssn_last_four(raw: str, dirty: DirtyValues) -> str:
    """Last four digits of an SSN column ('123-45-6789', 'XXX-XX-6789', '6789')."""
    text = raw.strip()
    if not text:
        return ""
    if not _SSN_SHAPE.match(text):
        dirty.ssn_odd += 1
    return last_four(text)


@lru_cache(maxsize=1 << 16)
def _read_dob(raw: str) -> tuple[date | None, str, bool]:
    """(date, parts, clean): a real date; or None and its 'YYYYMMDD' parts as written."""
    try:
        return parse_dob(raw), "", True
    except (ValueError, OverflowError):
        return None, dob_parts(raw), False


def _dob(raw: str, dirty: DirtyValues) -> tuple[date | None, str]:
    """(the date, '') for a real date; (None, 'YYYYMMDD' parts as written) for one that is not."""
    dob, parts, clean = _read_dob(raw)
    if not clean:
        if parts:
            dirty.dob_not_a_date += 1
        else:
            dirty.dob_unreadable += 1
    return dob, parts


def _row_to_record(row: list[str], positions: dict[str, int], width: int,
                   where: str, dirty: DirtyValues) -> PersonRecord:
    if len(row) > width:
        raise LinkInputError(f"{where}: {len(row)} fields, more than the header's {width}")
    if len(row) < width:
        raise LinkInputError(f"{where}: {len(row)} fields, fewer than the header's {width}")
    values = {column: row[index].strip() if index >= 0 else ""
              for column, index in positions.items()}
    if not values["record_id"]:
        raise LinkInputError(f"{where}: record_id is empty")
    dob, dob_text = _dob(values["dob"], dirty)
    if values["phone"] and not normalize_phone(values["phone"]):
        dirty.phone_junk += 1
    if values["postcode"] and not _ZIP_SHAPE.match(values["postcode"]):
        dirty.postcode_odd += 1
    if values["email"] and "@" not in values["email"]:
        dirty.email_junk += 1
    return PersonRecord(
        record_id=values["record_id"], given_name=values["given_name"],
        surname=values["surname"], dob=dob, dob_text=dob_text,
        ssn_last4=_ssn_last_four(values["ssn"], dirty),
        street=values["street"], city=values["city"], state=values["state"],
        postcode=values["postcode"], phone=values["phone"], email=values["email"],
        source_type="crm",
    )


def _decoded(input_path: Path) -> str:
    """The file as text; bytes that are not UTF-8 are a structural fault, named by row."""
    try:
        data = input_path.read_bytes()
    except OSError as error:
        raise LinkInputError(f"{input_path}: cannot be read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise LinkInputError(f"{input_path}: row {line}: bytes that are not UTF-8 text "
                             f"(byte {error.start + 1} of the file)") from None


def read_link_input(input_path: Path,
                    dirty: DirtyValues | None = None) -> list[PersonRecord]:
    """Every row of a link input CSV as a record, or LinkInputError for the first structural
    fault (no header, no record_id column, a repeated record_id, bytes that are not UTF-8, a
    row with the wrong number of fields). Dirty values are counted in ``dirty``, not refused."""
    dirty = dirty if dirty is not None else DirtyValues()
    text = _decoded(input_path)
    records: list[PersonRecord] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if not any(header):
            raise LinkInputError(f"{input_path}: row 1: no header row (the file is empty or "
                                 "starts with a blank line)")
        if "record_id" not in header:
            raise LinkInputError(f"{input_path}: row 1: the header has no 'record_id' column")
        positions = {column: header.index(column) if column in header else -1
                     for column in INPUT_COLUMNS}
        for row in reader:
            where = f"{input_path}: row {reader.line_num}"
            if not row:
                continue  # a blank line is not a record
            record = _row_to_record(row, positions, len(header), where, dirty)
            if record.record_id in seen:
                raise LinkInputError(f"{where}: record_id {record.record_id!r} repeats row "
                                     f"{seen[record.record_id]}")
            seen[record.record_id] = reader.line_num
            records.append(record)
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


def link_csv(input_path: Path, output_path: Path, workers: int = -1,
             training: str = "auto") -> LinkSummary:
    """Link the people in INPUT and write record_id,identity_id for every row to OUTPUT.

    ``workers``: cores for comparing (-1: every core); ``training``: how the model
    is trained (``skiptrace.linker.trained_model``)."""
    clock = time.perf_counter()
    dirty = DirtyValues()
    records = read_link_input(Path(input_path), dirty)
    if records:
        result = link_records(records, workers=workers, training=training)
        numbers = result.identity_numbers().tolist()
        candidate_pairs = result.blocking.candidate_pairs
    else:
        numbers, candidate_pairs = [], 0
    rows = [(record.record_id, f"I{number:07d}") for record, number in
            zip(records, numbers, strict=True)]
    _write_atomically(Path(output_path), rows)
    return LinkSummary(records=len(records), identities=len(set(numbers)),
                       candidate_pairs=candidate_pairs, seconds=time.perf_counter() - clock,
                       dirty=dirty)

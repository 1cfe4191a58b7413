"""Person records as columns of codes: what normalizing reads, built a chunk at a time.

Ten million ``PersonRecord`` objects hold about 6 GB. The same records held as
one int32 code per record and raw field, into that field's distinct values,
hold about 0.5 GB, and normalizing works on the distinct values anyway. A
batch can be coded a chunk at a time (``RecordColumns.extend``) and each
chunk's records dropped, so linking never needs every record object alive.

Codes number the distinct values in the order they first appear, whether the
records came in one piece or many (and again after ``take`` reorders the
rows), so a table normalized from columns is the one normalized from the
records themselves, value lists included.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd

from skiptrace.process_pool import MIN_VALUES_FOR_POOL, run_tasks
from skiptrace.records import PersonRecord


@dataclass(slots=True, frozen=True)
class Coded:
    """A column held as codes into its values: a function of the column is applied to the
    values only, and a column derived from another keeps its codes."""

    codes: np.ndarray  # integer, one per row
    values: list  # distinct values (or values derived from them, possibly repeated)

    @classmethod
    def of(cls, values: Sequence[object]) -> Coded:
        index: dict[object, int] = {}
        add = index.setdefault
        codes = np.fromiter((add(value, len(index)) for value in values), dtype=np.int32,
                            count=len(values))
        return cls(codes, list(index))

    def map(self, func: Callable[[Any], Any]) -> Coded:
        """func of every row's value, computed once per value."""
        return Coded(self.codes, [func(value) for value in self.values])

    def compact(self) -> Coded:
        """The same column with repeated values merged (a derived column has fewer)."""
        distinct = Coded.of(self.values)
        return Coded(distinct.codes[self.codes], distinct.values)

    def through(self, codes: np.ndarray) -> Coded:
        """This column read through ``codes``: row k holds this column's row ``codes[k]``
        (a column computed over distinct values, spread back over the records)."""
        return Coded(self.codes[codes], self.values)

    def array(self, dtype: type = object) -> np.ndarray:
        """The column, one value per row."""
        values: np.ndarray = np.empty(len(self.values), dtype=dtype)
        values[:] = self.values
        return values[self.codes] if len(self.codes) else np.zeros(0, dtype=dtype)


# The raw fields normalizing reads from a record (a DOB that is not a real date: its text).
RAW_FIELDS: dict[str, Callable[[PersonRecord], object]] = {
    "given_name": attrgetter("given_name"), "middle_name": attrgetter("middle_name"),
    "surname": attrgetter("surname"), "dob": lambda r: r.dob or r.dob_text,
    "ssn4": lambda r: r.ssn_last4 or "", "street": attrgetter("street"),
    "city": attrgetter("city"), "state": attrgetter("state"),
    "postcode": attrgetter("postcode"), "phone": attrgetter("phone"),
    "email": attrgetter("email"), "case_number": attrgetter("case_number"),
    "account_last4": attrgetter("account_last4"),
}
# Coded side by side in worker processes, about the same work each.
_FIELD_GROUPS = (("street", "phone", "email", "given_name", "case_number", "city"),
                 ("surname", "dob", "ssn4", "middle_name", "state", "postcode",
                  "account_last4"))


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes included)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _code_fields(records: Sequence[PersonRecord], names: Sequence[str]) -> dict[str, Coded]:
    return {name: Coded.of([RAW_FIELDS[name](r) for r in records]) for name in names}


@dataclass(slots=True)
class RecordColumns:
    """Records as one code per raw field (``RAW_FIELDS``), and their ids."""

    record_ids: list[str] = field(default_factory=list)
    # Time spent coding (wall, and CPU of this process and its finished workers), so a
    # benchmark that codes the records chunk by chunk as it makes them still counts it.
    coding_seconds: float = 0.0
    coding_cpu_seconds: float = 0.0
    _index: dict[str, dict[object, int]] = field(
        default_factory=lambda: {name: {} for name in RAW_FIELDS})
    _codes: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {name: [] for name in RAW_FIELDS})

    @classmethod
    def of(cls, records: Sequence[PersonRecord], workers: int = 1) -> RecordColumns:
        columns = cls()
        columns.extend(records, workers)
        return columns

    def __len__(self) -> int:
        return len(self.record_ids)

    def extend(self, records: Sequence[PersonRecord], workers: int = 1) -> None:
        """Append records (from ``MIN_VALUES_FOR_POOL`` of them, the field groups coded in
        ``workers`` processes); the records themselves are not kept."""
        clock, cpu = time.perf_counter(), cpu_seconds()
        tasks = [partial(_code_fields, records, names) for names in _FIELD_GROUPS]
        parts = run_tasks(tasks, workers if len(records) >= MIN_VALUES_FOR_POOL else 1)
        for part in parts:
            for name, local in part.items():
                index = self._index[name]
                add = index.setdefault
                moved = np.fromiter((add(value, len(index)) for value in local.values),
                                    dtype=np.int32, count=len(local.values))
                self._codes[name].append(moved[local.codes])
        self.record_ids.extend(r.record_id for r in records)
        self._spent(clock, cpu)

    def column(self, name: str) -> Coded:
        """Codes (int32, one per record) and distinct values of a raw field."""
        chunks = self._codes[name]
        if len(chunks) != 1:
            self._codes[name] = chunks = [np.concatenate(chunks) if chunks
                                          else np.zeros(0, dtype=np.int32)]
        return Coded(chunks[0], list(self._index[name]))

    def release(self) -> None:
        """Drop the codes and values (a linking run that has normalized them needs only the
        table; at 10,000,000 records they are about 1.5 GB); the record ids stay."""
        self._index = {name: {} for name in RAW_FIELDS}
        self._codes = {name: [] for name in RAW_FIELDS}

    def take(self, order: Sequence[int] | np.ndarray) -> None:
        """Reorder the rows: row k becomes the old row ``order[k]``. Values are renumbered
        in their new order of first appearance, as if the records had come in this order."""
        clock, cpu = time.perf_counter(), cpu_seconds()
        positions = np.asarray(order, dtype=np.intp)
        self.record_ids = [self.record_ids[k] for k in positions.tolist()]
        for name in RAW_FIELDS:
            old = self.column(name)
            codes, first_seen = pd.factorize(old.codes[positions])
            self._codes[name] = [codes.astype(np.int32)]
            self._index[name] = {old.values[code]: k
                                 for k, code in enumerate(first_seen.tolist())}
        self._spent(clock, cpu)

    def _spent(self, clock: float, cpu: float) -> None:
        self.coding_seconds += time.perf_counter() - clock
        self.coding_cpu_seconds += cpu_seconds() - cpu

"""Person fields into the comparable forms linking works on.

Names: nameparser for full names, casefolding, a nickname table. Phones:
E.164 via phonenumbers (a 10-digit US number takes a fast path that gives the
same answer). Dates of birth: ISO, US and compact forms, dateparser for the
rest. Addresses: USPS standard form (``skiptrace.usps``).

``normalize_records`` turns records into a ``PersonTable``: one numpy array per
field, so later stages index whole columns by pair arrays instead of looping
over Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial

import jellyfish
import numpy as np
import pandas as pd
import phonenumbers
from nameparser import HumanName

from skiptrace.column_codes import CodeSpace
from skiptrace.nicknames import canonical_given_name
from skiptrace.process_pool import MIN_VALUES_FOR_POOL, run_tasks
from skiptrace.record_columns import RAW_FIELDS, Coded, RecordColumns
from skiptrace.records import PersonRecord
from skiptrace.text import fold
from skiptrace.usps import standardize_streets, zip5

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "2nd", "3rd"})
_DIGITS = re.compile(r"\D")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(slots=True, frozen=True)
class PersonName:
    given: str = ""
    middle: str = ""
    surname: str = ""
    suffix: str = ""


def parse_person_name(full_name: str) -> PersonName:
    """Split a printed name ('GONZALEZ, MARIA L.', 'Robert A. Smith Jr.') into folded parts."""
    parsed = HumanName(full_name or "")
    return PersonName(
        given=fold(parsed.first),
        middle=fold(parsed.middle),
        surname=fold(parsed.last),
        suffix=fold(parsed.suffix).replace(" ", ""),
    )


def split_surname_suffix(surname: str) -> tuple[str, str]:
    """'smith jr' -> ('smith', 'jr'): a generational suffix is not part of the surname."""
    tokens = surname.split()
    if len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        return " ".join(tokens[:-1]), tokens[-1]
    return surname, ""


@lru_cache(maxsize=1 << 16)
def normalize_phone(text: str, region: str = "US") -> str:
    """E.164 form of a phone number, or '' when it cannot be a phone number."""
    digits = _DIGITS.sub("", text or "")
    if len(digits) == 10 and digits[0] not in "01":
        return "+1" + digits
    if len(digits) == 11 and digits[0] == "1" and digits[1] not in "01":
        return "+" + digits
    if len(digits) < 7:
        return ""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def parse_dob(text: str) -> date | None:
    """A date of birth from '1981-04-09', '04/09/1981' or '19810409'; None when blank.

    Raises ValueError when the text is not a date, so callers can name the
    bad row.
    """
    text = (text or "").strip()
    if not text:
        return None
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_COMPACT_DATE, (0, 1, 2)),
                           (_US_DATE, (2, 0, 1))):
        match = pattern.match(text)
        if match:
            parts = match.groups()
            return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]]))
    import dateparser  # slow to import; only odd formats need it

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                               "DATE_ORDER": "MDY"})
    if parsed is None:
        raise ValueError(f"not a date: {text!r}")
    return parsed.date()


def dob_parts(text: str) -> str:
    """'YYYYMMDD' of a written date of birth, real or not; '' when it has no such reading.

    '1955-11-92' -> '19551192', '26/06/1957' (read as month/day) -> '19572606':
    a date with a mistyped or swapped part is still close to the true one, and
    linking compares it by its parts and by edit distance.
    """
    text = (text or "").strip()
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_COMPACT_DATE, (0, 1, 2)),
                           (_US_DATE, (2, 0, 1))):
        match = pattern.match(text)
        if match:
            parts = match.groups()
            year, month, day = (parts[k] for k in order)
            return year + month.zfill(2) + day.zfill(2)
    digits = _DIGITS.sub("", text)
    if len(digits) == 8 and digits[:2] in ("19", "20"):
        return digits
    return ""


def phone_digits_tail(text: str) -> str:
    """The last seven digits of a phone as written (a junk or foreign number still has them)."""
    digits = _DIGITS.sub("", text or "")
    return digits[-7:] if len(digits) >= 7 else ""


def normalize_case_number(text: str) -> str:
    """'2023-CC-101089-O' and '2023 cc 101089 o' compare equal."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def account_last_four(text: str) -> str:
    """Last four digits of an account number, masked or not ('xxxx1789' -> '1789')."""
    digits = _DIGITS.sub("", text or "")
    return digits[-4:] if len(digits) >= 4 else ""


def normalize_email(text: str) -> str:
    email = (text or "").strip().lower()
    return email if "@" in email else ""


@dataclass(slots=True)
class PersonTable:
    """Normalized records as columns; row i is records[i]. '' means missing."""

    record_ids: list[str]
    given: np.ndarray  # folded first given name
    given_canonical: np.ndarray  # nickname-resolved given name
    middle: np.ndarray
    surname: np.ndarray
    dob: np.ndarray  # 'YYYYMMDD' (parts as written when the date is not a real one)
    ssn4: np.ndarray
    street: np.ndarray  # USPS standard form
    street_number: np.ndarray
    city: np.ndarray
    state: np.ndarray
    postcode: np.ndarray  # ZIP5 (or the digits of a foreign postcode)
    phone: np.ndarray  # E.164
    email: np.ndarray
    surname_soundex: np.ndarray
    given_soundex: np.ndarray
    given_canonical_soundex: np.ndarray
    dob_year: np.ndarray
    dob_number: np.ndarray  # int64 YYYYMMDD of dob (-1 when missing), compared by its parts
    phone_tail: np.ndarray  # last seven digits
    email_local: np.ndarray
    case_number: np.ndarray  # upper-case letters and digits only
    account4: np.ndarray  # last four digits of the account number
    # Integer codes of column groups (``skiptrace.comparisons.table_codes``), made once.
    codes: dict[str, tuple[CodeSpace, list[np.ndarray]]] = field(default_factory=dict)
    key_codes: dict[tuple[str, ...], list[np.ndarray]] = field(default_factory=dict)  # blocking
    # Per column, the int32 code of each record and the distinct values the codes index, as
    # normalizing made them, so comparing and blocking need not hash the strings again.
    distinct: dict[str, tuple[np.ndarray, list]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.record_ids)


def _column(values: Sequence[str]) -> np.ndarray:
    return np.asarray(values, dtype=object)


def _soundex(name: str) -> str:
    return jellyfish.soundex(name) if name else ""


def _given_parts(given: str, middle: str) -> tuple[str, str]:
    tokens = fold(given).split()
    if not tokens:
        return "", fold(middle)
    return tokens[0], fold(middle) or " ".join(tokens[1:])


def _phone_forms(raw: str) -> tuple[str, str]:
    """(E.164 form, last seven digits) of a phone as written."""
    normalized = _normalize_phone_once(raw)
    return normalized, normalized[-7:] if normalized else phone_digits_tail(raw)


def _normalize_phone_once(raw: str) -> str:
    # Each distinct phone is seen here once: the LRU cache of ``normalize_phone`` would
    # only evict the entries other callers use.
    return normalize_phone.__wrapped__(raw)


def _dob_text(value: object) -> str:
    return value if isinstance(value, str) else value.strftime("%Y%m%d")  # type: ignore[attr-defined]


# A column group's columns, each over the distinct values of one basis (a raw field, or the
# given and middle names together): the column's row i belongs to the basis's value i.
_Columns = dict[str, tuple[str, Coded]]
_Bases = dict[str, list]


def _over(values: list) -> Coded:
    """A basis's distinct values as a column of their own (row i holds ``values[i]``)."""
    return Coded(np.arange(len(values), dtype=np.int32), values)


def _name_columns(bases: _Bases) -> _Columns:
    # given and middle name together: a given name field may hold the middle name too
    parts = [_given_parts(given, middle) for given, middle in bases["given_middle"]]
    rows = np.arange(len(parts), dtype=np.int32)
    given = Coded(rows, [part[0] for part in parts]).compact()
    canonical = given.map(canonical_given_name)
    columns = {"given": given, "middle": Coded(rows, [part[1] for part in parts]),
               "given_canonical": canonical, "given_soundex": given.map(_soundex),
               "given_canonical_soundex": canonical.map(_soundex)}
    return {name: ("given_middle", coded) for name, coded in columns.items()}


def _surname_columns(bases: _Bases) -> _Columns:
    surname = _over(bases["surname"]).map(lambda v: split_surname_suffix(fold(v))[0]).compact()
    return {"surname": ("surname", surname),
            "surname_soundex": ("surname", surname.map(_soundex))}


def _street_columns(bases: _Bases) -> _Columns:
    street = _over(standardize_streets(bases["street"]))
    return {"street": ("street", street),
            "street_number": ("street", street.map(_leading_number))}


def _dob_columns(bases: _Bases) -> _Columns:
    # A date that is not a real one ('1955-11-92') keeps its parts: it is still evidence.
    dob = _over(bases["dob"]).map(_dob_text).compact()
    columns = {"dob": dob, "dob_year": dob.map(lambda v: v[:4]),
               "dob_number": dob.map(lambda v: int(v) if len(v) == 8 and v.isdigit() else -1)}
    return {name: ("dob", coded) for name, coded in columns.items()}


def _phone_columns(bases: _Bases) -> _Columns:
    forms = [_phone_forms(value) for value in bases["phone"]]
    return {"phone": ("phone", _over([form[0] for form in forms])),
            "phone_tail": ("phone", _over([form[1] for form in forms]))}


def _email_columns(bases: _Bases) -> _Columns:
    email = _over(bases["email"]).map(normalize_email)
    return {"email": ("email", email),
            "email_local": ("email", email.map(lambda v: v.split("@", 1)[0]))}


def _other_columns(bases: _Bases) -> _Columns:
    return {
        "ssn4": ("ssn4", _over(bases["ssn4"])),
        "city": ("city", _over(bases["city"]).map(fold)),
        "state": ("state", _over(bases["state"]).map(fold)),
        "postcode": ("postcode", _over(bases["postcode"]).map(zip5)),
        "case_number": ("case_number", _over(bases["case_number"]).map(normalize_case_number)),
        "account4": ("account_last4", _over(bases["account_last4"]).map(account_last_four)),
    }


# Longest first: the worker processes take them in this order.
_COLUMN_GROUPS = (_street_columns, _phone_columns, _name_columns, _email_columns,
                  _dob_columns, _surname_columns, _other_columns)


def _basis_codes(columns: RecordColumns) -> dict[str, Coded]:
    """The raw fields' codes and values, and the given and middle names' pairs."""
    bases = {name: columns.column(name) for name in RAW_FIELDS}
    given, middle = bases["given_name"], bases["middle_name"]
    width = max(len(middle.values), 1)
    pair_codes, pair_index = pd.factorize(given.codes.astype(np.int64) * width + middle.codes)
    bases["given_middle"] = Coded(pair_codes.astype(np.int32),
                                  [(given.values[code // width], middle.values[code % width])
                                   for code in pair_index.tolist()])
    return bases


def normalize_records(records: Sequence[PersonRecord], workers: int = -1) -> PersonTable:
    """``normalize_columns`` of the records (coded side by side in ``workers`` processes
    from ``MIN_VALUES_FOR_POOL`` records)."""
    return normalize_columns(RecordColumns.of(records, workers), workers)


def normalize_columns(columns: RecordColumns, workers: int = -1,
                      release: bool = False) -> PersonTable:
    """Column-wise normalization, each distinct raw value normalized once; from
    ``MIN_VALUES_FOR_POOL`` records the column groups are normalized side by side in
    ``workers`` processes (-1: every core), each working on the distinct values only and
    sending back its columns over them. ``release``: the columns are released
    (``RecordColumns.release``) before the table's arrays are made, so the raw codes and
    values (about 2 GB at 10,000,000 records) are not held beside them."""
    bases = _basis_codes(columns)
    distinct_values = {name: coded.values for name, coded in bases.items()}
    tasks = [partial(group, distinct_values) for group in _COLUMN_GROUPS]
    parts = run_tasks(tasks, workers if len(columns) >= MIN_VALUES_FOR_POOL else 1)
    coded_columns = {name: coded.compact().through(bases[basis].codes)
                     for part in parts for name, (basis, coded) in part.items()}
    del bases, distinct_values, parts
    if release:
        columns.release()

    def column(name: str) -> np.ndarray:
        return coded_columns[name].array()

    return PersonTable(
        record_ids=columns.record_ids, given=column("given"),
        given_canonical=column("given_canonical"), middle=column("middle"),
        surname=column("surname"), dob=column("dob"), ssn4=column("ssn4"),
        street=column("street"), street_number=column("street_number"), city=column("city"),
        state=column("state"), postcode=column("postcode"), phone=column("phone"),
        email=column("email"), surname_soundex=column("surname_soundex"),
        given_soundex=column("given_soundex"),
        given_canonical_soundex=column("given_canonical_soundex"),
        dob_year=column("dob_year"), dob_number=coded_columns["dob_number"].array(np.int64),
        phone_tail=column("phone_tail"), email_local=column("email_local"),
        case_number=column("case_number"), account4=column("account4"),
        distinct={name: (coded.codes.astype(np.int32), coded.values)
                  for name, coded in coded_columns.items() if name != "dob_number"})


def _leading_number(street: str) -> str:
    first = street.split(" ", 1)[0] if street else ""
    return first if first[:1].isdigit() else ""

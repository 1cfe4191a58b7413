"""One error base: every expected failure has a registered code and a one-line message."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from core.errors import CODES, FAMILIES, CasetraceError, SettingsError, errors_table
from intake import errors as intake_errors
from pipeline.job_queue import DocumentBusy, OriginalMissing, QueueUnavailable
from review.locks import DocumentLocked
from review.purpose_log import SearchRefused
from review.typed_values import InvalidValue
from review.users import AuthError
from skiptrace.link_csv import LinkInputError
from skiptrace.merge_split import IdentityError

DOC = Path(__file__).resolve().parents[2] / "docs" / "errors.md"

# Each coded class with the base its callers catch it by.
CODED = [(QueueUnavailable, Exception), (DocumentBusy, Exception),
         (OriginalMissing, Exception), (DocumentLocked, RuntimeError),
         (InvalidValue, ValueError), (AuthError, ValueError), (SearchRefused, ValueError),
         (LinkInputError, ValueError), (IdentityError, ValueError),
         (SettingsError, ValueError)]


def test_str_is_code_and_message():
    error = AuthError("username is empty")
    assert str(error) == "[A001] username is empty"
    assert (error.code, error.message) == ("A001", "username is empty")


@pytest.mark.parametrize(("cls", "base"), CODED)
def test_every_class_has_a_registered_code_and_keeps_its_base(cls, base):
    assert issubclass(cls, CasetraceError) and issubclass(cls, base)
    assert CODES[cls.code][0] == cls.__name__
    error = cls("something went wrong")
    assert str(error) == f"[{cls.code}] something went wrong"


def test_intake_errors_are_coded_errors_with_their_codes():
    codes = {value for name, value in vars(intake_errors).items() if name.startswith("E_")}
    assert codes >= {f"I{n:03d}" for n in range(1, 12)}
    assert all(CODES[code][0] == "IntakeError" for code in codes)
    error = intake_errors.too_many_pages(3, 2)
    assert isinstance(error, CasetraceError) and str(error).startswith("[I006] ")


def test_codes_are_well_formed_and_in_a_family():
    assert all(re.fullmatch(r"[A-Z]\d{3}", code) for code in CODES)
    assert {code[0] for code in CODES} <= set(FAMILIES)


@pytest.mark.parametrize("error", [intake_errors.not_found(), AuthError("no"),
                                   SettingsError("bad", code="C003")])
def test_a_coded_error_survives_pickling(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert (again.code, again.message, str(again)) == (error.code, error.message, str(error))


def test_the_doc_table_is_the_generated_one():
    text = DOC.read_text(encoding="utf-8")
    assert errors_table() in text
    assert sorted(re.findall(r"^\| `([A-Z]\d{3})` \|", text, flags=re.MULTILINE)) == sorted(CODES)


def test_every_loaded_coded_class_is_registered():
    def subclasses(cls: type) -> list[type]:
        return [cls] + [s for sub in cls.__subclasses__() for s in subclasses(sub)]

    for cls in subclasses(CasetraceError)[1:]:
        if cls.__module__.startswith("tests") or cls.code in ("E000", "I000"):
            continue
        assert CODES[cls.code][0] == cls.__name__, cls

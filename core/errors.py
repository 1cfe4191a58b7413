"""One base for every expected failure, each with a code that can be searched for.

An expected failure (a bad file, a bad setting, a refused search) must give one
clear line, never a traceback; the code makes that line findable in logs, in job
rows and in docs/errors.md. ``str(error)`` is ``"[CODE] message"``; ``message``
alone is the text for a person. The first letter of a code names its family.

Every code is registered here, in ``CODES``, so that the docs table is generated
from one place and a code is never given twice (spaCy's ``errors.py`` does the same).
"""

from __future__ import annotations

FAMILIES: dict[str, str] = {
    "I": "intake: reading files and pages",
    "C": "configuration: CASETRACE_* settings",
    "Q": "queue: background jobs and workers",
    "R": "review: locks and typed values",
    "A": "accounts: workbench users and sign-in",
    "P": "purpose log: searches without a permissible purpose",
    "L": "linking: person records and identities",
    "X": "extraction: fields and parties (none yet)",
    "U": "uploads: files and batches over their size limits",
}

# code -> (exception class, what it means); docs/errors.md is generated from this.
CODES: dict[str, tuple[str, str]] = {
    "I001": ("IntakeError", "empty file (0 bytes)"),
    "I002": ("IntakeError", "not a PDF or image"),
    "I003": ("IntakeError", "truncated or corrupt file"),
    "I004": ("IntakeError", "password-protected PDF"),
    "I005": ("IntakeError", "a page has an absurd size"),
    "I006": ("IntakeError", "more pages than CASETRACE_MAX_PAGES"),
    "I007": ("IntakeError", "a page image over CASETRACE_MAX_MEGAPIXELS (decompression bomb)"),
    "I008": ("IntakeError", "OCR of a page took longer than CASETRACE_OCR_TIMEOUT"),
    "I009": ("IntakeError", "OCR of a page failed"),
    "I010": ("IntakeError", "the file cannot be read"),
    "I011": ("IntakeError", "no such file"),
    "I012": ("IntakeError", "no OCR engine registered under CASETRACE_OCR_ENGINE's name"),
    "C001": ("SettingsError", "a CASETRACE_* value is not of its type (number, yes/no)"),
    "C002": ("SettingsError", "a CASETRACE_* value is out of its range"),
    "C003": ("SettingsError", "a CASETRACE_* value is not one of its choices"),
    "C004": ("SettingsError", "two settings contradict each other"),
    "Q001": ("QueueUnavailable", "the background queue needs PostgreSQL"),
    "Q002": ("DocumentBusy", "another live worker holds the document; the job waits"),
    "Q003": ("OriginalMissing", "this worker cannot see the stored original (file store)"),
    "R001": ("DocumentLocked", "another reviewer holds the document's review lock"),
    "R002": ("InvalidValue", "a typed value does not fit its field"),
    "A001": ("AuthError", "a user cannot be created (name, role or password)"),
    "A002": ("SignInLocked", "too many failed sign-ins: the username is locked for a while"),
    "A003": ("SessionEnded", "a workbench session token is forged, expired, idle too long, "
             "signed out or of a user who no longer exists: sign in again"),
    "P001": ("SearchRefused", "a search without a permissible purpose or a query"),
    "P002": ("AccessRefused", "a look at debtor data (identity, export) without a permissible "
             "purpose or by a role that may not see it"),
    "L001": ("LinkInputError", "a link input CSV is malformed (names the row)"),
    "L002": ("IdentityError", "a merge or split of identities that cannot be done as asked"),
    "U001": ("UploadTooLarge", "a file over CASETRACE_MAX_UPLOAD_MB (not stored)"),
    "U002": ("UploadTooLarge", "a file that would take its batch over CASETRACE_MAX_BATCH_MB"),
}

E_SETTING_TYPE = "C001"
E_SETTING_RANGE = "C002"
E_SETTING_CHOICE = "C003"
E_SETTING_CONFLICT = "C004"


class CasetraceError(Exception):
    """An expected failure with a code and a one-line message.

    Subclasses with one meaning set ``code`` on the class and are raised with the
    message alone; a family with many codes (IntakeError) passes the code.
    """

    code: str = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(f"[{code or self.code}] {message}")
        if code is not None:
            self.code = code  # an instance's code shadows the class's
        self.message = message

    def __reduce__(self):  # type: ignore[override]
        # Rebuilt from code and message, whatever the subclass's __init__ takes, so the
        # error survives a process pool or a queue unchanged.
        return (_rebuild, (type(self), self.code, self.message))


def _rebuild(cls: type[CasetraceError], code: str, message: str) -> CasetraceError:
    error = cls.__new__(cls)
    CasetraceError.__init__(error, message, code=code)
    return error


class SettingsError(CasetraceError, ValueError):
    """A CASETRACE_* variable with a value that cannot be used; the message names it."""

    code = E_SETTING_TYPE


class UploadTooLarge(CasetraceError, ValueError):
    """A file (U001) or the batch it would join (U002) is over its size limit."""

    code = "U001"


def errors_table() -> str:
    """The Markdown table of every code, as docs/errors.md holds it."""
    rows = ["| code | family | raised as | meaning |", "|---|---|---|---|"]
    for code, (cls, meaning) in CODES.items():
        family = FAMILIES[code[0]].split(":")[0]
        rows.append(f"| `{code}` | {family} | `{cls}` | {meaning} |")
    return "\n".join(rows)

"""Every ``CASETRACE_*`` environment variable, declared once: type, default, range, meaning.

Each setting is a field of a frozen section (storage, intake, review, worker, queue,
models, workbench, access, sessions, uploads) whose metadata names its variable and says
in one line what it does; docs/configuration.md holds the table generated from these declarations (a
test keeps the two equal). ``Settings.from_env()``, or one section's ``from_env()``,
reads the environment on every call and never at import, so a changed variable is
seen at once. A bad value gives one coded line naming the variable
(``[C002] CASETRACE_MAX_PAGES must be at least 1, not 0``), never a traceback.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from core.errors import (
    E_SETTING_CHOICE,
    E_SETTING_CONFLICT,
    E_SETTING_RANGE,
    E_SETTING_TYPE,
    SettingsError,
)

OCR_DPI = 300
MAX_PAGES = 500
MAX_MEGAPIXELS_PER_PAGE = 80.0
MAX_PAGE_INCHES = 120.0
MIN_PAGE_INCHES = 0.5
OCR_TIMEOUT_SECONDS = 120.0
OCR_LANGUAGE = "eng"
# Pages per document whose OCR-made text layer is checked against its image for stamps.
OCR_LAYER_PAGES = 3
# The OCR engines intake knows by name; a new engine adds its name here.
OCR_ENGINES = ("tesseract", "rapidocr")
QUEUE_OFF = "off"
QUEUE_BACKEND = "procrastinate"
DEFAULT_DATABASE_URL = "sqlite:///data/casetrace.db"
DEFAULT_FILE_STORE = "data/files"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_QUEUE_OFF_WORDS = {"0": QUEUE_OFF, "none": QUEUE_OFF, "no": QUEUE_OFF, "false": QUEUE_OFF}


@dataclass(frozen=True)
class Spec:
    """What a field declares about its variable: name, meaning and the values it takes."""

    env: str
    doc: str
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # an exclusive lower bound
    choices: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)  # other spellings of a choice

    def problem(self, value: object) -> str | None:
        """What is wrong with a value of the right type ("must be at least 1"), or None."""
        if self.choices:
            if value not in self.choices:
                return f"must be one of {', '.join(self.choices)}"
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        too_low = ((self.minimum is not None and value < self.minimum)
                   or (self.above is not None and value <= self.above))
        too_high = self.maximum is not None and value > self.maximum
        if not (too_low or too_high):
            return None
        if self.minimum is not None and self.maximum is not None:
            return f"must be between {self.minimum:g} and {self.maximum:g}"
        if self.above is not None and self.maximum is not None:
            return f"must be more than {self.above:g} and at most {self.maximum:g}"
        if self.above is not None:
            return "must be positive" if self.above == 0 else f"must be more than {self.above:g}"
        if self.minimum is not None:
            return f"must be at least {self.minimum:g}"
        return f"must be at most {self.maximum:g}"


def setting(default: Any, env: str, doc: str, **limits: Any) -> Any:
    """A section field declared with its variable (``limits``: see ``Spec``)."""
    return field(default=default, metadata={"setting": Spec(env, doc, **limits)})


class Section:
    """A frozen group of settings; checks its fields and reads them from the environment."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            problem = _spec(f).problem(value)
            if problem:
                code = E_SETTING_CHOICE if _spec(f).choices else E_SETTING_RANGE
                raise SettingsError(f"{f.name} {problem}, not {value!r}", code=code)

    @classmethod
    def from_env(cls: type[S], environ: Mapping[str, str] | None = None,
                 **overrides: object) -> S:
        """The section from ``CASETRACE_*`` variables; explicit overrides (not None) win."""
        given = {name: value for name, value in overrides.items() if value is not None}
        values = cls.env_values(environ, skip=given)
        return cls(**values, **given)

    @classmethod
    def env_values(cls, environ: Mapping[str, str] | None = None, *,
                   skip: Iterable[str] = ()) -> dict[str, object]:
        """The typed, checked values of the variables that are set (empty means unset)."""
        env = os.environ if environ is None else environ
        skipped = set(skip)
        values: dict[str, object] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            raw = env.get(_spec(f).env)
            if f.name not in skipped and raw is not None and raw.strip():
                values[f.name] = read_value(_spec(f), str(f.type), raw)
        return values


S = TypeVar("S", bound=Section)


def _spec(f: Any) -> Spec:
    return f.metadata["setting"]


def read_value(spec: Spec, kind: str, raw: str) -> object:
    """One variable's text as its typed, checked value; SettingsError naming it if bad."""
    text = raw.strip()
    value: object
    if spec.choices:
        value = spec.aliases.get(text.lower(), text.lower())
    elif kind == "bool":
        if text.lower() not in _TRUE | _FALSE:
            raise SettingsError(f"{spec.env} must be yes or no (1/0, true/false, on/off), "
                                f"not {raw!r}", code=E_SETTING_TYPE)
        value = text.lower() in _TRUE
    elif kind == "int":
        try:
            value = int(text)
        except ValueError:
            raise SettingsError(f"{spec.env} must be a whole number, not {raw!r}",
                                code=E_SETTING_TYPE) from None
    elif kind == "float":
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):  # type: ignore[arg-type]
            raise SettingsError(f"{spec.env} must be a number, not {raw!r}",
                                code=E_SETTING_TYPE) from None
    elif kind == "Path":
        value = Path(text)
    else:
        value = text
    problem = spec.problem(value)
    if problem:
        code = E_SETTING_CHOICE if spec.choices else E_SETTING_RANGE
        raise SettingsError(f"{spec.env} {problem}, not {raw.strip()!r}", code=code)
    return value


@dataclass(frozen=True)
class StorageSettings(Section):
    """Where the database and the original files live."""

    database_url: str = setting(DEFAULT_DATABASE_URL, "CASETRACE_DATABASE_URL",
                                "The database: any SQLAlchemy URL (PostgreSQL for a team).")
    file_store: Path = setting(Path(DEFAULT_FILE_STORE), "CASETRACE_FILE_STORE",
                               "Folder of the original files (share it between workers).")


@dataclass(frozen=True)
class IntakeSettings(Section):
    """Limits and knobs for reading files (``intake``)."""

    ocr_dpi: int = setting(OCR_DPI, "CASETRACE_OCR_DPI",
                           "Resolution at which pages without text are rendered for OCR.",
                           minimum=72, maximum=600)
    max_pages: int = setting(MAX_PAGES, "CASETRACE_MAX_PAGES",
                             "A file with more pages is refused (I006).", minimum=1)
    max_megapixels: float = setting(MAX_MEGAPIXELS_PER_PAGE, "CASETRACE_MAX_MEGAPIXELS",
                                    "Megapixels a page image may have: a bigger image is refused "
                                    "(I007), a PDF page is rendered smaller.", above=0)
    max_page_inches: float = setting(MAX_PAGE_INCHES, "CASETRACE_MAX_PAGE_INCHES",
                                     "A page side longer than this (inches) is refused (I005).",
                                     above=0)
    min_page_inches: float = setting(MIN_PAGE_INCHES, "CASETRACE_MIN_PAGE_INCHES",
                                     "A page side shorter than this (inches) is refused (I005).",
                                     minimum=0)
    ocr_timeout: float = setting(OCR_TIMEOUT_SECONDS, "CASETRACE_OCR_TIMEOUT",
                                 "Seconds OCR may take for one page (I008).", above=0)
    ocr_language: str = setting(OCR_LANGUAGE, "CASETRACE_OCR_LANGUAGE",
                                "Tesseract language code(s), e.g. eng or eng+spa.")
    ocr_engine: str = setting(OCR_ENGINES[0], "CASETRACE_OCR_ENGINE",
                              "Which OCR engine reads scanned pages.", choices=OCR_ENGINES)
    ocr_fallback: str = setting(OCR_ENGINES[1], "CASETRACE_OCR_FALLBACK",
                                "The engine that reads a scanned page again when the first "
                                "engine was unsure of it (broken print); off: none.",
                                choices=("off", *OCR_ENGINES))
    workers: int = setting(0, "CASETRACE_WORKERS",
                           "OCR processes at once; 0 means one per CPU core.", minimum=0)
    fix_orientation: bool = setting(True, "CASETRACE_FIX_ORIENTATION",
                                    "Turn scanned pages that lie sideways or upside down.")
    deskew: bool = setting(True, "CASETRACE_DESKEW", "Straighten slightly tilted scans.")
    ocr_layer_pages: int = setting(OCR_LAYER_PAGES, "CASETRACE_OCR_LAYER_PAGES",
                                   "Pages per document whose text layer lies over a picture "
                                   "(an earlier OCR, a flattened form) that get one more OCR "
                                   "pass for the ink it lacks (stamps, margins, form labels); "
                                   "0 turns it off.", minimum=0)

    @property
    def worker_count(self) -> int:
        return self.workers or max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ReviewValues(Section):
    """The review knobs as the environment sets them (``review.policy.ReviewSettings``)."""

    auto_accept_threshold: float = setting(
        0.95, "CASETRACE_AUTO_ACCEPT",
        "Fields at or above this confidence are accepted without a person (1.01: none).",
        above=0, maximum=1.01)
    audit_share: float = setting(0.10, "CASETRACE_AUDIT_SHARE",
                                 "Share of fully auto-accepted documents a person still audits.",
                                 minimum=0, maximum=1)
    lock_minutes: int = setting(15, "CASETRACE_LOCK_MINUTES",
                                "Minutes a reviewer's lock on a document lasts.", minimum=1)


HEARTBEAT_ENV = "CASETRACE_WORKER_HEARTBEAT_SECONDS"
STALLED_ENV = "CASETRACE_WORKER_STALLED_SECONDS"
POLL_ENV = "CASETRACE_WORKER_POLL_SECONDS"


@dataclass(frozen=True)
class WorkerSettings(Section):
    """How often a worker beats, and how long a silent worker is given before its job moves."""

    heartbeat_seconds: float = setting(10.0, HEARTBEAT_ENV,
                                       "Seconds between a queue worker's heartbeats.", above=0)
    stalled_seconds: float = setting(
        30.0, STALLED_ENV,
        "A worker silent this long is taken for dead and its job queued again.", above=0)
    poll_seconds: float = setting(5.0, POLL_ENV,
                                  "Seconds an idle worker waits between looks for jobs.",
                                  above=0)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.stalled_seconds <= 2 * self.heartbeat_seconds:
            raise SettingsError(f"{STALLED_ENV} ({self.stalled_seconds}) must be more than "
                                f"twice {HEARTBEAT_ENV} ({self.heartbeat_seconds})",
                                code=E_SETTING_CONFLICT)


@dataclass(frozen=True)
class QueueSettings(Section):
    """Whether uploads go to the background queue."""

    backend: str = setting(QUEUE_OFF, "CASETRACE_QUEUE",
                           "procrastinate: queue documents for `casetrace worker` "
                           "(PostgreSQL only; ignored with SQLite).",
                           choices=(QUEUE_OFF, QUEUE_BACKEND), aliases=_QUEUE_OFF_WORDS)


@dataclass(frozen=True)
class ModelSettings(Section):
    """How the extraction models run."""

    torch_threads: int = setting(1, "CASETRACE_TORCH_THREADS",
                                 "Threads for the transformer role model (1 is fastest on "
                                 "a shared CPU).", minimum=1)


@dataclass(frozen=True)
class WorkbenchSettings(Section):
    """How the Streamlit workbench behaves."""

    worker: bool = setting(True, "CASETRACE_WORKBENCH_WORKER",
                           "Process uploads inside the workbench; no leaves them to a worker.")


@dataclass(frozen=True)
class AccessSettings(Section):
    """How the sign-in door is throttled (``review.users``)."""

    max_failed_sign_ins: int = setting(5, "CASETRACE_MAX_FAILED_SIGN_INS",
                                       "Failed sign-ins for one username within "
                                       "CASETRACE_SIGN_IN_WINDOW_MINUTES that lock it.",
                                       minimum=1)
    sign_in_window_minutes: float = setting(15.0, "CASETRACE_SIGN_IN_WINDOW_MINUTES",
                                            "Minutes over which failed sign-ins are counted.",
                                            above=0)
    lockout_minutes: float = setting(15.0, "CASETRACE_LOCKOUT_MINUTES",
                                     "Minutes a username stays locked after too many failed "
                                     "sign-ins (A002).", above=0)


@dataclass(frozen=True)
class SessionSettings(Section):
    """How long a workbench sign-in lasts and where its token secret lives (``review.sessions``)."""

    session_hours: float = setting(8.0, "CASETRACE_SESSION_HOURS",
                                   "Hours a workbench sign-in lasts at most, reloads included.",
                                   above=0)
    idle_minutes: float = setting(30.0, "CASETRACE_IDLE_MINUTES",
                                  "Minutes without activity after which a workbench user is "
                                  "signed out and their review locks given back.", above=0)
    secret: str = setting("", "CASETRACE_SESSION_SECRET",
                          "Key that signs session tokens; empty: a random key kept in the "
                          "file session_secret (mode 0600) in CASETRACE_SESSION_DIR.")
    folder: str = setting("", "CASETRACE_SESSION_DIR",
                          "Folder of the session secret and the session store "
                          "(sessions.sqlite3); empty: the folder above CASETRACE_FILE_STORE.")


_MB = 1024 * 1024


@dataclass(frozen=True)
class UploadSettings(Section):
    """How big an uploaded or ingested file, and a whole batch, may be."""

    max_upload_mb: float = setting(50.0, "CASETRACE_MAX_UPLOAD_MB",
                                   "A file larger than this (MiB) is refused and not stored "
                                   "(U001); the rest of the batch still is.", above=0)
    max_batch_mb: float = setting(500.0, "CASETRACE_MAX_BATCH_MB",
                                  "Files past this many MiB in one batch are refused (U002).",
                                  above=0)

    def refusal(self, name: str, size: int, batch_bytes: int) -> str | None:
        """Why a file of ``size`` bytes, after ``batch_bytes`` already taken, is refused.

        One line naming the file, or None when it fits (``core.errors.UploadTooLarge``)."""
        if size > self.max_upload_mb * _MB:
            return (f"{name}: {size / _MB:.1f} MB is over the {self.max_upload_mb:g} MB "
                    f"limit per file (CASETRACE_MAX_UPLOAD_MB); not stored")
        if batch_bytes + size > self.max_batch_mb * _MB:
            return (f"{name}: the batch would pass its {self.max_batch_mb:g} MB limit "
                    f"(CASETRACE_MAX_BATCH_MB); not stored")
        return None


SECTIONS: dict[str, type[Section]] = {
    "storage": StorageSettings, "intake": IntakeSettings, "review": ReviewValues,
    "worker": WorkerSettings, "queue": QueueSettings, "models": ModelSettings,
    "workbench": WorkbenchSettings, "access": AccessSettings, "sessions": SessionSettings,
    "uploads": UploadSettings,
}


@dataclass(frozen=True)
class Settings:
    """Every setting of casetrace, by section; built fresh from the environment each call."""

    storage: StorageSettings = field(default_factory=StorageSettings)
    intake: IntakeSettings = field(default_factory=IntakeSettings)
    review: ReviewValues = field(default_factory=ReviewValues)
    worker: WorkerSettings = field(default_factory=WorkerSettings)
    queue: QueueSettings = field(default_factory=QueueSettings)
    models: ModelSettings = field(default_factory=ModelSettings)
    workbench: WorkbenchSettings = field(default_factory=WorkbenchSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    sessions: SessionSettings = field(default_factory=SessionSettings)
    uploads: UploadSettings = field(default_factory=UploadSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """All sections from the environment; the first bad variable raises SettingsError."""
        env = os.environ if environ is None else environ
        return cls(storage=StorageSettings.from_env(env), intake=IntakeSettings.from_env(env),
                   review=ReviewValues.from_env(env), worker=WorkerSettings.from_env(env),
                   queue=QueueSettings.from_env(env), models=ModelSettings.from_env(env),
                   workbench=WorkbenchSettings.from_env(env),
                   access=AccessSettings.from_env(env),
                   sessions=SessionSettings.from_env(env), uploads=UploadSettings.from_env(env))


@dataclass(frozen=True)
class Variable:
    """One declared variable, as the docs table shows it."""

    name: str
    section: str
    field: str
    kind: str
    default: object
    description: str


def variables() -> list[Variable]:
    """Every declared ``CASETRACE_*`` variable, section by section."""
    found = []
    for section_name, section in SECTIONS.items():
        for f in fields(section):  # type: ignore[arg-type]
            spec = _spec(f)
            found.append(Variable(spec.env, section_name, f.name, _kind_text(spec, str(f.type)),
                                  f.default, spec.doc))
    return found


def _kind_text(spec: Spec, kind: str) -> str:
    if spec.choices:
        return "one of " + ", ".join(spec.choices)
    base = {"int": "integer", "float": "number", "bool": "yes/no", "Path": "path"}.get(kind,
                                                                                       "text")
    if spec.minimum is not None and spec.maximum is not None:
        return f"{base}, {spec.minimum:g} to {spec.maximum:g}"
    if spec.above is not None:
        return f"{base} > {spec.above:g}" + (f", <= {spec.maximum:g}" if spec.maximum else "")
    if spec.minimum is not None:
        return f"{base} >= {spec.minimum:g}"
    return base


def _default_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def configuration_table() -> str:
    """The Markdown table of every variable, as docs/configuration.md holds it."""
    rows = ["| variable | type | default | what it does |", "|---|---|---|---|"]
    rows += [f"| `{v.name}` | {v.kind} | `{_default_text(v.default)}` | {v.description} |"
             for v in variables()]
    return "\n".join(rows)

"""One settings object: every CASETRACE_* variable declared once, parsed and checked alike."""

from __future__ import annotations

import re
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.errors import SettingsError
from core.settings import (
    SECTIONS,
    IntakeSettings,
    QueueSettings,
    ReviewValues,
    Settings,
    StorageSettings,
    WorkerSettings,
    configuration_table,
    variables,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "configuration.md"
PACKAGES = ("core", "models", "intake", "extraction", "skiptrace", "samples", "review",
            "pipeline", "casetrace_cli", "workbench")


def test_defaults_without_any_variable():
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.storage.database_url == "sqlite:///data/casetrace.db"
    assert settings.storage.file_store == Path("data/files")
    assert settings.intake == IntakeSettings() and settings.intake.ocr_engine == "tesseract"
    assert settings.queue.backend == "off" and settings.models.torch_threads == 1
    assert settings.workbench.worker is True
    assert (settings.worker.heartbeat_seconds, settings.worker.stalled_seconds,
            settings.worker.poll_seconds) == (10.0, 30.0, 5.0)


def test_review_defaults_match_the_review_policy():
    from review.policy import ReviewSettings

    assert asdict(ReviewValues()) == asdict(ReviewSettings())


def test_sections_are_the_fields_of_settings():
    assert [f.name for f in fields(Settings)] == list(SECTIONS)


def test_every_variable_is_declared_once():
    names = [v.name for v in variables()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"CASETRACE_[A-Z_]+", name) for name in names)
    assert all(v.description.endswith(".") for v in variables())


@pytest.mark.parametrize(("environ", "section", "name", "value"), [
    ({"CASETRACE_MAX_PAGES": " 12 "}, "intake", "max_pages", 12),
    ({"CASETRACE_OCR_TIMEOUT": "2.5"}, "intake", "ocr_timeout", 2.5),
    ({"CASETRACE_DESKEW": "off"}, "intake", "deskew", False),
    ({"CASETRACE_FIX_ORIENTATION": "YES"}, "intake", "fix_orientation", True),
    ({"CASETRACE_OCR_LANGUAGE": "eng+spa"}, "intake", "ocr_language", "eng+spa"),
    ({"CASETRACE_MAX_PAGES": ""}, "intake", "max_pages", 500),  # empty counts as unset
    ({"CASETRACE_FILE_STORE": "/mnt/share"}, "storage", "file_store", Path("/mnt/share")),
    ({"CASETRACE_QUEUE": "Procrastinate"}, "queue", "backend", "procrastinate"),
    ({"CASETRACE_QUEUE": "0"}, "queue", "backend", "off"),
    ({"CASETRACE_QUEUE": "none"}, "queue", "backend", "off"),
    ({"CASETRACE_WORKBENCH_WORKER": "0"}, "workbench", "worker", False),
    ({"CASETRACE_AUTO_ACCEPT": "1.01"}, "review", "auto_accept_threshold", 1.01),
    ({"CASETRACE_TORCH_THREADS": "4"}, "models", "torch_threads", 4),
])
def test_parsing(environ, section, name, value):
    assert getattr(getattr(Settings.from_env(environ), section), name) == value


@pytest.mark.parametrize(("environ", "line"), [
    ({"CASETRACE_MAX_PAGES": "ten"},
     "[C001] CASETRACE_MAX_PAGES must be a whole number, not 'ten'"),
    ({"CASETRACE_OCR_TIMEOUT": "soon"},
     "[C001] CASETRACE_OCR_TIMEOUT must be a number, not 'soon'"),
    ({"CASETRACE_OCR_TIMEOUT": "nan"}, "[C001] CASETRACE_OCR_TIMEOUT must be a number, not 'nan'"),
    ({"CASETRACE_DESKEW": "maybe"},
     "[C001] CASETRACE_DESKEW must be yes or no (1/0, true/false, on/off), not 'maybe'"),
    ({"CASETRACE_MAX_PAGES": "0"}, "[C002] CASETRACE_MAX_PAGES must be at least 1, not '0'"),
    ({"CASETRACE_OCR_DPI": "9000"}, "[C002] CASETRACE_OCR_DPI must be between 72 and 600, "
                                    "not '9000'"),
    ({"CASETRACE_OCR_TIMEOUT": "0"}, "[C002] CASETRACE_OCR_TIMEOUT must be positive, not '0'"),
    ({"CASETRACE_AUTO_ACCEPT": "2"},
     "[C002] CASETRACE_AUTO_ACCEPT must be more than 0 and at most 1.01, not '2'"),
    ({"CASETRACE_LOCK_MINUTES": "1.5"},
     "[C001] CASETRACE_LOCK_MINUTES must be a whole number, not '1.5'"),
    ({"CASETRACE_QUEUE": "redis"},
     "[C003] CASETRACE_QUEUE must be one of off, procrastinate, not 'redis'"),
    ({"CASETRACE_OCR_ENGINE": "abbyy"},
     "[C003] CASETRACE_OCR_ENGINE must be one of tesseract, rapidocr, not 'abbyy'"),
    ({"CASETRACE_WORKER_STALLED_SECONDS": "15"},
     "[C004] CASETRACE_WORKER_STALLED_SECONDS (15.0) must be more than twice "
     "CASETRACE_WORKER_HEARTBEAT_SECONDS (10.0)"),
])
def test_a_bad_value_is_one_coded_line_naming_the_variable(environ, line):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(environ)
    assert str(caught.value) == line
    assert isinstance(caught.value, ValueError)  # callers that caught ValueError still do


def test_direct_construction_is_checked_by_the_same_declarations():
    with pytest.raises(SettingsError, match=r"^\[C002\] max_pages must be at least 1, not 0$"):
        IntakeSettings(max_pages=0)
    with pytest.raises(SettingsError, match="ocr_engine must be one of tesseract"):
        IntakeSettings(ocr_engine="abbyy")
    with pytest.raises(SettingsError, match="poll_seconds must be positive"):
        WorkerSettings(poll_seconds=0)


def test_settings_are_read_per_call(monkeypatch, tmp_path):
    from intake.filestore import file_store_root
    from models.db import database_url

    monkeypatch.setenv("CASETRACE_MAX_PAGES", "7")
    monkeypatch.setenv("CASETRACE_FILE_STORE", str(tmp_path / "a"))
    monkeypatch.setenv("CASETRACE_DATABASE_URL", "sqlite:///a.db")
    assert IntakeSettings.from_env().max_pages == 7
    assert file_store_root() == tmp_path / "a" and database_url() == "sqlite:///a.db"
    monkeypatch.setenv("CASETRACE_MAX_PAGES", "8")
    monkeypatch.setenv("CASETRACE_FILE_STORE", str(tmp_path / "b"))
    monkeypatch.delenv("CASETRACE_DATABASE_URL")
    assert IntakeSettings.from_env().max_pages == 8
    assert file_store_root() == tmp_path / "b"
    assert database_url() == StorageSettings().database_url


def test_explicit_overrides_win_and_skip_the_variable(monkeypatch):
    monkeypatch.setenv("CASETRACE_MAX_PAGES", "not a number")
    assert IntakeSettings.from_env(max_pages=3, deskew=None).max_pages == 3


def test_area_settings_go_through_the_one_resolver(monkeypatch):
    from review.policy import ReviewSettings

    monkeypatch.setenv("CASETRACE_AUDIT_SHARE", "0.5")
    monkeypatch.setenv("CASETRACE_WORKER_POLL_SECONDS", "0.5")
    assert ReviewSettings.from_env().audit_share == 0.5
    assert WorkerSettings.from_env().poll_seconds == 0.5
    monkeypatch.setenv("CASETRACE_LOCK_MINUTES", "a while")
    with pytest.raises(SettingsError, match=r"\[C001\] CASETRACE_LOCK_MINUTES"):
        ReviewSettings.from_env()


def test_queue_and_workbench_switches_read_the_settings(monkeypatch):
    from pipeline.job_queue import queue_configured
    from workbench.intake_jobs import worker_enabled

    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "off")
    assert worker_enabled() is False
    monkeypatch.setenv("CASETRACE_QUEUE", "procrastinate")
    assert queue_configured("sqlite:///x.db") is False  # SQLite has no queue: ignored there
    assert queue_configured("postgresql+psycopg://u@h/db") is True
    monkeypatch.setenv("CASETRACE_QUEUE", "celery")
    with pytest.raises(SettingsError, match="CASETRACE_QUEUE"):
        QueueSettings.from_env()


def test_the_cli_refuses_a_bad_variable_in_one_line(tmp_path):
    from casetrace_cli.main import app

    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.pdf")],
                                env={"CASETRACE_MAX_PAGES": "ten"})
    assert result.exit_code == 2
    assert result.output.strip() == ("error [C001] CASETRACE_MAX_PAGES must be a whole number, "
                                     "not 'ten'")


def test_the_doc_table_is_the_generated_one():
    text = DOC.read_text(encoding="utf-8")
    assert configuration_table() in text
    documented = re.findall(r"^\| `(CASETRACE_[A-Z_]+)` \|", text, flags=re.MULTILINE)
    assert sorted(documented) == sorted(v.name for v in variables())


def test_every_variable_the_code_names_is_declared():
    declared = {v.name for v in variables()}
    named: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            named |= set(re.findall(r"CASETRACE_[A-Z][A-Z_]*[A-Z]", path.read_text("utf-8")))
    assert named - declared == set()

"""Upload limits for `casetrace ingest`, the same the workbench's intake applies."""

from __future__ import annotations

from pathlib import Path

from core.settings import UploadSettings


def within_upload_limits(files: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files within CASETRACE_MAX_UPLOAD_MB each and CASETRACE_MAX_BATCH_MB together,
    and one line per file refused (naming it); the workbench's intake applies the same."""
    limits = UploadSettings.from_env()
    kept: list[Path] = []
    refused: list[tuple[Path, str]] = []
    taken = 0
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            kept.append(path)  # ingest says why it cannot be read
            continue
        problem = limits.refusal(str(path), size, taken)
        if problem:
            refused.append((path, problem))
            continue
        taken += size
        kept.append(path)
    return kept, refused

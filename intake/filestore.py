"""Content-addressed storage of original files.

The original bytes are written under their sha256 before any processing, so a
crash or a bad page never loses an upload, and the same bytes are stored once.
The folder comes from ``CASETRACE_FILE_STORE`` (default ``./data/files``); a
shared path lets workers on several machines read the same originals.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from core.settings import StorageSettings


def file_store_root() -> Path:
    """Read on every call: a test or a worker that changes the variable sees it at once."""
    return StorageSettings.from_env().file_store


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_path(sha256: str) -> Path:
    """Where the original bytes with this hash live (whether or not stored yet)."""
    return file_store_root() / sha256[:2] / sha256


def store_bytes(data: bytes) -> tuple[str, Path, bool]:
    """Store bytes under their hash; return (sha256, path, newly_written)."""
    digest = sha256_hex(data)
    target = stored_path(digest)
    if target.exists() and target.stat().st_size == len(data):
        return digest, target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file first and rename: a reader never sees half a file.
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return digest, target, True

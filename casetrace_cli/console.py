"""Terminal output helpers: results to stdout, progress and messages to stderr."""

from __future__ import annotations

from rich.console import Console

from core.errors import CasetraceError

err = Console(stderr=True, highlight=False, soft_wrap=True)


def reason(exc: BaseException) -> str:
    """The text a person reads for an error: a coded error's message as it always read
    (the ``[CODE]`` goes to logs and job rows), anything else as ``str``."""
    return exc.message if isinstance(exc, CasetraceError) else str(exc)

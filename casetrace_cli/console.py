"""Terminal output helpers: results to stdout, progress and messages to stderr."""

from __future__ import annotations

from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)

"""Terminal output helpers: results to stdout, progress and messages to stderr."""

from __future__ import annotations

import logging
import os

from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)


def setup_logging(verbose: bool) -> None:
    """Quiet third-party loggers; our warnings go to stderr as one line each."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pdfminer", "PIL", "alembic", "urllib3", "filelock", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

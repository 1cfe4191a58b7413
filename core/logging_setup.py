"""Logging for every entry point (CLI, worker processes): one line per message on stderr.

Also pins the model libraries offline: nothing the product runs may contact another host.
"""

from __future__ import annotations

import logging
import os

NOISY_LOGGERS = ("pdfminer", "PIL", "alembic", "urllib3", "filelock", "httpx")


def setup_logging(verbose: bool) -> None:
    """Quiet third-party loggers; our warnings go to stderr as one line each."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

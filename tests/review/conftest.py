"""The review rules run on the same per-test database and documents as the workbench's."""

from tests.workbench.conftest import database_url, session  # noqa: F401  (pytest fixtures)

"""Alembic migrations for the casetrace schema (see models/tables.py)."""

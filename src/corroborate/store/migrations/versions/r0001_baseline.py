"""Baseline: the schema of the last release before Alembic (its ``schema_version`` 4).

Stores written by that release are stamped at this revision when first opened, and new
stores are created from ``store/schema.py`` and stamped at the head (``store/migrate.py``),
so this revision changes nothing. Every later change of the schema is a revision after it.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to do (see the module docstring)."""


def downgrade() -> None:
    """Nothing below the baseline."""

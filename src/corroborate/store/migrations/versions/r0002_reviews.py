"""Reviews: an analyst's decision (confirmed or dismissed, with a note) on a verdict.

Keyed by the content-derived fact id (``present/review.py``), so a review outlives
re-analysis while the fact is unchanged; ``evidence`` keeps the spans the analyst saw.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the ``reviews`` table."""
    op.create_table(
        "reviews",
        sa.Column("fact_id", sa.Text(), primary_key=True),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    """Drop the ``reviews`` table (its reviews are lost)."""
    op.drop_table("reviews")

"""An index on documents.publisher, for the search and list filters by publisher.

Both filters look for a part of the publisher's name (``LIKE '%x%'``), which no index
can seek; but the engine can read this narrow index instead of every document row with
its text: a search filtered by publisher on 24,000 reports took 80 ms, most of it reading
rows for one short column.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:45:00

"""
from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_documents_publisher', 'documents', ['publisher'])


def downgrade() -> None:
    op.drop_index('ix_documents_publisher', 'documents')

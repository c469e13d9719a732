"""Covering indexes for the incident list: status in the sort indexes; mentions and title sorts.

Every list query has ``status != 'merged'``; with ``status`` missing from the date
indexes, a deep page (OFFSET 90,000) read 90,000 table rows only to check it and
skip them (~200 ms at 100k incidents). With ``status`` as the last column the skip
walks the index alone (~8 ms), and the page then loads its 50 rows by id. The
mention-count and title sorts get the same kind of index, one per direction (nulls
last either way), instead of sorting every row on each request.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 17:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# nulls last, the sort key, then id, then status: the incident list's exact ORDER BY
NEW = {
    'ix_incident_clusters_date_desc': ('(date_start IS NULL)', 'date_start DESC', 'id DESC',
                                       'status'),
    'ix_incident_clusters_date_asc': ('(date_start IS NULL)', 'date_start', 'id', 'status'),
    'ix_incident_clusters_mentions_desc': ('(mentions IS NULL)', 'mentions DESC', 'id DESC',
                                           'status'),
    'ix_incident_clusters_mentions_asc': ('(mentions IS NULL)', 'mentions', 'id', 'status'),
    'ix_incident_clusters_title_asc': ('(title IS NULL)', 'title', 'id', 'status'),
    'ix_incident_clusters_title_desc': ('(title IS NULL)', 'title DESC', 'id DESC', 'status'),
    'ix_incident_clusters_updated': ('updated', 'id', 'status'),
}
OLD = {
    'ix_incident_clusters_date_desc': ('(date_start IS NULL)', 'date_start DESC', 'id DESC'),
    'ix_incident_clusters_date_asc': ('(date_start IS NULL)', 'date_start', 'id'),
    'ix_incident_clusters_updated': ('updated', 'id'),
}


def _create(indexes: dict[str, tuple[str, ...]]) -> None:
    for name, parts in indexes.items():
        op.create_index(name, 'incident_clusters', [sa.text(p) for p in parts])


def upgrade() -> None:
    for name in OLD:
        op.drop_index(name, 'incident_clusters')
    _create(NEW)


def downgrade() -> None:
    for name in NEW:
        op.drop_index(name, 'incident_clusters')
    _create(OLD)

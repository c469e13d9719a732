"""Indexed list columns on incident_clusters (date, country, origins, mentions).

The incident list sorts and filters by values that live in the JSON ``summary``;
reading them out of JSON on every row made each page scan the whole table. These
columns copy them (filled by ``rankfile.review.clusters`` whenever a summary is
recomputed, backfilled here) so the list can walk an index instead.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:15:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (('date_start', sa.String(length=32)), ('date_end', sa.String(length=32)),
           ('country', sa.String(length=8)), ('origins', sa.Integer()),
           ('mentions', sa.Integer()))

# nulls last in both directions, then id: the exact ORDER BY of the incident list
INDEXES = {
    'ix_incident_clusters_date_desc': ('(date_start IS NULL)', 'date_start DESC', 'id DESC'),
    'ix_incident_clusters_date_asc': ('(date_start IS NULL)', 'date_start', 'id'),
    'ix_incident_clusters_status': ('status',),
    'ix_incident_clusters_updated': ('updated', 'id'),
}

BACKFILL = {
    'sqlite': """UPDATE incident_clusters SET
        date_start = substr(json_extract(summary, '$.date_start'), 1, 32),
        date_end = substr(json_extract(summary, '$.date_end'), 1, 32),
        country = substr(json_extract(summary, '$.country'), 1, 8),
        origins = CASE json_type(summary, '$.origins') WHEN 'integer'
                  THEN json_extract(summary, '$.origins') END,
        mentions = CASE json_type(summary, '$.mentions') WHEN 'integer'
                   THEN json_extract(summary, '$.mentions') END""",
    'postgresql': """UPDATE incident_clusters SET
        date_start = left(summary->>'date_start', 32),
        date_end = left(summary->>'date_end', 32),
        country = left(summary->>'country', 8),
        origins = CASE WHEN json_typeof(summary->'origins') = 'number'
                  THEN (summary->>'origins')::numeric::integer END,
        mentions = CASE WHEN json_typeof(summary->'mentions') = 'number'
                   THEN (summary->>'mentions')::numeric::integer END""",
}


def upgrade() -> None:
    with op.batch_alter_table('incident_clusters') as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect in BACKFILL:
        op.execute(BACKFILL[dialect])
    for name, parts in INDEXES.items():
        op.create_index(name, 'incident_clusters', [sa.text(p) for p in parts])
    op.execute('DROP INDEX IF EXISTS ix_web_clusters_date')  # made at app start before 0002
    op.execute('DROP INDEX IF EXISTS ix_web_clusters_status')


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, 'incident_clusters')
    with op.batch_alter_table('incident_clusters') as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)

"""Expression indexes the incident list needs (SQLite), created if missing at start-up.

The default sort reads ``summary.date_start`` out of JSON; without an index on that
exact expression every page of the list sorts all incidents. These belong in a store
migration eventually; until then they are created here, idempotently.
"""

from __future__ import annotations

from sqlalchemy import Connection

SQLITE = (
    "CREATE INDEX IF NOT EXISTS ix_web_clusters_date ON incident_clusters ("
    "CAST(JSON_EXTRACT(summary, '$.\"date_start\"') AS VARCHAR) IS NULL, "
    "CAST(JSON_EXTRACT(summary, '$.\"date_start\"') AS VARCHAR) DESC, id DESC)",
    "CREATE INDEX IF NOT EXISTS ix_web_clusters_status ON incident_clusters (status)",
)


def ensure_indexes(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for ddl in SQLITE:
            conn.exec_driver_sql(ddl)

"""Alembic environment: runs on the engine that ``open_store`` passes in."""

from __future__ import annotations

from typing import Any

from alembic import context

from rankfile.store.tables import metadata

FTS_OBJECTS = ("documents_fts",)  # created by raw SQL; autogenerate must not drop them


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (name or "").startswith(FTS_OBJECTS)


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        connection = connection.execution_options(rankfile_write=True)
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=_include,
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.in_transaction():
            connection.commit()


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("offline migrations are not supported; open the store instead")
run_migrations_online()

"""Alembic migrations, configured in code: users never need an alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at this package and at ``engine``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_head(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it already is)."""
    command.upgrade(alembic_config(engine), "head")

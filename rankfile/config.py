"""Typed settings in one place: defaults, then environment (RANKFILE_*), then CLI flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RANKFILE_", extra="ignore")

    db: str = Field("rankfile.db", description="SQLite file path or any SQLAlchemy URL")
    archive_dir: Path | None = Field(
        None, description="where original bytes are kept; default: '<db file>.archive' beside a SQLite file, in the database otherwise")
    archive_in_database: bool = Field(
        False, description="keep original bytes in the database (blobs table) even beside a SQLite file")
    max_file_bytes: int = Field(50 * 1024 * 1024, description="files larger than this are refused")
    max_unpacked_bytes: int = Field(
        200 * 1024 * 1024, description="zip containers (DOCX) that unpack beyond this are refused")
    workers: int = Field(2, description="processes used for reading and extraction")
    reviewer: str = Field("analyst", description="name recorded in review events")
    hide_names: bool = Field(
        True, description="web app and API hide victim and witness names (set false to show them)")
    host: str = Field("127.0.0.1", description="address `rankfile serve` binds to")
    port: int = Field(8000, description="port `rankfile serve` listens on")
    use_embeddings: bool = Field(
        True, description="use the packaged MiniLM sentence model when it is installed")


def settings_markdown() -> str:
    """docs/configuration.md, generated from the fields above (a test keeps it current)."""
    lines = ["# Configuration", "", "Generated from `rankfile/config.py` by `rankfile settings --markdown`; "
             "do not edit by hand. Every setting can be given as an environment variable.", "",
             "| environment variable | default | meaning |", "|---|---|---|"]
    for name, info in Settings.model_fields.items():
        default = info.default
        lines.append(f"| `RANKFILE_{name.upper()}` | `{default}` | {info.description} |")
    return "\n".join(lines) + "\n"


def database_url(db: str) -> str:
    """A file path becomes a SQLite URL; anything with '://' is taken as a URL."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"

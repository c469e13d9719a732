"""Thresholds of the linking steps, read once from ``resources/thresholds.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

RESOURCES = Path(__file__).parent / "resources"


@cache
def thresholds() -> dict[str, dict[str, Any]]:
    with open(RESOURCES / "thresholds.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)

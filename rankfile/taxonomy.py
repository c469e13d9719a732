"""The taxonomy, loaded once from ``taxonomy.yaml`` and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Taxonomy:
    incident_kinds: dict[str, str]
    abuse_types: dict[str, str]
    context_types: dict[str, str]
    perpetrator_roles: dict[str, str]
    document_kinds: dict[str, str]
    review_statuses: dict[str, str]
    evidence_kinds: dict[str, str]

    @property
    def incident_types(self) -> dict[str, str]:
        return {**self.abuse_types, **self.context_types}

    def check_type(self, code: str) -> str:
        if code not in self.incident_types:
            raise ValueError(f"unknown incident type {code!r}")
        return code

    def to_markdown(self) -> str:
        """Documentation generated from the data (docs/taxonomy.md)."""
        lines = ["# Taxonomy", "", "Generated from `rankfile/taxonomy.yaml` by "
                 "`rankfile taxonomy --markdown`; do not edit by hand.", ""]
        sections = [
            ("Incident kinds", self.incident_kinds),
            ("Incident types: abuse", self.abuse_types),
            ("Incident types: context", self.context_types),
            ("Perpetrator roles", self.perpetrator_roles),
            ("Document kinds", self.document_kinds),
            ("Review statuses", self.review_statuses),
            ("Evidence kinds", self.evidence_kinds),
        ]
        for title, table in sections:
            lines += [f"## {title}", "", "| code | meaning |", "|---|---|"]
            lines += [f"| `{code}` | {meaning} |" for code, meaning in table.items()]
            lines.append("")
        return "\n".join(lines)


@cache
def load_taxonomy() -> Taxonomy:
    raw = yaml.safe_load(resources.files("rankfile").joinpath("taxonomy.yaml").read_text("utf-8"))
    types = raw["incident_types"]
    tax = Taxonomy(
        incident_kinds=dict(raw["incident_kinds"]),
        abuse_types=dict(types["abuse"]),
        context_types=dict(types["context"]),
        perpetrator_roles=dict(raw["perpetrator_roles"]),
        document_kinds=dict(raw["document_kinds"]),
        review_statuses=dict(raw["review_statuses"]),
        evidence_kinds=dict(raw["evidence_kinds"]),
    )
    overlap = set(tax.abuse_types) & set(tax.context_types)
    if overlap:
        raise ValueError(f"taxonomy codes listed twice: {sorted(overlap)}")
    return tax

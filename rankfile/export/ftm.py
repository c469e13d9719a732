"""FollowTheMoney entities as JSON lines: incidents (Event), documents (Article), victims
(Person), claims (Note), and Documentation entities tying each incident to its sources.

The mapping (schemata, property names) is data in ``resources/ftm.yaml``; ids derive
from ours (``rankfile-<our id>``). Plain FtM JSON, so no dependency is needed to write it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import yaml

from rankfile.export.view import ClaimRow, DocumentRow, IncidentRow
from rankfile.records import stable_id


@cache
def mapping() -> dict[str, Any]:
    with open(Path(__file__).parent / "resources" / "ftm.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _id(ours: str) -> str:
    return f"{mapping()['id_prefix']}-{ours}"


def _entity(kind: str, ours: str, values: dict[str, Any]) -> dict[str, Any]:
    spec = mapping()[kind]
    props: dict[str, list[str]] = {}
    if "name" in spec and values.get(spec["name"]):
        v = values[spec["name"]]
        props["name"] = [", ".join(v) if isinstance(v, list) else str(v)]
    for prop, key in (spec.get("properties") or {}).items():
        v = values.get(key)
        if v not in (None, "", []):
            props[prop] = [str(x) for x in v] if isinstance(v, list) else [str(v)]
    return {"id": _id(ours), "schema": spec["schema"], "properties": props}


def ftm_entities(documents: Iterable[DocumentRow], incidents: Iterable[IncidentRow],
                 claims: Iterable[ClaimRow]) -> Iterator[dict[str, Any]]:
    doc_ids = {}
    for d in documents:
        doc_ids[d.name] = d.id
        yield _entity("document", d.id, d.__dict__)
    for inc in incidents:
        facts = next((m.facts for m in inc.mentions if m.facts), {})
        loc = facts.get("location") or {}
        yield _entity("incident", inc.id, {
            "types": inc.types, "date": (facts.get("date") or {}).get("start"),
            "place": loc.get("name"), "country": loc.get("country"),
            "evidence": " | ".join(e["text"] for m in inc.mentions for e in m.evidence[:1])})
        names = {n for m in inc.mentions for n in (m.facts.get("victims") or {}).get("names", [])}
        for n in sorted(names):
            pid = stable_id("per", n)
            yield {"id": _id(pid), "schema": mapping()["person"]["schema"],
                   "properties": {"name": [n]}}
            yield _entity("mention", stable_id("doc", inc.id, pid),
                          {"document": _id(pid), "entity": _id(inc.id), "role": "victim"})
        for m in inc.mentions:
            if m.document in doc_ids:
                yield _entity("mention", stable_id("doc", inc.id, m.id),
                              {"document": _id(doc_ids[m.document]), "entity": _id(inc.id),
                               "role": "reported in"})
    for c in claims:
        values = ", ".join(f"{m.document}: {m.value:g}" for m in c.mentions if m.value is not None)
        yield _entity("claim", c.id, {"summary": f"{c.measure or 'figure'} "
                                                 f"({c.attributed_to or 'unattributed'}): {values}"})


def write_ftm(documents: Iterable[DocumentRow], incidents: Iterable[IncidentRow],
              claims: Iterable[ClaimRow], fh: TextIO) -> None:
    for entity in ftm_entities(documents, incidents, claims):
        fh.write(json.dumps(entity, ensure_ascii=False) + "\n")

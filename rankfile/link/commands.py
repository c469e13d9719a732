"""What `rankfile link`, `incidents`, `conflicts`, `stories` and `trace` do and print.

Text from documents is printed as rich ``Text`` (never markup): document text is hostile.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rankfile.config import Settings
from rankfile.export.view import load_view
from rankfile.link.run import run_link
from rankfile.review.clusters import ensure_clusters, refresh_all_clusters
from rankfile.store import open_store


def cmd_link(*, settings: Settings, full: bool, use_model: bool, out: Console) -> int:
    store = open_store(settings.db, settings=settings)
    try:
        report = run_link(store, full=full, use_model=use_model)
        with store.write() as conn:  # clusters' merged date, place, victims... for the web app
            ensure_clusters(conn)
            refresh_all_clusters(conn)
        store.after_batch()
    finally:
        store.close()
    r = report.result
    mode = "incremental" if report.incremental else "full"
    out.print(Text(f"linked {report.documents} document(s) ({mode}, {report.new_documents} new) "
                   f"with {', '.join(report.methods)}"))
    table = Table(show_header=False)
    for label, n in (("stories", len(r.stories)),
                     ("stories with copies", sum(len(s.members) > 1 for s in r.stories)),
                     ("incidents", len(r.clusters)),
                     ("incidents in several documents", sum(
                         len(c.mentions) > 1 for c in r.clusters)),
                     ("links proposed for review", sum(lk.status == "proposed" for lk in r.links)),
                     ("claim groups", len(r.claim_groups)),
                     ("conflicts", len(r.conflicts)),
                     ("citations resolved in the corpus", sum(c.target is not None for c in r.citations)),
                     ("mentions projected to copies", len(r.projected))):
        table.add_row(label, str(n))
    out.print(table)
    return 0


def _view(settings: Settings):
    store = open_store(settings.db, settings=settings)
    try:
        with store.read() as conn:
            return load_view(conn)
    finally:
        store.close()


def cmd_incidents(*, settings: Settings, min_documents: int, out: Console) -> int:
    view = _view(settings)
    table = Table(title="incidents")
    for col in ("id", "types", "documents", "origins", "status", "first evidence"):
        table.add_column(col, overflow="fold")
    for inc in view.incidents:
        docs = {m.document for m in inc.mentions}
        if len(docs) < min_documents:
            continue
        quote = next((e["text"] for m in inc.mentions for e in m.evidence), "")
        table.add_row(inc.id, ", ".join(inc.types), str(len(docs)), str(inc.independent_origins),
                      inc.status, Text(quote[:160]))
    out.print(table)
    return 0


def cmd_conflicts(*, settings: Settings, out: Console) -> int:
    view = _view(settings)
    table = Table(title=f"{len(view.conflicts)} conflict(s)")
    for col in ("kind", "about", "values"):
        table.add_column(col, overflow="fold")
    for c in view.conflicts:
        values = "; ".join(f"{v['document']}: {v['value']}" for v in c.values)
        table.add_row(c.kind, c.about, Text(values))
    out.print(table)
    return 0


def cmd_stories(*, settings: Settings, min_documents: int, out: Console) -> int:
    view = _view(settings)
    by_story: dict[str, list] = {}
    for d in view.documents:
        by_story.setdefault(d.story or d.id, []).append(d)
    table = Table(title="stories")
    for col in ("story", "documents", "earliest", "members"):
        table.add_column(col, overflow="fold")
    for sid, docs in sorted(by_story.items()):
        if len(docs) < min_documents:
            continue
        docs.sort(key=lambda d: (d.published is None, d.published or "", d.name))
        table.add_row(sid, str(len(docs)), Text(f"{docs[0].name} ({docs[0].published or '?'})"),
                      Text(", ".join(d.name for d in docs)))
    out.print(table)
    return 0


def cmd_trace(ref: str, *, settings: Settings, out: Console, err: Console) -> int:
    """An incident cluster or a claim group: every mention, its story and citation chain."""
    from sqlalchemy import select

    from rankfile.link.citations import chains
    from rankfile.link.corpus import Citation
    from rankfile.store.tables import links

    view = _view(settings)
    store = open_store(settings.db, settings=settings)
    try:
        with store.read() as conn:
            cites = [Citation(r.source_id, (r.features or {}).get("name", ""), None, r.target_id)
                     for r in conn.execute(select(links).where(links.c.kind == "cites"))]
    finally:
        store.close()
    paths = chains(cites)
    name_of = {d.id: d.name for d in view.documents}
    story_of = {d.name: d.story for d in view.documents}
    inc = next((i for i in view.incidents if i.id == ref or i.id.startswith(ref)), None)
    grp = next((c for c in view.claims if c.id == ref or c.id.startswith(ref)), None)
    if inc is None and grp is None:
        err.print(Text(f"no incident or claim group {ref!r} (ids from `rankfile incidents`)"))
        return 1
    mentions = inc.mentions if inc else grp.mentions
    out.print(Text(f"{(inc or grp).id}: " + (
        f"{', '.join(inc.types)}; {inc.independent_origins} independent origin(s); {inc.status}"
        if inc else f"{grp.measure or 'figure'} attributed to {grp.attributed_to or '?'}")))
    doc_ids = {d.name: d.id for d in view.documents}
    for m in mentions:
        value = f" value={m.value:g}" if getattr(m, "value", None) is not None else ""
        out.print(Text(f"- {m.document} (story {story_of.get(m.document)}){value}"))
        for e in m.evidence:
            out.print(Text(f"    \u201c{e['text']}\u201d"))
        for p in paths.get(doc_ids.get(m.document, ""), []):
            out.print(Text("    cites: " + " -> ".join(name_of.get(x, x) for x in p)))
    return 0

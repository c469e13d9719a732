"""`rankfile verify`: re-hash every archived original and the review log."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from rankfile.review.log import ChainReport, verify_chain
from rankfile.store import Store
from rankfile.store.archive import ArchiveError
from rankfile.store.tables import documents


@dataclass
class IntegrityReport:
    originals: int = 0
    bad_originals: list[tuple[str, str]] = field(default_factory=list)  # (document id, why)
    chain: ChainReport | None = None

    @property
    def ok(self) -> bool:
        return not self.bad_originals and self.chain is not None and self.chain.ok


def verify_store(store: Store) -> IntegrityReport:
    """Check each document's original against its sha256, then the review chain."""
    report = IntegrityReport()
    with store.read() as conn:
        keys: dict[str, list[str]] = {}
        for doc_id, key in conn.execute(select(documents.c.id, documents.c.archive_key)
                                        .order_by(documents.c.seq)):
            keys.setdefault(key, []).append(doc_id)
        for key, doc_ids in keys.items():
            report.originals += 1
            try:
                store.archive.get(key, conn)  # re-hashes and compares
            except ArchiveError as exc:
                report.bad_originals += [(d, str(exc)) for d in doc_ids]
        report.chain = verify_chain(conn)
    return report

"""Run per-document extraction on a Ray cluster (optional: `pip install ray`).

Same work unit as the local runner; Ray only decides where it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rankfile.records import Extraction
from rankfile.runners.local import Job, _run


def extract_many(jobs: Iterable[Job], address: str | None = None, batch: int = 64) -> Iterator[Extraction]:
    """Extractions in input order, computed by Ray tasks (``address=None`` starts a local Ray)."""
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - optional component
        raise RuntimeError("the Ray runner needs `pip install ray`") from exc
    if not ray.is_initialized():
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)

    @ray.remote
    def run_batch(items: list[Job]) -> list[Extraction]:
        return [_run(item) for item in items]

    pending: list[Job] = []
    for job in jobs:
        pending.append(job)
        if len(pending) == batch:
            yield from ray.get(run_batch.remote(pending))
            pending = []
    if pending:
        yield from ray.get(run_batch.remote(pending))

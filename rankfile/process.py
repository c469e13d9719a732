"""Process-level settings shared by the CLI's worker pools and the web server's workers."""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Move everything loaded so far (lexicons, gazetteer, app, compiled statements) out of
    the garbage collector's reach.

    These objects live as long as the process; every full collection would otherwise walk
    them (a pause of tens of ms) and write to their headers, which unshares the memory pages
    a forked worker shares with its parent. Call it after warming up, before forking.
    """
    gc.collect()
    gc.freeze()

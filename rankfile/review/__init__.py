"""Review: the append-only, hash-chained log and the actions reviewers take."""

from rankfile.review.actions import (
    EditConflict,
    Invalid,
    NotFound,
    ReviewError,
    add_incident,
    correct_fields,
    decide_link,
    merge_incidents,
    set_status,
    split_incident,
)
from rankfile.review.clusters import ensure_clusters, refresh_cluster
from rankfile.review.log import ChainReport, ReviewEvent, history, record_event, verify_chain

__all__ = [
    "ChainReport", "EditConflict", "Invalid", "NotFound", "ReviewError", "ReviewEvent",
    "add_incident", "correct_fields", "decide_link", "ensure_clusters", "history",
    "merge_incidents", "record_event", "refresh_cluster", "set_status", "split_incident",
    "verify_chain",
]

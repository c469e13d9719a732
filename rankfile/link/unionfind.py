"""A small union-find (disjoint sets) for grouping linked items deterministically."""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    def __init__(self, items: Iterable[str] = ()) -> None:
        self.parent: dict[str, str] = {i: i for i in items}

    def __contains__(self, item: str) -> bool:
        return item in self.parent

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root: results do not depend on the order of unions
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])


def group_one_per_document(document_of: dict[str, str],
                           pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Greedy grouping over ``pairs`` taken in the order given (best first): two groups join
    only if they share no document, so a group never holds two mentions from one document.
    Groups are returned sorted, each as sorted ids; ids without a pair stay alone."""
    group_of = {i: i for i in document_of}
    members: dict[str, set[str]] = {i: {i} for i in document_of}
    docs_in: dict[str, set[str]] = {i: {d} for i, d in document_of.items()}
    for a, b in pairs:
        ga, gb = group_of[a], group_of[b]
        if ga == gb or docs_in[ga] & docs_in[gb]:
            continue
        keep, drop = (ga, gb) if ga < gb else (gb, ga)
        for m in members[drop]:
            group_of[m] = keep
        members[keep] |= members.pop(drop)
        docs_in[keep] |= docs_in.pop(drop)
    return [sorted(ids) for ids in members.values()]

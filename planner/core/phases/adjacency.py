"""Which areas touch: the neighbour graph of communes (or PM zones), tolerant of simplified outlines.

The sample's outlines are simplified, so neighbours may leave slivers of a few metres between them: two areas
are neighbours when they come within `tolerance` metres (default 20 m). The graph is held in CSR form
(`indptr`, `indices`: the neighbours of node i are `indices[indptr[i]:indptr[i+1]]`), built by one STRtree
query; nothing loops over pairs in Python.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

DEFAULT_TOLERANCE_M = 20.0


@dataclass
class Graph:
    """An undirected graph over n nodes in CSR form."""

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    def neighbours(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def subgraph(self, nodes: np.ndarray) -> "Graph":
        """The graph induced by `nodes` (renumbered 0..len(nodes)-1 in the given order)."""
        nodes = np.asarray(nodes, dtype=np.int64)
        pos = np.full(self.n, -1, dtype=np.int64)
        pos[nodes] = np.arange(len(nodes))
        src = np.repeat(np.arange(self.n), np.diff(self.indptr))
        keep = (pos[src] >= 0) & (pos[self.indices] >= 0)
        return from_pairs(len(nodes), pos[src[keep]], pos[self.indices[keep]])


def from_pairs(n: int, a: np.ndarray, b: np.ndarray) -> Graph:
    """CSR graph from node pairs (both directions added, self-loops and duplicates dropped)."""
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    src, dst = np.concatenate([a, b]), np.concatenate([b, a])
    keep = src != dst
    key = np.unique(src[keep] * n + dst[keep])
    src, dst = key // n, key % n
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, src + 1, 1)
    return Graph(np.cumsum(indptr), dst)


def adjacency(geometries: np.ndarray, tolerance: float = DEFAULT_TOLERANCE_M) -> Graph:
    """Neighbour graph of polygons: i and j are neighbours when they come within `tolerance` metres."""
    geoms = np.asarray(geometries, dtype=object)
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    idx = np.flatnonzero(ok)
    tree = shapely.STRtree(geoms[idx])
    a, b = tree.query(geoms[idx], predicate="dwithin", distance=tolerance)
    return from_pairs(len(geoms), idx[a], idx[b])


def components(graph: Graph, nodes: np.ndarray | None = None) -> np.ndarray:
    """Connected component label of each node (or of each of `nodes`, within the induced subgraph)."""
    g = graph if nodes is None else graph.subgraph(nodes)
    label = np.full(g.n, -1, dtype=np.int64)
    current = 0
    for s in range(g.n):
        if label[s] >= 0:
            continue
        stack = [s]
        label[s] = current
        while stack:
            v = stack.pop()
            for w in g.neighbours(v):
                if label[w] < 0:
                    label[w] = current
                    stack.append(w)
        current += 1
    return label


def is_connected(graph: Graph, nodes) -> bool:
    """True when `nodes` form one connected piece of `graph` (an empty or single set is connected)."""
    nodes = list(nodes)
    if len(nodes) <= 1:
        return True
    inside = set(nodes)
    seen = {nodes[0]}
    stack = [nodes[0]]
    while stack:
        v = stack.pop()
        for w in graph.neighbours(v):
            w = int(w)
            if w in inside and w not in seen:
                seen.add(w)
                stack.append(w)
    return len(seen) == len(inside)

"""Cutting a territory into k contiguous pieces of balanced work (the heart of "suggest a phasing").

Nodes are communes (or groups of communes kept whole, or PM zones) with a weight (the work: units × build effort)
and a position; edges join neighbours (planner/core/phases/adjacency.py). The cut is:
1. **k regions per connected piece** of the territory, in proportion to its weight (an island too small for a
   region of its own joins the nearest region, with a warning: that region cannot then be contiguous);
2. **seeds** spread out by farthest-point sampling (the first one at the chosen start node, or drawn with the
   seed, heavier nodes likelier);
3. **growth**: the lightest region takes its nearest free neighbour, until every node has a region — each
   region stays one piece by construction;
4. **balancing**: a boundary node moves from a heavier region to a lighter neighbouring region when that makes
   the pair more even (w < W_a − W_b, so the sum of squared region weights strictly falls: the loop ends) and
   the region it leaves stays one piece; among the moves, the one keeping regions most compact is taken.
Deterministic for a given seed. Python loops run over nodes and regions (hundreds to thousands), never premises.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from planner.core.phases.adjacency import Graph, components, is_connected
from planner.core.progress import check_cancel


@dataclass
class Partition:
    """Region of each node (0..k-1) and what the planner should know about the cut."""

    labels: np.ndarray
    warnings: list[str] = field(default_factory=list)


def _allocate(weights: np.ndarray, comp: np.ndarray, k: int) -> dict[int, int]:
    """Regions per component: proportional to weight (largest remainders), at least one where possible."""
    n_comp = int(comp.max()) + 1
    cw = np.bincount(comp, weights=weights, minlength=n_comp)
    sizes = np.bincount(comp, minlength=n_comp)
    order = np.argsort(-cw, kind="stable")
    keep = order[:min(k, n_comp)]
    share = cw[keep] / max(cw[keep].sum(), 1e-12) * k
    alloc = np.maximum(1, np.floor(share)).astype(int)
    alloc = np.minimum(alloc, sizes[keep])
    while alloc.sum() > k:
        alloc[np.argmax(alloc)] -= 1
    rest = share - alloc
    while alloc.sum() < k and (alloc < sizes[keep]).any():
        i = int(np.argmax(np.where(alloc < sizes[keep], rest, -np.inf)))
        alloc[i] += 1
        rest[i] -= 1
    return {int(c): int(a) for c, a in zip(keep, alloc) if a > 0}


def _seeds(nodes: np.ndarray, xy: np.ndarray, weights: np.ndarray, k: int, rng, start: int | None) -> list[int]:
    """k seed nodes spread out by farthest-point sampling."""
    if start is not None and start in set(nodes.tolist()):
        first = start
    else:
        p = weights[nodes] + 1e-9
        first = int(rng.choice(nodes, p=p / p.sum()))
    seeds = [first]
    d = np.hypot(*(xy[nodes] - xy[first]).T)
    while len(seeds) < k:
        nxt = int(nodes[int(np.argmax(d))])
        seeds.append(nxt)
        d = np.minimum(d, np.hypot(*(xy[nodes] - xy[nxt]).T))
    return seeds


def _grow(graph: Graph, labels: np.ndarray, seeds: list[int], xy: np.ndarray, weights: np.ndarray,
          region0: int) -> None:
    """Multi-source growth: the lightest region with a free neighbour takes the one nearest its seed."""
    k = len(seeds)
    load = np.zeros(k)
    heaps: list[list] = [[] for _ in range(k)]

    def take(r: int, v: int) -> None:
        labels[v] = region0 + r
        load[r] += weights[v]
        for w in graph.neighbours(v):
            if labels[w] == -1:
                d = float(np.hypot(*(xy[w] - xy[seeds[r]])))
                heapq.heappush(heaps[r], (d, int(w)))

    for r, s in enumerate(seeds):
        take(r, s)
    while True:
        for h in heaps:
            while h and labels[h[0][1]] != -1:
                heapq.heappop(h)
        live = [r for r in range(k) if heaps[r]]
        if not live:
            return
        r = min(live, key=lambda i: (load[i], i))
        take(r, heapq.heappop(heaps[r])[1])


def _balance(graph: Graph, labels: np.ndarray, regions: list[int], xy: np.ndarray, weights: np.ndarray,
             cancel=None, max_moves: int | None = None) -> int:
    """Move boundary nodes from heavier to lighter neighbouring regions while it evens them out; returns moves."""
    members = {r: set(np.flatnonzero(labels == r).tolist()) for r in regions}
    load = {r: float(weights[list(m)].sum()) for r, m in members.items()}
    moves, limit = 0, max_moves if max_moves is not None else 20 * max(1, len(labels))
    while moves < limit:
        check_cancel(cancel)
        move = _best_move(graph, labels, members, load, xy, weights)
        if move is None:
            return moves
        v, a, b = move
        members[a].discard(v)
        members[b].add(v)
        load[a] -= weights[v]
        load[b] += weights[v]
        labels[v] = b
        moves += 1
    return moves


def _best_move(graph, labels, members, load, xy, weights):
    """The most compact improving move out of the heaviest region that has one (None when none)."""
    centre = {r: xy[list(m)].mean(axis=0) for r, m in members.items() if m}
    for a in sorted(members, key=lambda r: -load[r]):
        best = None
        for v in members[a]:
            w = weights[v]
            for b in {int(labels[u]) for u in graph.neighbours(v)} - {a}:
                if b not in members or not (w < load[a] - load[b] - 1e-9):
                    continue
                cost = float(np.hypot(*(xy[v] - centre[b])) - np.hypot(*(xy[v] - centre[a])))
                key = (cost, load[b], v)
                if best is None or key < best[0]:
                    if len(members[a]) > 1 and is_connected(graph, members[a] - {v}):
                        best = (key, v, b)
        if best is not None:
            return best[1], a, best[2]
    return None


def partition(graph: Graph, weights: np.ndarray, xy: np.ndarray, k: int, seed: int = 0,
              start: int | None = None, cancel=None) -> Partition:
    """Cut the nodes of `graph` into `k` contiguous regions of balanced weight (see the module docstring)."""
    n = graph.n
    weights = np.asarray(weights, dtype=float)
    if k < 1 or n == 0:
        raise ValueError("need at least one region and one node")
    k = min(k, n)
    rng = np.random.default_rng(seed)
    comp = components(graph)
    alloc = _allocate(weights, comp, k)
    labels = np.full(n, -1, dtype=np.int64)
    region0, warnings = 0, []
    for c, kc in sorted(alloc.items()):
        nodes = np.flatnonzero(comp == c)
        seeds = _seeds(nodes, xy, weights, kc, rng, start)
        _grow(graph, labels, seeds, xy, weights, region0)
        _balance(graph, labels, list(range(region0, region0 + kc)), xy, weights, cancel)
        region0 += kc
    orphans = np.flatnonzero(labels < 0)
    if len(orphans):
        placed = np.flatnonzero(labels >= 0)
        for v in orphans:
            nearest = placed[int(np.argmin(np.hypot(*(xy[placed] - xy[v]).T)))]
            labels[v] = labels[nearest]
        warnings.append(f"{len(orphans)} area(s) touch no other planned area: each joined the nearest phase, "
                        "which is then in several pieces")
    return Partition(labels, warnings)

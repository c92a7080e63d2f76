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

from planner.core.phases.adjacency import Graph, components
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


def _gather(graph: Graph, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(node, neighbour) pairs of every edge leaving `nodes`, from the CSR arrays (no Python loop)."""
    starts, ends = graph.indptr[nodes], graph.indptr[nodes + 1]
    counts = ends - starts
    src = np.repeat(nodes, counts)
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return src, graph.indices[offsets]


def cut_vertices(graph: Graph, members: np.ndarray) -> set[int]:
    """Nodes whose removal splits the subgraph induced by `members` (iterative Tarjan on a local CSR)."""
    m = len(members)
    if m <= 2:
        return set()
    local = {int(v): i for i, v in enumerate(members)}
    src, dst = _gather(graph, members)
    keep = np.isin(dst, members)
    src_l = np.fromiter((local[int(v)] for v in src[keep]), dtype=np.int64, count=int(keep.sum()))
    dst_l = np.fromiter((local[int(v)] for v in dst[keep]), dtype=np.int64, count=int(keep.sum()))
    order = np.argsort(src_l, kind="stable")
    nbr = dst_l[order].tolist()
    ptr = np.searchsorted(src_l[order], np.arange(m + 1)).tolist()
    disc, low, cut = [-1] * m, [0] * m, set()
    for root in range(m):
        if disc[root] >= 0:
            continue
        disc[root] = low[root] = t = 0 if root == 0 else max(disc) + 1
        children, stack = 0, [(root, -1, ptr[root])]
        while stack:
            v, parent, i = stack[-1]
            if i < ptr[v + 1]:
                stack[-1] = (v, parent, i + 1)
                w = nbr[i]
                if w == parent:
                    continue
                if disc[w] >= 0:
                    low[v] = min(low[v], disc[w])
                else:
                    t += 1
                    disc[w] = low[w] = t
                    children += v == root
                    stack.append((w, v, ptr[w]))
                continue
            stack.pop()
            if stack:
                p = stack[-1][0]
                low[p] = min(low[p], low[v])
                if p != root and low[v] >= disc[p]:
                    cut.add(int(members[p]))
        if children > 1:
            cut.add(int(members[root]))
    return cut


class _Balancer:
    """Boundary moves from heavier to lighter neighbouring regions (see the module docstring, step 4), on arrays:
    the candidates out of a region are found with one gather over the graph's CSR arrays; a region with no
    improving move is marked stuck until its own load or a neighbouring region's changes."""

    def __init__(self, graph, labels, regions, xy, weights):
        self.g, self.labels, self.xy, self.w = graph, labels, xy, weights
        self.r0, self.k = regions[0], len(regions)
        self.nodes = np.flatnonzero((labels >= self.r0) & (labels < self.r0 + self.k))
        local = labels[self.nodes] - self.r0
        self.load = np.bincount(local, weights=weights[self.nodes], minlength=self.k)
        self.stuck = np.zeros(self.k, dtype=bool)
        self.cuts: dict[int, set[int]] = {}
        self.eps = 5e-3 * self.load.mean()  # a move must even out the pair by more than this (no dithering)

    def centres(self) -> np.ndarray:
        local = self.labels[self.nodes] - self.r0
        n = np.bincount(local, minlength=self.k).clip(min=1)
        return np.column_stack([np.bincount(local, weights=self.xy[self.nodes, i], minlength=self.k) / n
                                for i in (0, 1)])

    def best_move(self, a: int):
        """The most compact improving move (node, region) out of local region `a` that keeps it one piece."""
        members = self.nodes[self.labels[self.nodes] == self.r0 + a]
        if len(members) <= 1:
            return None
        src, dst = _gather(self.g, members)
        b = self.labels[dst] - self.r0
        ok = (b != a) & (b >= 0) & (b < self.k)
        src, b = src[ok], b[ok]
        ok = self.w[src] < self.load[a] - self.load[b] - self.eps
        src, b = src[ok], b[ok]
        if not len(src):
            return None
        c = self.centres()
        cost = np.hypot(*(self.xy[src] - c[b]).T) - np.hypot(*(self.xy[src] - c[a]).T)
        order = np.lexsort((src, self.load[b], cost))
        if a not in self.cuts:
            self.cuts[a] = cut_vertices(self.g, members)
        cut = self.cuts[a]
        for i in order:
            if int(src[i]) not in cut:
                return int(src[i]), int(b[i])
        return None

    def apply(self, v: int, a: int, b: int) -> None:
        """Move v from a to b. New moves can appear out of b (heavier), out of a (new shape) and out of a's
        neighbours (a is lighter now): only those regions stop being stuck."""
        self.labels[v] = self.r0 + b
        self.load[a] -= self.w[v]
        self.load[b] += self.w[v]
        members = self.nodes[self.labels[self.nodes] == self.r0 + a]
        _, dst = _gather(self.g, np.append(members, v))
        near = self.labels[dst] - self.r0
        near = near[(near >= 0) & (near < self.k)]
        self.stuck[near] = False
        self.stuck[[a, b]] = False
        self.cuts.pop(a, None)
        self.cuts.pop(b, None)


def _balance(graph: Graph, labels: np.ndarray, regions: list[int], xy: np.ndarray, weights: np.ndarray,
             cancel=None, max_moves: int | None = None) -> int:
    """Move boundary nodes from heavier to lighter neighbouring regions while it evens them out; returns moves."""
    bal = _Balancer(graph, labels, regions, xy, weights)
    moves, limit = 0, max_moves if max_moves is not None else 20 * max(1, len(labels))
    while moves < limit:
        check_cancel(cancel)
        live = np.flatnonzero(~bal.stuck)
        if not len(live):
            break
        a = int(live[np.argmax(bal.load[live])])
        move = bal.best_move(a)
        if move is None:
            bal.stuck[a] = True
            continue
        bal.apply(move[0], a, move[1])
        moves += 1
    return moves


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

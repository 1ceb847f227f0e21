"""Map colouring: give neighbouring territories different colour indices.

Used for both the world map (``WorldAtlas.neighbour_index``) and generated maps. A greedy
DSatur pass (colour next the node whose neighbours already use the most colours) is tried
first; if it needs more colours than allowed, a small backtracking search in the same
order follows (land-border graphs are planar, so four colours always exist in principle;
the default of six is always reached greedily by smallest-last ordering).
"""

from __future__ import annotations

from collections.abc import Iterable

_BACKTRACK_BUDGET = 200_000


def _adjacency(n: int, edges: Iterable[tuple[int, int]]) -> list[set[int]]:
    adj: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a == b:
            continue
        if not (0 <= a < n and 0 <= b < n):
            raise ValueError(f"edge ({a}, {b}) refers to a node outside 0..{n - 1}")
        adj[a].add(b)
        adj[b].add(a)
    return adj


def _dsatur_order_colour(adj: list[set[int]]) -> list[int]:
    n = len(adj)
    colour = [-1] * n
    used: list[set[int]] = [set() for _ in range(n)]
    for _ in range(n):
        # Most saturated, then highest degree, then lowest index: deterministic.
        v = max(
            (i for i in range(n) if colour[i] < 0),
            key=lambda i: (len(used[i]), len(adj[i]), -i),
        )
        c = 0
        while c in used[v]:
            c += 1
        colour[v] = c
        for w in adj[v]:
            used[w].add(c)
    return colour


def _backtrack(adj: list[set[int]], k: int) -> list[int] | None:
    n = len(adj)
    colour = [-1] * n
    order = sorted(range(n), key=lambda i: (-len(adj[i]), i))
    budget = [_BACKTRACK_BUDGET]

    def pick() -> int:
        best, best_key = -1, (-1, -1)
        for i in order:
            if colour[i] >= 0:
                continue
            sat = len({colour[w] for w in adj[i] if colour[w] >= 0})
            key = (sat, len(adj[i]))
            if key > best_key:
                best, best_key = i, key
        return best

    def solve(done: int) -> bool:
        if done == n:
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        v = pick()
        taken = {colour[w] for w in adj[v]}
        for c in range(k):
            if c not in taken:
                colour[v] = c
                if solve(done + 1):
                    return True
        colour[v] = -1
        return False

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, n + 100))
    try:
        return colour if solve(0) else None
    finally:
        sys.setrecursionlimit(limit)


def greedy_colouring(n: int, edges: Iterable[tuple[int, int]], max_colours: int = 6) -> list[int]:
    """Colour indices ``0..max_colours-1`` for nodes ``0..n-1``, different across every edge.

    Deterministic. Raises ``ValueError`` if the graph cannot be coloured with
    ``max_colours`` within the search budget.
    """
    if max_colours < 1:
        raise ValueError("max_colours must be at least 1")
    adj = _adjacency(n, edges)
    colour = _dsatur_order_colour(adj)
    if n == 0 or max(colour) < max_colours:
        return colour
    result = _backtrack(adj, max_colours)
    if result is None:
        raise ValueError(f"cannot colour this map with {max_colours} colours")
    return result

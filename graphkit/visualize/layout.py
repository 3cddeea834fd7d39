"""Positions for the map: force-directed layouts of each component, packed into one drawing.

networkx's spring_layout takes minutes on a few thousand nodes (and seconds on hundreds of small
components); this lays out 5,000 nodes in a few seconds with numpy alone, so the page can draw
with vis-network's physics off.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np

SPACING = 100.0
"""Typical distance between neighbouring dots, in page pixels at zoom 1."""

_LAYOUT_STEPS = 300
_EXACT_REPULSION_LIMIT = 300
"""Components up to this size feel every pair's repulsion exactly; bigger ones use a mesh."""
_PAIR = np.array([[-0.6, 0.0], [0.6, 0.0]])
_ASPECT = 1.6
"""Width over height of the packed drawing: a landscape window."""


def layout(
    graph: nx.MultiDiGraph, *, seed: int, spread: float = 1.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions in page pixels: each connected component laid out alone, then packed in rows.

    `spread` scales each component's drawing before packing: neighbours are about `spread` x
    `SPACING` apart, while the gaps between components stay as they are.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = [
        sorted(c, key=str)
        for c in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    ]
    big = [c for c in components if len(c) > _EXACT_REPULSION_LIMIT]
    small = [c for c in components if len(c) <= _EXACT_REPULSION_LIMIT]
    drawings = [_spring(simple, [c], seed=seed)[0] for c in big] + _spring(simple, small, seed=seed)
    scale = SPACING * spread
    return _pack([(c, d * scale) for c, d in zip(big + small, drawings, strict=True)])


@dataclass(frozen=True, slots=True)
class _Forces:
    """How the nodes of a layout pull and push each other."""

    by_degree: bool  # repulsion scaled by (degree + 1) of both nodes: hubs spread apart
    pull_power: int  # springs pull with distance ** pull_power
    near: float  # full repulsion closer than this (in ideal edge lengths) ...
    far: float  # ... and this share of it farther away


_TREE_FORCES = _Forces(by_degree=False, pull_power=2, near=3.0, far=0.0)
"""Fruchterman-Reingold with local repulsion: fans of leaves, clusters side by side."""
_BIG_TREE_FORCES = _Forces(by_degree=False, pull_power=2, near=3.0, far=0.2)
_DENSE_FORCES = _Forces(by_degree=True, pull_power=1, near=2.0, far=0.2)
"""ForceAtlas2's forces: hubs apart, ringed by their leaves, with a weak global push."""


def _spring(graph: nx.Graph, groups: list[list[Hashable]], *, seed: int) -> list[np.ndarray]:
    """Force-directed layouts of components, in one simulation, about one node per unit area.

    networkx's spring_layout takes minutes on a few thousand nodes, and seconds on hundreds of
    small components. Here the small components move together in one vectorised simulation,
    each feeling only its own nodes' repulsion; a single big one feels it exactly from nodes in
    neighbouring cells of a grid and through the grid (particle-mesh FFT) from farther cells,
    so a step costs O(n). Dense components (over 1.7 edges a node) get `_DENSE_FORCES`.
    """
    if not groups:
        return []
    sizes = np.array([len(g) for g in groups], dtype=np.intp)
    nodes = [node for group in groups for node in group]
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    ends = np.array([(index[u], index[v]) for u, v in graph.edges(nodes)], dtype=np.intp)
    u, v = ends.reshape(-1, 2).T
    exact = len(groups) > 1 or n <= _EXACT_REPULSION_LIMIT
    if len(u) > 1.7 * n and len(groups) == 1:
        forces = _DENSE_FORCES
    else:  # pushing from afar too, else a big component packs densely and slowly
        forces = _TREE_FORCES if exact else _BIG_TREE_FORCES
    mass = np.ones(n)
    if forces.by_degree:
        mass += np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    spread = np.sqrt(np.repeat(sizes, sizes).astype(float))
    pos = np.random.default_rng(seed).uniform(-1, 1, (n, 2)) * spread[:, None]
    starts = np.cumsum(sizes) - sizes
    if exact:  # every pair within each group
        pairs = [np.triu_indices(size, 1) for size in sizes]
        first = np.concatenate([i + start for (i, _), start in zip(pairs, starts, strict=True)])
        second = np.concatenate([j + start for (_, j), start in zip(pairs, starts, strict=True)])
    temperature = spread.copy()
    cooling = (0.02 / temperature) ** (1 / _LAYOUT_STEPS)
    for _ in range(_LAYOUT_STEPS):
        if exact:
            move = _push(pos, mass, first, second, forces, near=forces.near)
        else:
            move = _mesh_push(pos, mass, forces)
        pull = pos[u] - pos[v]
        if forces.pull_power == 2:
            pull *= np.sqrt((pull**2).sum(axis=1))[:, None]
        for axis in (0, 1):
            move[:, axis] -= np.bincount(u, pull[:, axis], n) - np.bincount(v, pull[:, axis], n)
        length = np.maximum(np.sqrt((move**2).sum(axis=1)), 1e-9)
        pos += move * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return [_spaced(d) if len(d) > 2 else _PAIR[: len(d)] for d in np.split(pos, starts[1:])]


def _spaced(drawing: np.ndarray) -> np.ndarray:
    """Centre a drawing and scale it so that each node has about a 1 x 1 square to itself.

    (The mean square distance from the centre of a uniform disc is its area over 2π.)
    """
    centred = drawing - drawing.mean(axis=0)
    spread = max(float((centred**2).sum(axis=1).mean()), 1e-9)
    scaled: np.ndarray = centred * math.sqrt(len(drawing) / (2 * math.pi * spread))
    return scaled


def _push(
    pos: np.ndarray, mass: np.ndarray, i: np.ndarray, j: np.ndarray, forces: _Forces, *, near: float
) -> np.ndarray:
    """Repulsion mass_i x mass_j / d between the pairs (i, j), fading from `near`; per node."""
    delta = pos[i] - pos[j]
    squared = np.maximum((delta**2).sum(axis=1), 0.0025)
    fade = np.clip(1 - np.sqrt(squared) / near, 0, 1)
    weight = forces.far + (1 - forces.far) * fade
    push = delta * (weight * mass[i] * mass[j] / squared)[:, None]
    move = np.zeros_like(pos)
    for axis in (0, 1):
        move[:, axis] = np.bincount(i, push[:, axis], len(pos))
        move[:, axis] -= np.bincount(j, push[:, axis], len(pos))
    return move


def _mesh_push(pos: np.ndarray, mass: np.ndarray, forces: _Forces) -> np.ndarray:
    """Repulsion on every node: exact from its own and the 8 next grid cells, meshed beyond."""
    low = pos.min(axis=0)
    extent = max(float((pos.max(axis=0) - low).max()), 1e-6)
    if not forces.far:  # local only: cells as wide as the reach of the repulsion
        size = min(int(extent / forces.near) + 1, 1024)
    else:  # a few nodes in each cell
        size = min(max(int(1.5 * math.sqrt(len(pos))), 16), 128)
    side = extent / (size - 1e-6)
    cells = np.minimum(((pos - low) / side).astype(np.intp), size - 1)
    move = _push(pos, mass, *_neighbour_pairs(cells, size), forces, near=min(side, forces.near))
    if not forces.far:
        return move
    grid = np.bincount(cells[:, 0] * size + cells[:, 1], mass, size * size)
    spectrum = np.fft.rfft2(grid.reshape(size, size), (3 * size, 3 * size))
    for axis, kernel in enumerate(_mesh_kernels(size)):
        field = np.fft.irfft2(spectrum * kernel, (3 * size, 3 * size))
        far = field[cells[:, 0] + size - 1, cells[:, 1] + size - 1]
        move[:, axis] += far * mass * (forces.far / side)
    return move


@functools.cache
def _mesh_kernels(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Spectra of the repulsion (x, y)/d² from a unit mass, in cells, zero on the 3 x 3 next cells.

    The grid is padded to 3 x size, room for the whole linear convolution, so nothing wraps round.
    """
    offsets = np.arange(1 - size, size, dtype=float)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    far = (np.abs(dx) > 1) | (np.abs(dy) > 1)  # nearer cells are counted pair by pair
    squared = np.where(far, dx**2 + dy**2, 1.0)
    shape = (3 * size, 3 * size)
    return (
        np.fft.rfft2(np.where(far, dx / squared, 0.0), shape),
        np.fft.rfft2(np.where(far, dy / squared, 0.0), shape),
    )


def _neighbour_pairs(cells: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i ≠ j, of points in the same or adjacent cells, each pair once."""
    width = size + 2  # a column's keys never reach the next column's
    keys = cells[:, 0] * width + cells[:, 1]
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        target = keys + dx * width + dy
        start = np.searchsorted(sorted_keys, target, "left")
        counts = np.searchsorted(sorted_keys, target, "right") - start
        first = np.repeat(np.arange(len(cells)), counts)
        step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        second = order[np.repeat(start, counts) + step]
        keep = first < second if (dx, dy) == (0, 0) else slice(None)
        firsts.append(first[keep])
        seconds.append(second[keep])
    return np.concatenate(firsts), np.concatenate(seconds)


def _pack(
    laid_out: list[tuple[list[Hashable], np.ndarray]],
) -> dict[Hashable, tuple[float, float]]:
    """Place the biggest component's drawing, then the smaller ones in rows beside and below it."""
    gap = SPACING * 1.2
    boxes = [(pos.min(axis=0), pos.max(axis=0) - pos.min(axis=0)) for _, pos in laid_out]
    area = sum((w + gap) * (h + gap) for _, (w, h) in boxes)
    width = max([math.sqrt(area * _ASPECT), *(w + gap for _, (w, _) in boxes)], default=0.0)
    first_w, first_h = boxes[0][1] if boxes else (0.0, 0.0)
    left = x = first_w + gap
    y = row_height = 0.0
    positions: dict[Hashable, tuple[float, float]] = {}
    for rank, ((nodes, pos), (low, (w, h))) in enumerate(zip(laid_out, boxes, strict=True)):
        if rank == 0:
            corner = (0.0, 0.0)
        else:
            if x > left and x + w > width:  # next row: beside the biggest drawing, then below it
                y, row_height = y + row_height + gap, 0.0
                left = x = first_w + gap if y < first_h else 0.0
            if left and x + w > width:  # too wide to go beside it
                left = x = 0.0
                y = max(y, first_h + gap)
            corner = (x, y)
            x += w + gap
            row_height = max(row_height, h)
        placed = pos - low + corner
        positions.update({n: (p[0], p[1]) for n, p in zip(nodes, placed.tolist(), strict=True)})
    return positions

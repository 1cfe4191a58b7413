"""Work spread over processes forked from this one, so every core links.

rapidfuzz's ``workers=-1`` spreads only the string scoring over threads; the
numpy and Python work around it (gathering codes, levels, masks; normalizing
names and streets) runs on one core. Here the work is cut into chunks, each
done whole by one of a pool of forked processes: they inherit the table and
the function without pickling them, and send back only their chunk's result
(an int8 comparison matrix, a list of normalized strings). A chunk gives
exactly what it would give done alone, so the result is the same for any
pool size, and with one core (or one chunk) nothing is forked.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence

import numpy as np

# Below this many chunks the pool's start-up costs more than it saves.
MIN_CHUNKS_FOR_POOL = 3
# Below this many distinct values a map is done here: forking costs more.
MIN_VALUES_FOR_POOL = 50_000

_shared: dict[str, object] = {}


def pool_size(workers: int) -> int:
    """Processes for ``workers`` (-1: one per core this process may run on)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1) if workers < 0 else max(1, workers)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run_pair_chunk(bounds: tuple[int, int]) -> object:
    function, table = _shared["function"], _shared["table"]
    left, right = _shared["left"], _shared["right"]
    start, stop = bounds
    return function(table, left[start:stop], right[start:stop], 1)  # type: ignore[operator,index]


def _run_map_chunk(bounds: tuple[int, int]) -> list:
    function, values = _shared["function"], _shared["values"]
    start, stop = bounds
    return [function(value) for value in values[start:stop]]  # type: ignore[operator,index]


def _pooled(task: Callable, bounds: Sequence[object], processes: int,
            shared: dict[str, object]) -> list:
    """``task`` over ``bounds`` in forked processes. The objects alive at the fork are
    frozen out of the garbage collector first: a collection in a worker writes to every
    tracked object's header, which copied each page of the parent's objects into every
    worker (on 2,000,000 records the workers held 1.7 GB of their own while comparing)."""
    _shared.update(shared)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(task, bounds, chunksize=1)
    finally:
        gc.unfreeze()
        _shared.clear()


def _bounds(total: int, chunk: int) -> list[tuple[int, int]]:
    return [(start, min(start + chunk, total)) for start in range(0, total, chunk)]


def map_pair_chunks(function: Callable[..., np.ndarray], table: object, left: np.ndarray,
                    right: np.ndarray, chunk: int, workers: int) -> np.ndarray:
    """``function(table, left_chunk, right_chunk, workers)`` over chunks, rows concatenated."""
    return np.concatenate(pair_chunk_results(function, table, left, right, chunk, workers))


def pair_chunk_results(function: Callable[..., object], table: object, left: np.ndarray,
                       right: np.ndarray, chunk: int, workers: int) -> list:
    """``function(table, left_chunk, right_chunk, workers)`` per chunk of pairs, in order;
    over worker processes when there are enough chunks (each given ``workers=1``)."""
    bounds = _bounds(len(left), chunk) or [(0, 0)]
    processes = min(pool_size(workers), len(bounds))
    if processes < 2 or len(bounds) < MIN_CHUNKS_FOR_POOL or not _can_fork():
        return [function(table, left[a:b], right[a:b], workers) for a, b in bounds]
    return _pooled(_run_pair_chunk, bounds, processes,
                   {"function": function, "table": table, "left": left, "right": right})


def _run_task(index: int) -> object:
    return _shared["tasks"][index]()  # type: ignore[index,operator]


def run_tasks(tasks: Sequence[Callable[[], object]], workers: int = -1) -> list:
    """``[task() for task in tasks]``, the tasks spread over worker processes (in the order
    given, so put the longest first); here when there is one core or one task."""
    processes = min(pool_size(workers), len(tasks))
    if processes < 2 or not _can_fork():
        return [task() for task in tasks]
    return _pooled(_run_task, list(range(len(tasks))), processes, {"tasks": tasks})


def map_values(function: Callable[[str], object], values: Sequence, workers: int = -1) -> list:
    """``[function(v) for v in values]``, over worker processes when there are many."""
    processes = pool_size(workers)
    if processes < 2 or len(values) < MIN_VALUES_FOR_POOL or not _can_fork():
        return [function(value) for value in values]
    bounds = _bounds(len(values), -(-len(values) // (processes * 4)))
    parts = _pooled(_run_map_chunk, bounds, processes,
                    {"function": function, "values": values})
    return [value for part in parts for value in part]

"""Memory around the main stages of a build, for the memory benchmarks' children and tables.

`watch_stages` wraps the stages in the child process (a stage called inside another, the store
inside graph.to_dataset, ends, and is listed, before it); `print_stages` prints what they noted.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def watch_stages(marks: list[dict[str, Any]]) -> None:
    """Wrap the build's main stages so each appends its memory before and after to `marks`.

    A stage called inside another (the store inside graph.to_dataset) is listed before it.
    """
    from graphkit import analyze, graph, pipeline, reconcile, resolve, state, visualize
    from graphkit import store as on_disk

    def resident() -> int:  # now (Linux, as ru_maxrss in KiB is)
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")

    def peak() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def marked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            before, peak_before, started = resident(), peak(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                marks.append(
                    {
                        "stage": name,
                        "seconds": time.perf_counter() - started,
                        "rss_before": before,
                        "rss_after": resident(),
                        "peak_before": peak_before,
                        "peak_after": peak(),
                    }
                )

        return wrapper

    wrapped: list[tuple[Any, str, str]] = [
        (state, "write_articles", "state.write_articles (model, parse, extract, to disk)"),
        (resolve, "Resolver", "resolve.Resolver (names, facts)"),
        (reconcile, "reconcile", "reconcile.reconcile"),
        (pipeline, "find_sources", "sources.find (copies)"),
        (on_disk, "build", "store.build (quads into the store)"),
        (graph, "to_dataset", "graph.to_dataset (with the store)"),
        (graph, "write", "graph.write (TriG, Turtle)"),
        (analyze, "to_networkx", "analyze.to_networkx"),
        (visualize, "select_view", "visualize.select_view"),
        (visualize, "render_html", "visualize.render_html"),
        (state, "write", "state.write"),
    ]
    for module, attribute, name in wrapped:
        setattr(module, attribute, marked(name, getattr(module, attribute)))


def print_stages(label: str, row: dict[str, Any]) -> None:
    """Memory around each stage of one build, in MB.

    Resident before and after the stage, the peak so far, and how much the stage raised the
    peak (a nested stage's rise counts in its caller's too).
    """
    print(f"\n{label}: stages (in the order they ended; MB)")
    print(
        f"  {'stage':<40} {'seconds':>8} {'RSS before':>10} {'after':>7} {'peak so far':>11} "
        f"{'peak rise':>9}"
    )
    for mark in row["stages"]:
        print(
            f"  {mark['stage']:<40} {mark['seconds']:>8.1f} {mark['rss_before'] / 2**20:>10,.0f} "
            f"{mark['rss_after'] / 2**20:>7,.0f} {mark['peak_after'] / 2**20:>11,.0f} "
            f"{(mark['peak_after'] - mark['peak_before']) / 2**20:>9,.0f}"
        )

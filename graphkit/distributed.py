"""Scale-out: parse and extract on a Dask cluster, one spaCy model per worker process.

`BuildConfig(scheduler=...)` (`graphkit build --dask` or `--scheduler dask://HOST:PORT`) sends
runs of whole articles to Dask workers as tasks; each worker process loads the model once, on
its first task, and keeps it (spaCy's maintainers advise one model per process). Only the
parse and extraction records come back: resolution, reconciliation and the graph stay in the
calling process, so the result is the one-process build's. Dask is imported only here, and
only when a build asks for it (`pip install 'graphkit[scale]'`).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from graphkit.errors import GraphkitError, InputError, first_line
from graphkit.types import Document, Extraction

if TYPE_CHECKING:
    from graphkit.config import BuildConfig
    from graphkit.extract import Extractor
    from graphkit.nlp import Pipeline

LOCAL = "local"
"""The scheduler name that starts a local cluster (`graphkit build --dask`)."""
CONNECT_TIMEOUT = 10.0
"""Seconds to reach a scheduler, and then to see a worker, before the build fails."""
_SCHEMES = {"dask": "tcp", "tcp": "tcp"}
"""Address schemes taken, and Dask's name for each (Dask itself has no dask://)."""
_IN_FLIGHT = 2
"""Runs queued per worker: enough that none waits, few enough that results come back in turn."""


def extract_documents(
    documents: Sequence[Document],
    extractors: Sequence[Extractor],
    *,
    config: BuildConfig,
    split: Callable[[int], Sequence[list[Document]]],
) -> Iterator[Extraction]:
    """Parse and extract `documents` on `config.scheduler`'s workers; yield them in order.

    `split(workers)` cuts the documents into runs, one task each. A few runs per worker are
    in flight at a time, so neither the cluster nor this process holds them all at once; a new
    one starts whenever one is done, and results wait here until those before them are in.
    """
    assert config.scheduler is not None, "no scheduler"
    with _client(config.scheduler, jobs=config.jobs) as (client, workers):
        from dask.distributed import as_completed

        [shared] = client.scatter([tuple(extractors)], broadcast=True, hash=False)
        runs = split(workers)
        window = workers * _IN_FLIGHT
        running: dict[str, int] = {}  # task key -> run number
        finished: dict[int, list[Extraction]] = {}
        completed = as_completed(loop=client.loop)  # this client (set_as_default=False)
        submitted = yielded = 0

        def top_up() -> None:  # a new run as soon as one is done, but never far ahead
            nonlocal submitted
            while submitted < min(len(runs), yielded + 2 * window) and len(running) < window:
                task = (_extract_run, runs[submitted], shared, config.model, config.batch_size)
                future = client.submit(*task, pure=False)
                running[future.key] = submitted
                completed.add(future)
                submitted += 1

        top_up()
        for future in completed:
            finished[running.pop(future.key)] = future.result()
            future.release()
            while yielded in finished:
                yield from finished.pop(yielded)
                yielded += 1
            top_up()


@contextmanager
def _client(scheduler: str, *, jobs: int) -> Iterator[tuple[Any, int]]:
    """A Dask client of `scheduler` ("local" starts a cluster) and its number of workers."""
    address = None if scheduler == LOCAL else _address(scheduler)  # a bad one fails before import
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise GraphkitError(
            f"scheduler {scheduler}: Dask is not installed (pip install 'graphkit[scale]')"
        ) from error
    if address is None:
        workers = jobs if jobs > 1 else os.cpu_count() or 1
        with (
            dask.config.set(_local_settings(dask.config.get(_ENVIRON))),
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,  # no dashboard, and its HTTP server on a free port:
                scheduler_kwargs={"dashboard_address": ":0"},  # another cluster may hold 8787
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            yield client, workers
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as error:  # OSError, or whatever a server that is not Dask's answers
        raise InputError(
            f"scheduler {scheduler}: not a Dask scheduler ({first_line(error)})"
        ) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            raise InputError(
                f"scheduler {scheduler}: no worker joined in {CONNECT_TIMEOUT:.0f} s"
            ) from None
        yield client, max(len(client.nthreads()), 1)


_ENVIRON = "distributed.nanny.pre-spawn-environ"


def _local_settings(environ: dict[str, Any]) -> dict[str, Any]:
    """Dask settings for a local cluster's workers: what slowed the parse here is left out.

    Dask's sampling profiler (every 10 ms) and its MALLOC_TRIM_THRESHOLD_ of 64 KB (glibc gives
    freed memory back at once) each cost spaCy about a fifth of its CPU time on these
    machines. A cluster of your own can do the same: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED
    =False, and no MALLOC_TRIM_THRESHOLD_ in the workers' environment.
    """
    kept = {name: value for name, value in environ.items() if name != "MALLOC_TRIM_THRESHOLD_"}
    return {"distributed.worker.profile.enabled": False, _ENVIRON: kept}


def _address(scheduler: str) -> str:
    """Dask's address for `scheduler` (dask:// or tcp://HOST:PORT), checked to be reachable.

    A plain TCP connection first: a refused port or an unknown host fails at once, in one
    line, where Dask's own connect would retry until its timeout.
    """
    scheme, _, rest = scheduler.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in _SCHEMES or not host or not port.isdigit():
        raise InputError(
            f"scheduler {scheduler}: not an address of the form dask://HOST:PORT "
            "(or tcp://HOST:PORT, or local)"
        )
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
    except OSError as error:
        problem = "timed out" if isinstance(error, TimeoutError) else first_line(error)
        raise InputError(f"scheduler {scheduler}: cannot connect ({problem})") from None
    return f"{_SCHEMES[scheme]}://{rest}"


_models: dict[str, Pipeline] = {}
_lock = threading.Lock()


def _extract_run(
    documents: list[Document], extractors: tuple[Extractor, ...], model: str, batch_size: int
) -> list[Extraction]:
    """A Dask task: parse and extract one run of documents with this worker's model.

    The model is loaded on the worker process's first task and kept for the next ones. The lock
    keeps a worker with several threads to one parse at a time (a spaCy pipeline is not safe to
    share between threads); give workers one thread each.
    """
    from graphkit import extract, nlp
    from graphkit._collector import fewer_collections

    with _lock, fewer_collections():
        if model not in _models:
            _models[model] = nlp.load_pipeline(model)
        parsed = nlp.parse(documents, _models[model], batch_size=batch_size)
        return list(extract.run(parsed, extractors))

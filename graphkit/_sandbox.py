"""A function run in a forked child process, under a deadline: the query sandbox's process half.

Why a process: pyoxigraph evaluates SPARQL in Rust without checking Python signals, and its
Python API (0.5) exposes no cancellation (Oxigraph's CancellationToken is Rust- and
server-only: oxigraph/oxigraph#1926), so neither a thread nor a signal handler can stop a
runaway query. A process can be killed. `fork` hands the child the parent's in-memory store
copy-on-write: nothing is copied or reloaded, and a quick query pays a few milliseconds.

The child pickles its answer (or its GraphkitError) into a pipe behind a length header and
exits; the parent reads it with a deadline and, on timeout, Ctrl-C or any other exit, kills
the child and reaps it, so no process or pipe outlives the call. Where there is no `fork`
(Windows) the function runs in this process, without a deadline.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import pickle
import selectors
import signal
import struct
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from typing import NoReturn, TypeVar

from graphkit.errors import GraphkitError, QueryError, QueryTimeout

T = TypeVar("T")

_HEADER = struct.Struct("!Q")  # the answer's length, so the parent never waits for EOF
_CHUNK = 1 << 20
_NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "urllib.Request"})


def call(function: Callable[[], T], *, timeout: float | None) -> T:
    """Return `function()`, computed in a forked child that is killed after `timeout` seconds.

    Raises QueryTimeout when the deadline passes, the child's GraphkitError when it raised one,
    QueryError for any other failure of the child, and KeyboardInterrupt on Ctrl-C (the child
    killed first). `timeout=None` waits as long as it takes (Ctrl-C still stops it).
    """
    if not hasattr(os, "fork"):
        return function()
    deadline = None if timeout is None else time.monotonic() + timeout
    read_end, write_end = os.pipe()
    # Ctrl-C waits (blocked) until the child is forked and the clean-up below is armed.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = _fork()
    except OSError as error:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_end)
        os.close(write_end)
        raise QueryError(f"cannot start the query process: {error}") from error
    if pid == 0:  # pragma: no cover - the child; coverage cannot follow it
        os.close(read_end)
        _child(function, write_end, timeout, mask)
    try:
        os.close(write_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        data = _receive(read_end, deadline, timeout)
    finally:
        os.close(read_end)
        _reap(pid)
    status, value = pickle.loads(data)
    if status == "error":
        raise value
    return value  # type: ignore[no-any-return]


def _fork() -> int:
    for stream in (sys.stdout, sys.stderr):  # or the child could print the parent's buffer again
        with contextlib.suppress(Exception):
            stream.flush()
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a threaded process may deadlock the child: this
        # child runs no code that takes other threads' locks, and a stuck one is killed anyway.
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def _child(
    function: Callable[[], object], fd: int, timeout: float | None, mask: Iterable[int]
) -> NoReturn:
    """Compute, write the pickled answer to `fd` and exit, never returning to the caller."""
    code = 1
    try:
        gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
        with contextlib.suppress(ValueError):  # (only the main thread may set handlers)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C at a terminal ends it at once
            if timeout is not None:  # an orphaned child (its parent killed) still stops
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(min(math.ceil(timeout) + 2, 2**31 - 1))
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        sys.addaudithook(_offline)
        answer: tuple[str, object]
        try:
            answer = ("ok", function())
        except GraphkitError as error:
            answer = ("error", error)
        except BaseException as error:  # whatever the engines raise (a Rust panic included)
            answer = ("error", QueryError(f"query failed: {error or type(error).__name__}"))
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            data = pickle.dumps(("error", QueryError(f"query failed: {error}")))
        _write_all(fd, _HEADER.pack(len(data)))
        _write_all(fd, data)
        code = 0
    finally:
        os._exit(code)


def _offline(event: str, args: tuple[object, ...]) -> None:
    """Audit hook of the child: Python code there (rdflib's engine) opens no connection."""
    if event in _NETWORK_EVENTS:
        raise QueryError("network access is refused: graphkit never sends a query off this machine")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int, deadline: float | None, timeout: float | None) -> bytes:
    """Read the header and the answer from `fd`, raising QueryTimeout at `deadline`."""
    buffer = bytearray()
    size: int | None = None
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while size is None or len(buffer) < _HEADER.size + size:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise QueryTimeout(f"query stopped after {timeout:g} s (timeout)")
            if not selector.select(None if remaining is None else min(remaining, 3600)):
                continue
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                raise QueryError("the query process ended without an answer (out of memory?)")
            buffer += chunk
            if size is None and len(buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(buffer)
    return bytes(buffer[_HEADER.size :])


def _reap(pid: int) -> None:
    """Kill the child (if it still runs) and wait for it, even through a Ctrl-C."""
    interrupted: KeyboardInterrupt | None = None
    while True:
        try:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        except ChildProcessError:  # already reaped (SIGCHLD ignored): nothing left to wait for
            break
        except KeyboardInterrupt as error:  # finish the clean-up, then stop
            interrupted = error
    if interrupted is not None:
        raise interrupted

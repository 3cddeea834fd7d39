"""Work done in a forked child process beside this one: an add's second core.

Why fork: the child starts with this process's memory as it is (copy-on-write), so it can go on
from what this one made (a resolution of the whole graph) without pickling any of it, and only
its answer comes back, pickled through a pipe. Where forking is not safe (macOS: its numpy's
Accelerate) or there is no fork (Windows), the work runs in this process when its answer is
asked for.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import sys
import warnings
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import TypeVar

from graphkit.errors import GraphkitError

T = TypeVar("T")


@contextlib.contextmanager
def forked(work: Callable[[], T], *, what: str) -> Iterator[Callable[[], T]]:
    """Start `work()` in a forked child; yield what waits for its answer (or raises its error).

    `what` names the work in the one line that says it stopped without an answer (killed, out
    of memory). Leaving the block without asking kills the child: the caller failed, and what
    the child writes is the caller's to discard (a staged folder's).
    """
    if not sys.platform.startswith("linux"):
        yield _once(work)
        return
    for stream in (sys.stdout, sys.stderr):  # or the child could write the parent's buffer again
        with contextlib.suppress(Exception):
            stream.flush()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, send, what), daemon=True)
    with warnings.catch_warnings():  # Python 3.12+ warns of forking a process with threads:
        warnings.simplefilter("ignore", DeprecationWarning)  # the child takes none of their locks
        child.start()
    send.close()
    answered = False

    def answer() -> T:
        nonlocal answered
        try:
            failed, value = receive.recv()
        except EOFError:
            child.join()
            code = child.exitcode
            raise GraphkitError(f"{what} stopped (exit code {code}); nothing was changed") from None
        answered = True
        if failed:
            raise value
        return value  # type: ignore[no-any-return]

    try:
        yield answer
    finally:
        if not answered:
            child.kill()
        child.join()
        receive.close()


def _child(work: Callable[[], object], send: Connection, what: str) -> None:
    """Run `work` and send back its answer or its error, pickled."""
    gc.freeze()  # a collection would touch, and so copy, every page of the parent's heap
    try:
        message: tuple[bool, object] = (False, work())
    except Exception as error:
        message = (True, error)
    try:
        send.send(message)
    except Exception as error:  # an error or an answer that does not pickle, in one line
        failed, value = message
        said = f"{type(value).__name__}: {value}" if failed else f"{what}: {error}"
        send.send((True, GraphkitError(said)))


def _once(work: Callable[[], T]) -> Callable[[], T]:
    """`work`, run when first called; its answer kept for any later call."""
    done: list[T] = []

    def answer() -> T:
        if not done:
            done.append(work())
        return done[0]

    return answer

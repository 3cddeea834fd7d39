"""graphkit._fork: work in a forked child beside this process, its answer or its error back."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from graphkit._fork import forked
from graphkit.errors import GraphkitError, InputError

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


def test_the_child_answers_from_the_memory_it_was_forked_with():
    rows = list(range(1000))
    with forked(lambda: (os.getpid(), sum(rows)), what="the sum") as answer:
        rows.append(10**6)  # after the fork: the child's copy is its own
        pid, total = answer()
    assert pid != os.getpid()
    assert total == sum(range(1000))


def test_the_childs_error_is_raised_here_and_one_that_does_not_pickle_as_one_line():
    def bad_input():
        raise InputError("a.txt: not an article")

    with forked(bad_input, what="the work") as answer, pytest.raises(InputError, match=r"a\.txt"):
        answer()

    def unpicklable():
        return threading.Lock()  # a lock does not pickle

    cannot = pytest.raises(GraphkitError, match=r"^the work: cannot pickle")
    with forked(unpicklable, what="the work") as answer, cannot as raised:
        answer()
    assert "\n" not in str(raised.value)


def test_leaving_the_block_without_asking_kills_the_child(tmp_path):
    marker = tmp_path / "finished"

    def slow():
        threading.Event().wait(30)
        marker.write_text("done")

    with pytest.raises(RuntimeError), forked(slow, what="the work"):
        raise RuntimeError("the caller failed")
    assert not marker.exists()


def test_off_linux_the_work_runs_here_when_its_answer_is_asked(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    ran: list[int] = []

    def work():
        ran.append(os.getpid())
        return len(ran)

    with forked(work, what="the work") as answer:
        assert ran == []
        assert answer() == 1
        assert answer() == 1  # run once
    assert ran == [os.getpid()]

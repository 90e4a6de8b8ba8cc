"""A call run in a forked child beside this process (compare.forked): the value comes back as
the call made it; whatever goes wrong in the child, the call is made here instead, raising
what it raises; an interrupt stops the child at once; where forking is not safe, no child."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import time
from types import SimpleNamespace

import pytest

from compare import forked
from compare.forked import in_child
from tests.conftest import open_files, reaped


def test_the_value_is_made_in_the_child_and_sent_back(children: list[int]) -> None:
    before = open_files()
    with in_child(lambda: (os.getpid(), {"figures": [1.5, None], "text": "二〇二一年"})) as child:
        pid, made = child.value()
    assert children == [pid] and pid != os.getpid()
    assert made == {"figures": [1.5, None], "text": "二〇二一年"}
    assert reaped(pid) and open_files() == before  # waited for, the pipe closed


def test_what_the_call_raises_in_the_child_it_raises_here_made_again(
    children: list[int], capfd: pytest.CaptureFixture[str]
) -> None:
    made_in: list[int] = []

    def failing() -> None:
        made_in.append(os.getpid())  # the child's list is its own: only this process's shows
        raise ValueError("no such figure")

    with pytest.raises(ValueError, match="no such figure"), in_child(failing) as child:
        child.value()
    assert len(children) == 1 and reaped(children[0])
    assert made_in == [os.getpid()]
    assert capfd.readouterr().err == ""  # the child printed no traceback of its own


@pytest.mark.parametrize("end", ["killed", "cannot send"])
def test_a_child_that_fails_otherwise_leaves_the_value_to_be_made_here(
    monkeypatch: pytest.MonkeyPatch, children: list[int], end: str
) -> None:
    parent = os.getpid()

    def sending(value: object, file: object, **kwargs: object) -> None:  # only a child sends
        if end == "cannot send":
            raise pickle.PicklingError("cannot send")
        file.write(pickle.dumps(value)[:3])  # type: ignore[attr-defined]  # a part of it
        file.flush()  # type: ignore[attr-defined]
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(pickle, "dump", sending)
    with in_child(lambda: ("made in", os.getpid())) as child:
        assert child.value() == ("made in", parent)
    assert len(children) == 1 and reaped(children[0])


def test_no_process_to_be_had_makes_the_value_here(
    monkeypatch: pytest.MonkeyPatch, children: list[int]
) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    before = open_files()
    with in_child(os.getpid) as child:
        assert not child.running
        assert child.value() == os.getpid()
    assert open_files() == before


def test_an_interrupt_stops_the_child_at_once(children: list[int]) -> None:
    """Ctrl-C while this process works: the child (here a minute's work) is stopped and
    waited for, not left running; an interrupt while the value is awaited, the same."""
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt), in_child(lambda: time.sleep(60)):
        raise KeyboardInterrupt
    assert len(children) == 1 and reaped(children[0])

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(KeyboardInterrupt), in_child(lambda: time.sleep(60)) as child:
            child.value()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(children) == 2 and reaped(children[1])
    assert time.monotonic() - start < 30


def test_a_value_not_asked_for_stops_its_child(children: list[int]) -> None:
    with in_child(lambda: time.sleep(60)) as child:
        assert child.running
    assert not child.running and reaped(children[0])


@pytest.mark.skipif(sys.platform != "linux", reason="may_fork is True on Linux only")
def test_no_child_with_a_thread_running_on_one_core_or_in_a_pools_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.delitem(sys.modules, "multiprocessing", raising=False)
    with monkeypatch.context() as patched:
        patched.setattr(threading, "active_count", lambda: 1)
        assert forked.may_fork()
        patched.setattr(os, "sched_getaffinity", lambda pid: {0})
        assert not forked.may_fork()
    with monkeypatch.context() as patched:
        patched.setattr(threading, "active_count", lambda: 1)
        patched.setitem(sys.modules, "multiprocessing", SimpleNamespace(parent_process=object))
        assert not forked.may_fork()  # a pool's worker: its parent process is not None
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("a child was forked"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.may_fork()
        with in_child(os.getpid) as child:
            assert child.value() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_a_pools_worker_makes_its_values_itself() -> None:
    """compare.series spreads its comparisons over a process pool: a worker starts no child of
    its own (the cores are its siblings')."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(forked.may_fork).result() is False

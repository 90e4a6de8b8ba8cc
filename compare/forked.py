"""A call run in a forked child beside this process, its value sent back pickled: how one run
of `compare` puts a second core to work (pipeline: the second report is read so while this
process reads the first, and the two reports' terms are counted so while it aligns them).

Only where that is safe and can pay (may_fork): Linux (fork, as Python's multiprocessing uses
it there), two cores or more for this process, no thread but this one (fork would copy the
locks threads hold), not a process pool's worker (its siblings have the cores already:
compare.series). Elsewhere, and whenever the child fails (its call raised, it was killed, no
process was to be had), the call runs in this process when its value is asked for: what it
raises then is what the caller sees, as without a child.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Child(Generic[T]):
    """A call, run in a forked child when one can be (see in_child)."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._call = call
        self._pid: int | None = None
        self._readable = -1  # this end of the pipe the child sends its value through
        if may_fork():
            self._start()

    @property
    def running(self) -> bool:
        """Whether a child was started whose value was not asked for yet."""
        return self._pid is not None

    def value(self) -> T:
        """Return the call's value: the child's, once it ended with 0; else made here."""
        if self._pid is None:
            return self._call()
        with open(self._readable, "rb") as received:  # which closes the descriptor
            self._readable = -1
            sent = received.read()  # all the child wrote, until it closed its end
        # Interrupted before it is waited for, the child is stopped by in_child (stop).
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return self._call()  # its call raised (and raises here again), or it was killed
        value: T = pickle.loads(sent)
        return value

    def stop(self) -> None:
        """Stop the child, if its value was not asked for, and wait for it to end."""
        if self._readable >= 0:
            os.close(self._readable)
            self._readable = -1
        if self._pid is not None:
            pid, self._pid = self._pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

    def _start(self) -> None:
        readable, writable = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (the user's limit reached): made when asked
            os.close(readable)
            os.close(writable)
            return
        if pid == 0:  # the child: make the value, send it, end without atexit's work
            code = 1
            try:
                from compare.patterns import keep_compiled

                os.close(readable)
                value = self._call()
                with open(writable, "wb") as sending:
                    pickle.dump(value, sending, protocol=pickle.HIGHEST_PROTOCOL)
                keep_compiled()  # the patterns compiled for it, as a pool's worker keeps them
                code = 0
            finally:
                os._exit(code)  # no traceback, no exit handlers: the parent makes it again
        os.close(writable)
        self._pid, self._readable = pid, readable


@contextlib.contextmanager
def in_child(call: Callable[[], T]) -> Iterator[Child[T]]:
    """Run call in a forked child during the block, where may_fork allows; ask for its value
    within the block. A child whose value was not asked for (the block raised, or was
    interrupted) is stopped at the block's end, at once."""
    child = Child(call)
    try:
        yield child
    finally:
        child.stop()


def may_fork() -> bool:
    """Tell whether a call may run in a forked child here (see the module's text)."""
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        return False
    if threading.active_count() > 1:
        return False
    pool = sys.modules.get("multiprocessing")  # imported by a pool's worker, seldom otherwise
    return pool is None or pool.parent_process() is None

"""Background work for the window: a service call on a pool thread, its result back on the GUI thread.

Services are plain callables that report progress through ``progress(done, total)``
and stop early when ``cancelled()`` says so; this module adapts them to Qt
signals (the way Anki's ``CollectionOp`` wraps a pure ``op(col)``). A worker
never shares a database session: every service call opens its own.

Database work runs on one writer thread (``DB_POOL``, one thread) so SQLite
sees one writer at a time and saves keep their order.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from editor_app.errors import Cancelled

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger("editor_app.ui.workers")

_pools: dict[str, QThreadPool] = {}


def pool(name: str = "db") -> QThreadPool:
    """The pool for ``name``: "db" has one thread (ordered writes); "cpu" uses the global pool."""
    if name == "cpu":
        return QThreadPool.globalInstance()
    if name not in _pools:
        p = QThreadPool()
        p.setObjectName(f"editor_app-{name}")
        p.setMaxThreadCount(1)
        p.setExpiryTimeout(-1)
        _pools[name] = p
    return _pools[name]


def all_pools() -> list[QThreadPool]:
    return [QThreadPool.globalInstance(), *_pools.values()]


def wait_all(msecs: int = 10000) -> bool:
    """Wait for every pool to drain (on quit and in tests); True when they did."""
    return all(p.waitForDone(msecs) for p in all_pools())


class TaskControl:
    """What a running task sees: where to report progress, whether the user cancelled."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the window went away while the task ran
            self._relay.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    def reporter(self, cancelled: str, *, report: bool = True) -> Callable[[int, int], None]:
        """A service's ``progress`` callback: passes progress on (unless ``report`` is False) and
        raises ``Cancelled(cancelled)`` once the user has cancelled, which stops the service."""

        def progress(done: int, total: int) -> None:
            if self.cancelled():
                raise Cancelled(cancelled)
            if report:
                self.progress(done, total)

        return progress

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    """Lives on the GUI thread; its queued signals carry results back there."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    done = Signal()


class Task(QRunnable):
    """One background call. Keep the returned object to cancel it or to wait on ``relay.done``."""

    def __init__(self, fn: Callable[[TaskControl], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.relay = _Relay()
        self.control = TaskControl(self.relay)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self.control)
        except BaseException as exc:  # reported on the GUI thread, never lost
            self._emit(self.relay.failed, exc)
        else:
            self._emit(self.relay.succeeded, result)
        finally:
            with contextlib.suppress(RuntimeError):
                self.relay.done.emit()

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("result of a background task dropped: its receiver is gone")


_running: set[Task] = set()


def run_in_background(
    fn: Callable[[TaskControl], Any],
    on_success: Callable[[Any], object] | None = None,
    on_error: Callable[[BaseException], object] | None = None,
    parent: QObject | None = None,
    *,
    on_progress: Callable[[int, int], object] | None = None,
    pool_name: str = "db",
) -> Task:
    """Run ``fn(control)`` off the GUI thread; the callbacks run on the GUI thread.

    Callbacks are skipped when ``parent`` has been deleted by then, so a closed
    window never receives a late result.
    """
    task = Task(fn)
    _running.add(task)

    def alive() -> bool:
        return parent is None or shiboken6.isValid(parent)

    def succeeded(result: object) -> None:
        if on_success is not None and alive():
            on_success(result)

    def failed(exc: object) -> None:
        if not isinstance(exc, BaseException):
            return
        if on_error is not None and alive():
            on_error(exc)
        elif not isinstance(exc, Exception):
            raise exc
        else:
            log.error("background task failed", exc_info=exc)

    def progressed(done: int, total: int) -> None:
        if on_progress is not None and alive():
            on_progress(done, total)

    task.relay.succeeded.connect(succeeded)
    task.relay.failed.connect(failed)
    task.relay.progressed.connect(progressed)
    task.relay.done.connect(lambda: _running.discard(task))
    pool(pool_name).start(task)
    return task


_processes: ProcessPoolExecutor | None = None


def in_process(fn: Callable[..., Any], *args: Any) -> Callable[[TaskControl], Any]:
    """A task body that runs ``fn(*args)`` in a helper process (for long CPU-bound service calls).

    The pool thread only waits on the pipe, so the GUI thread never competes with
    the work for Python's interpreter lock. ``fn`` and its arguments must pickle.
    """

    def body(control: TaskControl) -> Any:
        import multiprocessing  # imported here: the window starts without it
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        global _processes
        if _processes is None:
            _processes = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        future = _processes.submit(fn, *args)
        while True:
            try:
                return future.result(timeout=0.1)
            except FutureTimeout:
                if control.cancelled():
                    future.cancel()
                    raise
            except BrokenProcessPool:
                _processes = None
                raise

    return body


def shutdown_processes() -> None:
    """Stop the helper process (on quit and after tests)."""
    global _processes
    if _processes is not None:
        _processes.shutdown(wait=True, cancel_futures=True)
        _processes = None


def pending() -> int:
    """How many tasks have not reported back yet (tests assert none are left)."""
    return len(_running)

"""A helper process that runs some block checks of a long article on the second core.

The checks are pure Python and hold the interpreter lock, so a second process is the only way
to use the machine's second core. The helper takes whole checks, not blocks: the claim, junk
and style checks (``HELPER_CHECKS``). Spelling, titles and dates stay here: the article-wide
checks (proper nouns, quotes) read what spelling and titles work out, and would otherwise work
it out again.

Only long articles use it (below ``MIN_BLOCKS`` fresh blocks the round trip costs more than it
saves), and only once it has started: the first long check starts it in the background and runs
alone. The helper loads its own dictionary and data once, as this process does at start-up, and
``clear_caches`` clears its caches too, so a "cold" check is cold on both sides.
``EDITOR_APP_CHECK_PROCESSES=1`` keeps every check in one process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

log = logging.getLogger("editor_app.checks")

#: fresh blocks (about 20,000 words) from which a full check shares its work with the helper
MIN_BLOCKS = 300
#: the block checks the helper runs (by class name; the rest stay here, see above)
HELPER_CHECKS = frozenset({"ClaimCheck", "JunkCheck", "StyleCheck"})

_pool: ProcessPoolExecutor | None = None
_warm: Future[Any] | None = None
_in_helper = False
_broken = False


def _mark_helper() -> None:
    global _in_helper
    _in_helper = True


def enabled() -> bool:
    """Whether checks may use the helper here: two cores, not told otherwise, not in a child process.

    A child (the helper itself, or the window's process for re-checking long articles) never
    starts one of its own: a process pool inside a pool's worker keeps that worker from exiting,
    and the app would hang on quit.
    """
    if _in_helper or _broken or os.environ.get("EDITOR_APP_CHECK_PROCESSES", "") == "1":
        return False
    import multiprocessing

    return multiprocessing.parent_process() is None and (os.cpu_count() or 1) >= 2


def start(warm_up: Callable[[], None]) -> Future[Any]:
    """Start the helper and have it run ``warm_up`` (loading its data); idempotent."""
    global _pool, _warm
    if _pool is None:
        import multiprocessing

        _pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_mark_helper
        )
    if _warm is None:
        _warm = _pool.submit(warm_up)
    return _warm


def ready(warm_up: Callable[[], None]) -> bool:
    """True when the helper is up and warm; otherwise start it (in the background) and say False."""
    if not enabled():
        return False
    warm = start(warm_up)
    if not warm.done():
        return False
    if warm.exception() is not None:
        give_up(warm.exception())
        return False
    return True


def submit(fn: Callable[..., Any], *args: Any) -> Future[Any]:
    """Run ``fn(*args)`` (a module-level function; arguments that pickle) in the helper."""
    assert _pool is not None, "start the helper first"
    return _pool.submit(fn, *args)


def give_up(exc: BaseException | None) -> None:
    """The helper failed: log it and do every check here from now on."""
    global _broken
    _broken = True
    log.warning("check helper process stopped; checking in one process: %s", exc)
    shutdown()


def run_in_helper(fn: Callable[[], Any]) -> None:
    """Run ``fn`` in the helper, if it has started, and wait (to clear its caches, say)."""
    if _pool is not None and not _broken:
        try:
            _pool.submit(fn).result()
        except Exception as exc:  # a dead helper: nothing of it is left to clear
            give_up(exc)


def shutdown() -> None:
    """Stop the helper (the interpreter also stops it at exit)."""
    global _pool, _warm
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    _pool = None
    _warm = None

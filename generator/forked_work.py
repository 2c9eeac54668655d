"""Work shared between this process and forked workers, each part done once, the shares evening
out by speed.

The content check and the page rendering both split their work into parts (chunks of councils,
groups of pages). Forked workers take the parts from the first on; this process first does work
of its own that no worker can (`first`: nothing for the check, the downloads for the pages), then
takes parts from the last back, each one no worker has started, until the two meet. So no side
waits for a fixed share while the other still has work, and this process, which already holds
the corpus, does a share itself instead of leaving a core to a further worker (each worker comes
to hold its own copy of the corpus: Python writes a reference count on every object it reads).

Workers inherit the parts and the function that does one (forking copies them; nothing is
pickled on the way in) and send back what each part returns, pickled. An exception in a worker
is raised here, and parts not yet started are cancelled.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")
Own = TypeVar("Own")


class _Shared(Generic[Part, Result]):
    def __init__(self, parts: Sequence[Part], do: Callable[[Part], Result]) -> None:
        self.parts, self.do = parts, do


_INHERITED: _Shared[Any, Any] | None = None  # what forked workers inherit instead of pickling


def can_fork() -> bool:
    """Whether this platform can fork workers (the work is then done in this process alone)."""
    return "fork" in multiprocessing.get_all_start_methods()


def share(parts: Sequence[Part], do: Callable[[Part], Result], workers: int,
          first: Callable[[], Own]) -> tuple[Own, list[Result]]:
    """`first()`, and `do(part)` for every part, with `workers` processes in all (this one and
    workers - 1 forked); what first returned, and what each part gave, in the parts' order."""
    if workers < 2 or len(parts) < 2 or not can_fork():
        own = first()
        return own, [do(part) for part in parts]
    global _INHERITED
    _INHERITED = _Shared(parts, do)
    results: dict[int, Result] = {}
    pool = ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_do_part, index) for index in range(len(parts))]
        own = first()
        for index in reversed(range(len(parts))):
            if not futures[index].cancel():
                break  # a worker has it, and every part before it
            results[index] = do(parts[index])
        results.update(_finished(futures))  # a worker's exception is raised here
    finally:
        pool.shutdown(cancel_futures=True)  # after an exception, no worker starts another part
        _INHERITED = None
    return own, [results[index] for index in range(len(parts))]


def _finished(futures: list[Future]) -> dict[int, Any]:
    return {index: future.result() for index, future in enumerate(futures) if not future.cancelled()}


def _do_part(index: int) -> Any:
    assert _INHERITED is not None, "set before the workers are forked"
    return _INHERITED.do(_INHERITED.parts[index])

"""Work shared between this process and forked workers: every part done once, results in order."""

from __future__ import annotations

import os
import time

import pytest

from generator.forked_work import share


def _pid_of(part: int) -> tuple[int, int]:
    time.sleep(0.01)  # long enough that this process and the worker both get parts
    return part * part, os.getpid()


def test_every_part_is_done_once_and_the_results_come_in_the_parts_order():
    parts = list(range(40))
    own, results = share(parts, _pid_of, 2, lambda: "downloads")
    assert own == "downloads"
    assert [square for square, _ in results] == [part * part for part in parts]
    processes = {pid for _, pid in results}
    assert os.getpid() in processes and len(processes) == 2  # this process did a share, and one worker did


def test_the_workers_take_parts_from_the_first_and_this_process_from_the_last():
    parts = list(range(40))
    _, results = share(parts, _pid_of, 2, lambda: time.sleep(0.1))
    done_here = [part for part, (_, pid) in zip(parts, results) if pid == os.getpid()]
    assert done_here == parts[len(parts) - len(done_here):]  # a run at the end


def test_one_process_does_everything_itself_in_order():
    done: list[str] = []
    own, results = share([1, 2], lambda part: done.append(f"part {part}") or part, 1, lambda: done.append("first") or 0)
    assert (own, results, done) == (0, [1, 2], ["first", "part 1", "part 2"])


def _fails_in_a_worker(part: int) -> int:
    if part == 0:
        raise RuntimeError(f"part {part} failed in process {os.getpid()}")
    time.sleep(0.01)
    return part


def test_an_exception_in_a_worker_is_raised_here():
    with pytest.raises(RuntimeError, match="part 0 failed"):
        share(list(range(20)), _fails_in_a_worker, 2, lambda: None)

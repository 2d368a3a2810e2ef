"""PIN checks on many threads keep the memory of one: a desk's database steps run on a pool of
threads, and each thread that hashed with scrypt kept its 16 MiB resident (glibc's arenas)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from storage.pins import hash_pin, verify_pin

THREADS = 6


def _resident_mib() -> float:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024


def test_pins_checked_on_a_pool_of_threads_keep_one_check_s_memory() -> None:
    stored = hash_pin("4826")
    assert verify_pin("4826", stored)  # the first checks made, wherever they keep their memory
    before = _resident_mib()
    together = threading.Barrier(THREADS)

    def check(_n: int) -> bool:
        together.wait()  # all at once, as a pool's threads: each in a memory arena of its own
        return verify_pin("4826", stored) and verify_pin("0000", stored) is False

    with ThreadPoolExecutor(THREADS) as pool:
        assert all(pool.map(check, range(THREADS)))
        grown = _resident_mib() - before
    # One check's 16 MiB, and some slack; kept by every thread it was 16 MiB times THREADS.
    assert grown < 40, f"{grown:.0f} MiB more after {THREADS} threads checked PINs"

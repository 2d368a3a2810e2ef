"""PIN hashing with scrypt (memory-hard, in the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

# 16 MiB and about 50 ms per check on a desk PC: slow for a guesser, quick for a worker.
N, R, P = 2**14, 8, 1


_hashing: ThreadPoolExecutor | None = None
"""Every PIN is hashed on this one thread. glibc keeps scrypt's 16 MiB resident in the memory arena
of each thread that has hashed a PIN twice: hashed on whichever thread of its pool the desk's step
ran on, a desk grew by 16 MiB for every thread of the pool (issue 19)."""
_starting = threading.Lock()


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    global _hashing
    with _starting:
        if _hashing is None:
            _hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pin-hashing")
        hashed = _hashing.submit(hashlib.scrypt, pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return hashed.result()


def stop_hashing() -> None:
    """End the hashing thread (a PIN hashed later starts it again). `walkin` ends its process
    without the interpreter's slow teardown only when no other thread is left: the idle hashing
    thread of the morning's sign-in cost every Ctrl+Q 300–400 ms."""
    global _hashing
    with _starting:
        hashing, _hashing = _hashing, None
    if hashing is not None:
        hashing.shutdown()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


NO_ACCOUNT = f"scrypt${N}${R}${P}${_b64(bytes(16))}${_b64(bytes(32))}"
"""Checked instead when the username is unknown or deactivated, so that the answer takes as long as
for an account (the same cost); no PIN comes out as 32 zero bytes, and the answer is no anyway."""


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, N, R, P)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(candidate, base64.b64decode(digest))

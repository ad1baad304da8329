"""Token buckets per device and per client address, in the server's memory.

Owns only counting; it never blocks and never sleeps: a caller past its bucket is told how
many seconds to wait and answers 429 with that ``Retry-After``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from sync.server.config import RateLimit


class TokenBuckets:
    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: str) -> int:
        """0 when ``key`` may go ahead now, else the whole seconds to wait."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (float(self._limit.burst), now))
            tokens = min(float(self._limit.burst), tokens + (now - at) * self._limit.per_second)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0
            self._buckets[key] = (tokens, now)
            if self._limit.per_second <= 0:
                return 3600
            return max(1, math.ceil((1.0 - tokens) / self._limit.per_second))

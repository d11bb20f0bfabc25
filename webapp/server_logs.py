"""Logs that stay readable under load.

waitress logs "Task queue depth is N" once for every request that has to wait for a free thread:
under a burst that was 18,000 of 22,000 log lines. The filter below lets the first such warning
through, then at most one summary line per interval with how many were folded into it.
"""

import logging
import threading
import time

QUEUE_LOGGER = "waitress.queue"


class QueueDepthSummary(logging.Filter):
    def __init__(self, interval_seconds: float = 10.0, clock=time.monotonic):
        super().__init__()
        self.interval = interval_seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.last_emitted: float | None = None
        self.folded = 0
        self.deepest = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Task queue depth"):
            return True
        depth = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        with self.lock:
            now = self.clock()
            self.deepest = max(self.deepest, int(depth))
            if self.last_emitted is not None and now - self.last_emitted < self.interval:
                self.folded += 1
                return False
            if self.last_emitted is not None:
                record.msg = (
                    "requests waited for a free thread: %d more queue warnings in the "
                    "last %.0f s, deepest queue %d (more --threads may help)"
                )
                record.args = (self.folded, now - self.last_emitted, self.deepest)
            self.last_emitted, self.folded, self.deepest = now, 0, 0
            return True


def summarise_queue_warnings(interval_seconds: float = 10.0) -> QueueDepthSummary:
    """Install the summary filter on waitress's queue logger (idempotent)."""
    logger = logging.getLogger(QUEUE_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, QueueDepthSummary):
            return existing
    summary = QueueDepthSummary(interval_seconds)
    logger.addFilter(summary)
    return summary

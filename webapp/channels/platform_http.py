"""JSON over HTTPS to a chat platform, retried with bounded exponential backoff.

Timeouts, dropped connections, 5xx and 429 are retried (at most `attempts` tries, waits of
0.5, 1, 2 … seconds, never more than 4, through an injectable `sleep` so tests never wait).
Other 4xx answers are returned to the caller, who knows what they mean. Logs name the
operation, the status and the attempt: never a URL (Meta's carries the token), a body, an id
or an exception's text.
"""

import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


class PlatformUnavailable(Exception):
    """Every attempt failed with a timeout, a dropped connection, 5xx or 429."""

    def __init__(self, operation: str, reason: str):
        super().__init__(f"{operation}: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class PlatformResponse:
    status: int
    body: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    # An earlier attempt timed out or got 5xx: the platform may have acted on it already.
    after_uncertain_attempt: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a platform API never redirects; never resend a body elsewhere


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass
class PlatformHttp:
    timeout: float = 5.0
    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 4.0
    sleep: object = time.sleep

    def call(
        self,
        operation: str,
        method: str,
        url: str,
        payload: dict | None = None,
        headers: dict | None = None,
    ) -> PlatformResponse:
        """Send, retrying what may succeed later; raise PlatformUnavailable when out of tries."""
        data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        all_headers = {"Accept": "application/json", **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/json; charset=utf-8"
        uncertain = False
        reason = "not tried"
        for attempt in range(1, self.attempts + 1):
            # `url` is built from a configured base that channels/config.py checked is http(s).
            request = urllib.request.Request(url, data=data, method=method, headers=all_headers)  # noqa: S310
            outcome, reason, maybe_acted, wait = self._once(request)
            if outcome is not None:
                return PlatformResponse(outcome.status, outcome.body, outcome.headers, uncertain)
            uncertain = uncertain or maybe_acted
            if attempt == self.attempts:
                break
            delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
            if wait is not None:
                delay = min(self.max_delay, max(delay, wait))
            log.warning(
                "%s: %s; retry %d of %d in %.1f s",
                operation,
                reason,
                attempt,
                self.attempts - 1,
                delay,
            )
            self.sleep(delay)
        log.error("%s: gave up after %d attempts (%s)", operation, self.attempts, reason)
        raise PlatformUnavailable(operation, reason)

    def _once(self, request):
        """(response or None, reason, may have been acted on, Retry-After seconds)."""
        try:
            with _opener.open(request, timeout=self.timeout) as answer:
                return _response(answer.status, answer.read(), answer.headers), "", False, None
        except urllib.error.HTTPError as answer:
            status = answer.code
            body = answer.read()
            if status == 429 or status >= 500:
                return None, f"HTTP {status}", status >= 500, _retry_after(answer.headers)
            return _response(status, body, answer.headers), "", False, None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return None, "timed out", True, None
            # Refused or unreachable: the request never arrived.
            return None, f"connection failed ({exc.reason.__class__.__name__})", False, None
        except TimeoutError:
            return None, "timed out", True, None
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            # Dropped mid-answer (RemoteDisconnected, reset): the platform may have acted.
            return None, f"connection lost ({exc.__class__.__name__})", True, None


def _response(status: int, raw: bytes, headers) -> PlatformResponse:
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return PlatformResponse(status, body, {k.lower(): v for k, v in headers.items()})


def _retry_after(headers) -> float | None:
    try:
        return float(headers.get("Retry-After"))
    except (TypeError, ValueError):
        return None

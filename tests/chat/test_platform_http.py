"""The platform client's retry policy, against a real local server; waits are recorded."""

import socket

import pytest

from webapp.channels.platform_http import PlatformHttp, PlatformUnavailable

from .standins import LineStandin

TOKEN = "t"


@pytest.fixture
def standin():
    with LineStandin(access_token=TOKEN) as server:
        yield server


def client(sleeps, timeout=0.3):
    return PlatformHttp(timeout=timeout, sleep=sleeps.append)


def profile(http, standin, user="U" + "0" * 32):
    return http.call(
        "LINE profile",
        "GET",
        f"{standin.url}/v2/bot/profile/{user}",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )


def test_success_needs_no_retry(standin):
    sleeps = []
    answer = profile(client(sleeps), standin)
    assert answer.ok and answer.body["userId"] == "U" + "0" * 32 and sleeps == []
    assert not answer.after_uncertain_attempt


def test_5xx_is_retried_with_exponential_backoff(standin):
    sleeps = []
    standin.fail_next(3, status=502)
    answer = profile(client(sleeps), standin)
    assert answer.ok and sleeps == [0.5, 1.0, 2.0] and answer.after_uncertain_attempt


def test_gives_up_after_four_attempts(standin, caplog):
    sleeps = []
    standin.fail_next(5, status=500)
    with pytest.raises(PlatformUnavailable):
        profile(client(sleeps), standin)
    assert len(standin.requests) == 4 and sleeps == [0.5, 1.0, 2.0]
    assert "LINE profile: gave up after 4 attempts (HTTP 500)" in caplog.text


def test_4xx_is_returned_not_retried(standin):
    sleeps = []
    answer = profile(client(sleeps), standin, user="nobody")
    assert answer.status == 404 and sleeps == [] and len(standin.requests) == 1


def test_429_is_retried_honouring_retry_after_within_the_cap(standin):
    sleeps = []
    standin.fail_next(1, status=429)
    assert profile(client(sleeps), standin).ok
    assert sleeps == [0.5]
    assert not profile(client(sleeps), standin).after_uncertain_attempt


def test_a_timeout_is_retried_and_marked_uncertain(standin):
    sleeps = []
    standin.stall_next(1, seconds=1.0)
    answer = profile(client(sleeps, timeout=0.2), standin)
    assert answer.ok and sleeps == [0.5] and answer.after_uncertain_attempt


def test_a_refused_connection_is_retried_and_not_uncertain():
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps = []
    with pytest.raises(PlatformUnavailable) as error:
        PlatformHttp(timeout=0.2, sleep=sleeps.append).call(
            "LINE push", "POST", f"http://127.0.0.1:{port}/v2/bot/message/push", {"to": "x"}
        )
    assert "connection failed" in error.value.reason and len(sleeps) == 3


def test_backoff_is_capped():
    http = PlatformHttp(attempts=7, base_delay=0.5, max_delay=4.0)
    delays = [min(http.max_delay, http.base_delay * 2**n) for n in range(6)]
    assert max(delays) == 4.0 and sum(delays) <= 16

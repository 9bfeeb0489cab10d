"""When the service cannot answer: blocked (or allowed with fail policy open), counted, logged rate-limited, and never
longer than the timeout. Servers that misbehave on purpose stand in for the service here."""

import base64
import logging
import socket
import threading

import pytest

import harness
from fakes import FakeServer, decision_body, http_answer
from safety_kernel import create_safety_kernel

INTENT = {"symbol": "BTCUSDT", "side": "buy", "correlation_id": "ord-1", "trace_id": "t-1"}


@pytest.fixture
def fake():
    servers = []

    def start(handler):
        server = FakeServer(handler)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def answering(*answers):
    """A handler that answers each request on a connection with the next of ``answers`` (the last one repeats)."""
    def handler(server, conn):
        n = 0
        while server.read(conn):
            conn.sendall(answers[min(n, len(answers) - 1)])
            n += 1
    return handler


def nowhere():
    """A loopback URL where nothing listens."""
    return "http://127.0.0.1:%d" % harness.free_port()


def test_a_service_that_is_down_blocks_with_fail_closed_error_saying_why():
    kernel = create_safety_kernel(None, {"url": nowhere()})
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"].startswith("cannot connect to http://127.0.0.1:")
    assert "Connection refused" in meta["error"]
    assert {k: meta[k] for k in ("symbol", "side", "correlation_id", "trace_id", "reduce_only", "fail_policy")} == \
        {"symbol": "BTCUSDT", "side": "BUY", "correlation_id": "ord-1", "trace_id": "t-1", "reduce_only": False,
         "fail_policy": "closed"}
    assert kernel.stats()["fail_closed"] == 1


def test_with_fail_policy_open_a_service_that_is_down_allows_with_fail_open_error():
    kernel = create_safety_kernel(None, {"url": nowhere(), "fail_policy": "open"})
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason, meta["fail_policy"]) == (True, "FAIL_OPEN_ERROR", "open")
    assert kernel.stats()["fail_open"] == 1
    assert kernel.stats()["fail_closed"] == 0


def test_a_service_that_never_answers_is_given_up_at_the_timeout(fake):
    server = fake(lambda s, conn: (s.read(conn), s.released.wait(30)))
    kernel = create_safety_kernel(None, {"url": server.url, "timeout_ms": 200})
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"] == "no answer within 200 ms"
    assert not server.released.is_set(), "answered while the server still held the request"


def test_the_timeout_bounds_the_whole_call_not_each_read(fake):
    """A server that sends one byte of its answer every 20 ms would keep a per-read timeout waiting for 4 s."""
    def drip(server, conn):
        server.read(conn)
        for _ in range(200):
            if server.released.wait(0.02):
                return
            conn.sendall(b"H")
        server.done.set()

    server = fake(drip)
    kernel = create_safety_kernel(None, {"url": server.url, "timeout_ms": 300})
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"] in ("no answer within 300 ms", "the timeout ran out before waiting for the answer")
    assert not server.done.is_set(), "the call waited for the whole drip"


@pytest.mark.parametrize("answer, error", [
    (http_answer(503, b'{"error":"queue full: 256 requests waiting"}', ["Retry-After: 1"]),
     "HTTP 503 from the service: queue full: 256 requests waiting"),
    (http_answer(500, b"boom"), "HTTP 500 from the service: boom"),
    (http_answer(200, b"<html>hello</html>"), "malformed answer from the service: b'<html>hello</html>'"),
    (http_answer(200, b'{"allowed":"yes","reason":"OK","meta":{}}'), "malformed answer from the service"),
    (b"SSH-2.0-OpenSSH_9.2\r\n\r\n", "malformed answer: not HTTP ('SSH-2.0-OpenSSH_9.2')"),
])
def test_an_answer_that_is_not_a_decision_follows_the_fail_policy(fake, answer, error):
    server = fake(answering(answer))
    closed = create_safety_kernel(None, {"url": server.url})
    allowed, reason, meta = closed.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"].startswith(error)
    opened = create_safety_kernel(None, {"url": server.url, "fail_policy": "open"})
    assert opened.should_publish_intent(**INTENT)[:2] == (True, "FAIL_OPEN_ERROR")


@pytest.mark.parametrize("status, error", [
    (401, "the service refused the credentials (HTTP 401): check QUANTUM_SAFETY_SERVICE_USER"),
    (404, "HTTP 404 from http://127.0.0.1:"),
])
def test_a_client_set_up_wrong_is_blocked_under_either_policy(fake, status, error):
    server = fake(answering(http_answer(status, b'{"error":"no"}')))
    for policy in ("closed", "open"):
        kernel = create_safety_kernel(None, {"url": server.url, "fail_policy": policy})
        allowed, reason, meta = kernel.should_publish_intent(**INTENT)
        assert (allowed, reason, meta["config_error"]) == (False, "FAIL_CLOSED_ERROR", True)
        assert meta["error"].startswith(error)
        assert kernel.stats()["config_errors"] == 1


def test_a_connection_the_service_closed_while_idle_is_retried_once(fake):
    def answer_then_close(server, conn):
        server.read(conn)
        conn.sendall(http_answer(200, decision_body()))
        conn.shutdown(socket.SHUT_RDWR)
        server.done.set()

    server = fake(answer_then_close)
    kernel = create_safety_kernel(None, {"url": server.url})
    assert kernel.should_publish_intent(**INTENT)[:2] == (True, "OK")
    assert server.done.wait(10)
    assert kernel.should_publish_intent(**INTENT)[:2] == (True, "OK")
    assert (server.accepted, len(server.requests)) == (2, 2)
    assert kernel.stats()["stale_retries"] == 1
    assert kernel.stats()["connections_opened"] == 2


def test_a_connection_that_ends_after_part_of_an_answer_is_not_retried(fake):
    def half_then_close(server, conn):
        server.read(conn)
        if server.accepted == 1:
            conn.sendall(http_answer(200, decision_body()))
            server.read(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{")
        conn.shutdown(socket.SHUT_RDWR)

    server = fake(half_then_close)
    kernel = create_safety_kernel(None, {"url": server.url})
    assert kernel.should_publish_intent(**INTENT)[:2] == (True, "OK")
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"] == "the service closed the connection without a complete answer"
    assert (server.accepted, kernel.stats()["stale_retries"]) == (1, 0)


def test_a_new_connection_closed_without_an_answer_is_not_retried(fake):
    server = fake(lambda s, conn: s.read(conn))
    kernel = create_safety_kernel(None, {"url": server.url})
    allowed, reason, meta = kernel.should_publish_intent(**INTENT)
    assert (allowed, reason) == (False, "FAIL_CLOSED_ERROR")
    assert meta["error"] == "the service closed the connection without a complete answer"
    assert server.accepted == 1


def test_a_chunked_answer_and_connection_close_are_understood(fake):
    body = decision_body(reason="OK", symbol="ETHUSDT")
    chunked = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (10, body[:10], len(body) - 10, body[10:])
    server = fake(answering(http_answer(200, chunked, ["Transfer-Encoding: chunked", "Connection: close"])))
    kernel = create_safety_kernel(None, {"url": server.url})
    for _ in range(2):
        assert kernel.should_publish_intent(**INTENT) == (True, "OK", {"symbol": "ETHUSDT"})
    assert server.accepted == 2, "Connection: close means a new connection for the next call"


def test_failures_are_logged_at_warning_level_once_a_minute_without_the_password(fake, caplog, tmp_path):
    server = fake(answering(http_answer(503, b'{"error":"shutting down"}')))
    secret = tmp_path / "password"
    secret.write_text(harness.TEST_PASSWORD)
    kernel = create_safety_kernel(None, {"url": server.url, "user": "router", "password_file": str(secret)})
    with caplog.at_level(logging.DEBUG, logger="safety_kernel"):
        results = [kernel.should_publish_intent(**INTENT) for _ in range(5)]
    assert {r[:2] for r in results} == {(False, "FAIL_CLOSED_ERROR")}
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "decision service at %s did not decide, FAIL_CLOSED_ERROR: HTTP 503 from the service: "
                    "shutting down" % server.url)]
    assert kernel.stats()["fail_closed"] == 5
    assert kernel.stats()["last_error"] == "HTTP 503 from the service: shutting down"
    assert harness.TEST_PASSWORD not in caplog.text + str(results) + str(kernel.stats())


def test_an_intent_that_is_not_json_is_refused_without_asking(fake):
    server = fake(answering(http_answer(200, decision_body())))
    kernel = create_safety_kernel(None, {"url": server.url})
    allowed, reason, meta = kernel.should_publish_intent(symbol=b"BTCUSDT", side="BUY")
    assert (allowed, reason) == (False, "INVALID_INTENT")
    assert "not JSON" in meta["error"]
    assert server.accepted == 0


def test_each_thread_keeps_its_own_connection(fake):
    server = fake(answering(http_answer(200, decision_body())))
    kernel = create_safety_kernel(None, {"url": server.url})
    barrier = threading.Barrier(3)
    results = []

    def work():
        barrier.wait(10)
        results.extend(kernel.should_publish_intent(**INTENT)[:2] for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [(True, "OK")] * 60
    assert server.accepted == 3
    assert kernel.stats()["connections_opened"] == 3


def test_the_request_is_plain_http_1_1_json_under_the_url_path_with_basic_auth(fake, tmp_path):
    server = fake(answering(http_answer(200, decision_body())))
    secret = tmp_path / "password"
    secret.write_text(harness.TEST_PASSWORD + "\r\n")
    kernel = create_safety_kernel(None, {"url": server.url + "/kernel/", "user": "router",
                                         "password_file": str(secret)})
    kernel.should_publish_intent(symbol="BTCUSDT", side="buy", correlation_id="ord-1", trace_id="t-1",
                                 reduce_only=True)
    head, _, body = server.requests[0].partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /kernel/v1/decide HTTP/1.1"
    assert sorted(lines[1:]) == sorted([
        "Host: 127.0.0.1:%d" % server.port, "User-Agent: quantum-safety-python", "Content-Type: application/json",
        "Authorization: Basic " + base64.b64encode(b"router:" + harness.TEST_PASSWORD.encode()).decode(),
        "Content-Length: %d" % len(body)])
    assert body == b'{"symbol":"BTCUSDT","side":"buy","reduce_only":true,"correlation_id":"ord-1","trace_id":"t-1"}'


def test_the_open_policy_is_capped_per_window_then_blocks():
    kernel = create_safety_kernel(None, {"url": nowhere(), "fail_policy": "open", "fail_open_max": "2",
                                         "fail_open_window_sec": "3600"})
    answers = [kernel.should_publish_intent(**INTENT) for _ in range(3)]
    assert [a[:2] for a in answers] == [(True, "FAIL_OPEN_ERROR"), (True, "FAIL_OPEN_ERROR"),
                                        (False, "FAIL_CLOSED_ERROR")]
    assert answers[2][2]["fail_open_capped"] is True
    assert "fail_open_capped" not in answers[0][2]
    stats = kernel.stats()
    assert (stats["fail_open"], stats["fail_closed"], stats["fail_open_capped"]) == (2, 1, 1)


def test_a_fail_open_cap_of_zero_never_allows():
    kernel = create_safety_kernel(None, {"url": nowhere(), "fail_policy": "open", "fail_open_max": 0})
    assert kernel.should_publish_intent(**INTENT)[:2] == (False, "FAIL_CLOSED_ERROR")


@pytest.mark.parametrize("key, value", [("fail_open_max", "-1"), ("fail_open_max", "many"),
                                        ("fail_open_window_sec", "0"), ("fail_open_max", True)])
def test_a_bad_fail_open_cap_is_refused_naming_the_key(key, value):
    with pytest.raises(ValueError, match=r"config\['%s'\]" % key):
        create_safety_kernel(None, {"url": nowhere(), key: value})

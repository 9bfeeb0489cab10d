"""One connection carries every call of a thread: counted by a proxy between the client and the real service."""

import threading

import pytest

import harness
from fakes import CountingProxy
from safety_kernel import create_safety_kernel


@pytest.fixture
def proxy(service):
    started = CountingProxy(service.port)
    yield started
    started.close()


def test_many_calls_share_one_connection(proxy, redis):
    kernel = create_safety_kernel(redis, {"url": proxy.url, "timeout_ms": harness.CLIENT_TIMEOUT_MS})
    decisions = [kernel.should_publish_intent(symbol="SYM%d" % (n % 10), side="BUY") for n in range(15)]
    decisions += kernel.decide_batch([{"symbol": "BTCUSDT", "side": "SELL"}] * 3)
    assert kernel.service_ready()[0] is True
    assert {d[:2] for d in decisions} == {(True, "OK")}
    assert proxy.accepted == 1
    assert kernel.stats()["connections_opened"] == 1


def test_each_thread_has_its_own_connection_and_a_closed_one_is_replaced(proxy, redis):
    kernel = create_safety_kernel(redis, {"url": proxy.url, "timeout_ms": harness.CLIENT_TIMEOUT_MS})
    barrier = threading.Barrier(2)
    results = []

    def work():
        barrier.wait(10)
        results.extend(kernel.should_publish_intent(symbol="ETHUSDT", side="BUY")[1] for _ in range(2))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == ["OK"] * 4
    assert proxy.accepted == 2

    assert kernel.should_publish_intent(symbol="SOLUSDT", side="BUY")[1] == "OK"
    kernel.close()
    assert kernel.should_publish_intent(symbol="SOLUSDT", side="BUY")[1] == "OK"
    assert proxy.accepted == 4

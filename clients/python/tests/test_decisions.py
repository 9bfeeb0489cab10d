"""Decisions through the real decision service on a real Redis: the answers, and what they leave in Redis."""

import time

import harness
from harness import LIMITS, fault_events, in_one_window

SAFE_MODE = "quantum:safety:safe_mode"
SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "ARBUSDT", "INJUSDT")


def rate_keys(redis):
    """The legacy rate counters (global and per symbol)."""
    return sorted(k for pattern in ("quantum:safety:rate:global:*", "quantum:safety:rate:symbol:*")
                  for k in redis.scan_iter(pattern))


def test_an_intent_within_the_limits_is_allowed_and_counted(kernel, redis):
    allowed, reason, meta = kernel.should_publish_intent(symbol="BTCUSDT", side="buy", correlation_id="ord-1",
                                                         trace_id="t-1")
    assert (allowed, reason) == (True, "OK")
    assert {k: meta[k] for k in ("symbol", "side", "correlation_id", "trace_id", "global_count", "symbol_count",
                                 "global_max", "symbol_max", "window_sec", "tripped", "safe_mode")} == {
        "symbol": "BTCUSDT", "side": "BUY", "correlation_id": "ord-1", "trace_id": "t-1", "global_count": 1,
        "symbol_count": 1, "global_max": 20, "symbol_max": 5, "window_sec": 3600, "tripped": False, "safe_mode": False}
    bucket = meta["bucket"]
    assert redis.get("quantum:safety:rate:global:%d" % bucket) == "1"
    assert redis.get("quantum:safety:rate:symbol:BTCUSDT:%d" % bucket) == "1"
    assert fault_events(redis) == []


def test_a_symbol_over_its_limit_trips_safe_mode_with_the_legacy_fault_event(kernel, redis):
    def scenario():
        return [kernel.should_publish_intent(symbol="ETHUSDT", side="sell", correlation_id="ord-%d" % n,
                                             trace_id="t-%d" % n) for n in range(LIMITS["symbol_max"] + 1)]

    before = int(time.time())
    decisions = in_one_window(redis, scenario)
    assert [d[:2] for d in decisions] == [(True, "OK")] * 5 + [(False, "SYMBOL_RATE_EXCEEDED")]
    assert decisions[-1][2]["tripped"] is True
    assert redis.get(SAFE_MODE) == "1"
    assert 0 < redis.ttl(SAFE_MODE) <= LIMITS["cooldown"]
    [event] = fault_events(redis)
    fields = harness.legacy_fields(event)
    assert before <= int(fields.pop("timestamp")) <= int(time.time())
    assert fields.pop("router_pid").isdigit()
    assert fields == {"reason": "SYMBOL_RATE_EXCEEDED", "symbol": "ETHUSDT", "side": "SELL", "global_count": "6",
                      "symbol_count": "6", "global_max": "20", "symbol_max": "5", "window_sec": "3600",
                      "cooldown_sec": "600", "correlation_id": "ord-5", "trace_id": "t-5"}


def test_after_a_trip_safe_mode_blocks_every_intent_without_counting_it(kernel, redis):
    """The legacy kernel's critical bug: after the first trip, every later intent was allowed."""
    def scenario():
        trip = [kernel.should_publish_intent(symbol="SOLUSDT", side="BUY") for _ in range(6)]
        counted = {k: redis.get(k) for k in rate_keys(redis)}
        after = [kernel.should_publish_intent(symbol=s, side="SELL") for s in SYMBOLS]
        return trip, counted, after

    trip, counted, after = in_one_window(redis, scenario)
    assert trip[-1][1] == "SYMBOL_RATE_EXCEEDED"
    assert [d[:2] for d in after] == [(False, "SAFE_MODE_ENABLED")] * 5
    assert all(d[2]["safe_mode"] is True and 0 < d[2]["safe_mode_ttl"] <= 600 for d in after)
    assert {k: redis.get(k) for k in rate_keys(redis)} == counted
    assert len(fault_events(redis)) == 1


def test_all_symbols_over_the_global_limit_trip_with_symbol_count_zero(kernel, redis):
    def scenario():
        within = [kernel.should_publish_intent(symbol=SYMBOLS[n % 5], side="BUY") for n in range(20)]
        return within, kernel.should_publish_intent(symbol="BTCUSDT", side="SELL", correlation_id="ord-21")

    within, over = in_one_window(redis, scenario)
    assert [d[:2] for d in within] == [(True, "OK")] * 20
    assert over[:2] == (False, "GLOBAL_RATE_EXCEEDED")
    [event] = fault_events(redis)
    assert {k: event[k] for k in ("reason", "symbol", "side", "global_count", "symbol_count", "correlation_id")} == {
        "reason": "GLOBAL_RATE_EXCEEDED", "symbol": "BTCUSDT", "side": "SELL", "global_count": "21",
        "symbol_count": "0", "correlation_id": "ord-21"}
    assert redis.get("quantum:safety:rate:symbol:BTCUSDT:%d" % over[2]["bucket"]) == "4", \
        "a global trip leaves the symbol counter alone"


def test_safe_mode_set_by_an_operator_blocks_and_counts_nothing(kernel, redis):
    redis.set(SAFE_MODE, "1", ex=120)
    allowed, reason, meta = kernel.should_publish_intent(symbol="BTCUSDT", side="BUY")
    assert (allowed, reason, meta["safe_mode"]) == (False, "SAFE_MODE_ENABLED", True)
    assert rate_keys(redis) == []
    assert fault_events(redis) == []


def test_reduce_only_intents_pass_safe_mode(kernel, redis):
    redis.set(SAFE_MODE, "1", ex=120)
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="SELL", reduce_only=True)[:2] == \
        (True, "REDUCE_ONLY_ALLOWED")
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="SELL")[:2] == (False, "SAFE_MODE_ENABLED")
    redis.delete(SAFE_MODE)
    allowed, reason, meta = kernel.should_publish_intent(symbol="BTCUSDT", side="SELL", reduce_only=True)
    assert (allowed, reason, meta["reduce_only"]) == (True, "OK", True)


def test_the_kill_switch_blocks_everything_reduce_only_too(kernel, redis):
    redis.set("quantum:kill", "1")
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="BUY")[:2] == (False, "KILL_SWITCH_ENGAGED")
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="SELL", reduce_only=True)[:2] == \
        (False, "KILL_SWITCH_ENGAGED")
    redis.set("quantum:kill", "0")
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="BUY")[:2] == (True, "OK")


def test_an_intent_the_service_refuses_is_invalid_and_counts_nothing(kernel, redis):
    allowed, reason, meta = kernel.should_publish_intent(symbol="BTCUSDT", side="HOLD", correlation_id="ord-9")
    assert (allowed, reason) == (False, "INVALID_INTENT")
    assert meta["error"] == "side 'HOLD' is not BUY or SELL"
    assert (meta["symbol"], meta["side"], meta["correlation_id"]) == ("BTCUSDT", "HOLD", "ord-9")
    missing = kernel.should_publish_intent(symbol=None, side="BUY")
    assert missing[:2] == (False, "INVALID_INTENT")
    assert "symbol" in missing[2]["error"]
    assert kernel.should_publish_intent(symbol="BTCUSDT", side="BUY", reduce_only="yes")[:2] == \
        (False, "INVALID_INTENT")
    assert rate_keys(redis) == []
    assert kernel.stats()["invalid_intent"] == 3
    assert kernel.stats()["fail_closed"] == 0


def test_a_batch_is_decided_in_order_and_one_invalid_intent_refuses_it_all(kernel, redis):
    def scenario():
        return kernel.decide_batch([{"symbol": "BTCUSDT", "side": "BUY", "correlation_id": "a"}] * 6
                                   + [{"symbol": "ETHUSDT", "side": "SELL", "reduce_only": False}])

    decided = in_one_window(redis, scenario)
    assert [d[:2] for d in decided] == [(True, "OK")] * 5 + [(False, "SYMBOL_RATE_EXCEEDED"),
                                                            (False, "SAFE_MODE_ENABLED")]
    assert [d[2]["symbol"] for d in decided] == ["BTCUSDT"] * 6 + ["ETHUSDT"]

    redis.flushall()
    refused = kernel.decide_batch([{"symbol": "BTCUSDT", "side": "BUY"}, {"symbol": "ETHUSDT", "side": "LONG"}])
    assert [d[:2] for d in refused] == [(False, "INVALID_INTENT")] * 2
    assert refused[0][2]["error"].startswith("intents[1].side")
    assert rate_keys(redis) == []
    assert kernel.decide_batch([]) == []


def test_the_service_says_when_it_is_ready(kernel):
    assert kernel.service_ready()[0] is True

"""Side by side with the legacy kernel (legacy contract section 2): one sequence of intents through the legacy
reference alone, through the legacy reference and the service taking turns on one Redis, and through the service
alone. Every decision agrees, and the service leaves the keys, counts, TTLs and fault fields the contract lists."""

import time

import pytest

import harness
from harness import LIMITS, fault_events, in_one_window
from legacy_safety_kernel import LegacySafetyKernel
from safety_kernel import create_safety_kernel

CLEAR = "operator clears SAFE MODE"
SEQUENCE = ([("BTCUSDT", "buy")] * 5 + [("ETHUSDT", "sell")] * 3 + [("SOLUSDT", "BUY")] * 3
            + [("BTCUSDT", "buy")]  # 6th BTCUSDT: symbol trip
            + [("ETHUSDT", "sell"), ("SOLUSDT", "buy")]  # during SAFE MODE
            + [CLEAR]
            + [("ARBUSDT", "buy")] * 4 + [("INJUSDT", "sell")] * 4  # global count 20
            + [("ETHUSDT", "buy")]  # 21st counted: global trip
            + [("ARBUSDT", "sell"), ("BTCUSDT", "buy"), ("INJUSDT", "buy")])  # during SAFE MODE
EXPECTED = ([(True, "OK")] * 11 + [(False, "SYMBOL_RATE_EXCEEDED")] + [(False, "SAFE_MODE_ENABLED")] * 2
            + [(True, "OK")] * 8 + [(False, "GLOBAL_RATE_EXCEEDED")] + [(False, "SAFE_MODE_ENABLED")] * 3)
COUNTS = {"BTCUSDT": "6", "ETHUSDT": "3", "SOLUSDT": "3", "ARBUSDT": "4", "INJUSDT": "4"}
LEGACY_ENV = {"SAFETY_WINDOW_SEC": str(LIMITS["window"]), "SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW":
              str(LIMITS["global_max"]), "SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW": str(LIMITS["symbol_max"]),
              "SAFETY_FAULT_COOLDOWN_SEC": str(LIMITS["cooldown"])}


@pytest.fixture
def legacy(redis):
    return LegacySafetyKernel(redis, LEGACY_ENV)


def run(redis, deciders):
    """The sequence, intent n through deciders[n % len(deciders)]: [(allowed, reason, decider, meta)]."""
    decisions = []
    for step in SEQUENCE:
        if step == CLEAR:
            redis.delete("quantum:safety:safe_mode")
            continue
        n = len(decisions)
        decider = deciders[n % len(deciders)]
        allowed, reason, meta = decider.should_publish_intent(symbol=step[0], side=step[1],
                                                              correlation_id="ord-%d" % n, trace_id="t-%d" % n)
        decisions.append((allowed, reason, decider, meta))
    return decisions


def legacy_state(redis):
    """The keys the legacy contract lists, with their values; and their TTLs."""
    keys = sorted(k for pattern in ("quantum:safety:rate:global:*", "quantum:safety:rate:symbol:*")
                  for k in redis.scan_iter(pattern)) + ["quantum:safety:safe_mode"]
    return {k: redis.get(k) for k in keys}, {k: redis.ttl(k) for k in keys}


def events_without_time_and_pid(redis):
    return [{k: v for k, v in harness.legacy_fields(e).items() if k not in ("timestamp", "router_pid")}
            for e in fault_events(redis)]


def test_the_service_decides_as_the_legacy_kernel_without_its_bug_and_writes_its_keys(legacy, kernel, redis):
    alone = in_one_window(redis, lambda: run(redis, [legacy]))
    legacy_values, _ = legacy_state(redis)
    legacy_events = events_without_time_and_pid(redis)

    start = int(time.time())
    mixed = in_one_window(redis, lambda: run(redis, [legacy, kernel]))
    values, ttls = legacy_state(redis)
    events = fault_events(redis)

    assert [d[:2] for d in alone] == EXPECTED
    assert [d[:2] for d in mixed] == EXPECTED
    symbol_trip, global_trip = mixed[11], mixed[22]
    assert (symbol_trip[2], global_trip[2]) == (kernel, legacy), "each implementation trips once"

    bucket = symbol_trip[3]["bucket"]
    assert {d[3]["bucket"] for d in mixed if "bucket" in d[3]} == {bucket}
    expected_values = dict({"quantum:safety:rate:global:%d" % bucket: "21", "quantum:safety:safe_mode": "1"},
                           **{"quantum:safety:rate:symbol:%s:%d" % (s, bucket): c for s, c in COUNTS.items()})
    assert values == expected_values
    assert legacy_values == {k.replace(str(bucket), str(alone[11][3]["bucket"])): v for k, v in values.items()}
    assert 0 < ttls.pop("quantum:safety:safe_mode") <= LIMITS["cooldown"]
    assert all(0 < ttl <= 2 * LIMITS["window"] + 2 for ttl in ttls.values()), ttls

    assert events_without_time_and_pid(redis) == legacy_events == [
        {"reason": "SYMBOL_RATE_EXCEEDED", "symbol": "BTCUSDT", "side": "BUY", "global_count": "12",
         "symbol_count": "6", "global_max": "20", "symbol_max": "5", "window_sec": "3600", "cooldown_sec": "600",
         "correlation_id": "ord-11", "trace_id": "t-11"},
        {"reason": "GLOBAL_RATE_EXCEEDED", "symbol": "ETHUSDT", "side": "BUY", "global_count": "21",
         "symbol_count": "0", "global_max": "20", "symbol_max": "5", "window_sec": "3600", "cooldown_sec": "600",
         "correlation_id": "ord-22", "trace_id": "t-22"}]
    ours_event = events[0]
    assert set(harness.LEGACY_FAULT_FIELDS) <= set(ours_event)
    assert start <= int(ours_event["timestamp"]) <= int(time.time()), "unix seconds"
    assert ours_event["router_pid"].isdigit()


def test_the_service_alone_leaves_what_the_legacy_kernel_leaves(legacy, kernel, redis):
    def both():
        legacy_run = run(redis, [legacy])
        legacy_after = legacy_state(redis)[0], events_without_time_and_pid(redis)
        redis.flushall()
        ours_run = run(redis, [kernel])
        return legacy_run, legacy_after, ours_run, (legacy_state(redis)[0], events_without_time_and_pid(redis))

    legacy_run, legacy_after, ours_run, ours_after = in_one_window(redis, both)
    assert [d[:2] for d in ours_run] == [d[:2] for d in legacy_run] == EXPECTED
    assert ours_after == legacy_after


def test_the_legacy_reference_reproduces_the_contract_without_the_decode_bug(legacy, redis):
    """With SAFE MODE on, the production kernel allowed every intent; the reference, like the service, blocks."""
    redis.set("quantum:safety:safe_mode", "1", ex=60)
    assert legacy.should_publish_intent("BTCUSDT", "buy")[:2] == (False, "SAFE_MODE_ENABLED")
    assert list(redis.scan_iter("quantum:safety:rate:*")) == []

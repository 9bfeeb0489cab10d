"""The legacy safety kernel's algorithm, as the legacy contract (section 2) describes it, for side-by-side tests.

Three round trips with redis-py: GET the SAFE MODE flag; INCR + EXPIRE the global counter; INCR + EXPIRE the
symbol counter. A trip is ``SET safe_mode "1" EX cooldown`` then ``XADD MAXLEN ~ 1000`` of the fault event. The bucket
is this process's wall clock over the window; any Redis error allows the intent (FAIL_OPEN_ERROR).

Kept faithful on purpose, bugs included (not atomic, local clock, silent fail-open), except the critical one: the
production kernel decoded the already-decoded flag, which threw on every call and fell into fail-open, so every
intent passed SAFE MODE. Here the flag is read whether the client decodes answers or not.
"""

import os
import time

import redis

SAFE_MODE_KEY = "quantum:safety:safe_mode"
FAULT_STREAM = "quantum:stream:safety.fault"
GLOBAL_KEY = "quantum:safety:rate:global:%d"
SYMBOL_KEY = "quantum:safety:rate:symbol:%s:%d"


class LegacySafetyKernel:

    def __init__(self, redis_client, environ=None):
        env = os.environ if environ is None else environ
        self.redis = redis_client
        self.window_sec = int(env.get("SAFETY_WINDOW_SEC", "10"))
        self.global_max = int(env.get("SAFETY_GLOBAL_MAX_INTENTS_PER_WINDOW", "20"))
        self.symbol_max = int(env.get("SAFETY_SYMBOL_MAX_INTENTS_PER_WINDOW", "5"))
        self.cooldown_sec = int(env.get("SAFETY_FAULT_COOLDOWN_SEC", "300"))
        self.safe_mode_default = env.get("SAFETY_SAFE_MODE_DEFAULT", "0") == "1"  # parsed, never used

    def should_publish_intent(self, symbol, side, correlation_id="", trace_id=""):
        side = side.upper()
        meta = {"symbol": symbol, "side": side, "global_max": self.global_max, "symbol_max": self.symbol_max,
                "window_sec": self.window_sec, "tripped": False}
        try:
            if self._safe_mode():
                return False, "SAFE_MODE_ENABLED", meta
            bucket = int(time.time()) // self.window_sec
            meta["bucket"] = bucket
            global_count = self._count(GLOBAL_KEY % bucket)
            meta["global_count"] = global_count
            if global_count > self.global_max:
                return self._trip("GLOBAL_RATE_EXCEEDED", meta, 0, correlation_id, trace_id)
            symbol_count = self._count(SYMBOL_KEY % (symbol, bucket))
            meta["symbol_count"] = symbol_count
            if symbol_count > self.symbol_max:
                return self._trip("SYMBOL_RATE_EXCEEDED", meta, symbol_count, correlation_id, trace_id)
            return True, "OK", meta
        except redis.RedisError as e:
            meta["error"] = str(e)
            return True, "FAIL_OPEN_ERROR", meta

    def _safe_mode(self):
        value = self.redis.get(SAFE_MODE_KEY)
        if isinstance(value, bytes):
            value = value.decode()
        return value == "1"

    def _count(self, key):
        pipe = self.redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.window_sec + 2)
        return pipe.execute()[0]

    def _trip(self, reason, meta, symbol_count, correlation_id, trace_id):
        self.redis.set(SAFE_MODE_KEY, "1", ex=self.cooldown_sec)
        self.redis.xadd(FAULT_STREAM, {
            "timestamp": str(int(time.time())), "reason": reason, "symbol": meta["symbol"], "side": meta["side"],
            "global_count": str(meta["global_count"]), "symbol_count": str(symbol_count),
            "global_max": str(self.global_max), "symbol_max": str(self.symbol_max),
            "window_sec": str(self.window_sec), "cooldown_sec": str(self.cooldown_sec),
            "router_pid": str(os.getpid()), "correlation_id": correlation_id, "trace_id": trace_id,
        }, maxlen=1000, approximate=True)
        meta["tripped"] = True
        return False, reason, meta

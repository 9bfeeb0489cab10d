#!/usr/bin/env python3
"""Times the Python client of the decision service next to a Redis PING from Python; prints one JSON object.

Run by ``quantum.safety.bench.DecisionServiceBench`` (``bench/run-service.sh``), which starts Redis and the service
and reads the JSON; by hand::

    python3 bench/python/decide_bench.py --service http://127.0.0.1:9106 --redis 127.0.0.1:6379 \\
        --client clients/python --warmup 2 --seconds 10
    python3 bench/python/decide_bench.py --service … --redis … --client … --profile 5   # cProfile of 1 client

Latency first: one client makes a raw-socket PING, a decision through ``safety_kernel.py`` and (when redis-py is
installed: the old in-process kernel's round trips went through it) a redis-py PING in turn, each timed on its own,
so that the ratios are not moved by the machine's drift between figures. Then each of PING and decision as its own
closed loop for calls per second: every client sends its next call when the previous one answered, warms up, then is
timed with ``time.perf_counter_ns`` from one common start to one common end, so calls per second is the count
divided by the seconds; 1 client, 8 threads (one interpreter, one GIL) and 8 processes (fork), with the CPU time per
call of this process and of those named by ``--pids``. Every answer must be ``(True, "OK", …)``; anything else makes
the bench refuse the run.
"""

import argparse
import array
import cProfile
import json
import multiprocessing
import os
import pstats
import socket
import sys
import threading
import time
import urllib.request

SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "BNBUSDT", "ADAUSDT")
PING = b"*1\r\n$4\r\nPING\r\n"
PONG = b"+PONG\r\n"
# Room for the processes to fork and connect before the common start.
START_SLACK_NS = 500_000_000
HISTOGRAM = "quantum_safety_service_decision_duration_seconds"


class RedisPing:
    """A raw-socket PING, the floor of a round trip from Python: no client library, no parsing beyond the reply."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), 5)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def __call__(self):
        self.sock.sendall(PING)
        reply = self.sock.recv(64)
        while not reply.endswith(b"\r\n"):
            reply += self.sock.recv(64)
        return reply == PONG


class RedisPyPing:
    """A PING through redis-py, the client the old in-process kernel made its three round trips with."""

    def __init__(self, host, port):
        import redis  # noqa: PLC0415 - optional: only when installed
        self.client = redis.Redis(host=host, port=port)

    def __call__(self):
        return self.client.ping() is True


class Decider:
    """One caller of ``should_publish_intent``, cycling through a few symbols like a router."""

    def __init__(self, kernel, n):
        self.kernel = kernel
        self.intents = [(s, side) for s in SYMBOLS for side in ("BUY", "SELL")]
        self.next = n % len(self.intents)
        self.correlation_id = "ord-bench-%d" % n
        self.trace_id = "trace-bench-%d" % n

    def __call__(self):
        symbol, side = self.intents[self.next]
        self.next = (self.next + 1) % len(self.intents)
        allowed, reason, _ = self.kernel.should_publish_intent(symbol, side, self.correlation_id, self.trace_id)
        return allowed and reason == "OK"


class CpuMeter:
    """CPU seconds used so far by the other processes of the run, from /proc; the service's JVM by thread group
    (Netty's I/O threads, the service's own threads, the rest: JIT, GC, …), so that its cost can be placed."""

    # Thread names as /proc shows them, cut to 15 characters: the service's own threads (decision, admin,
    # readiness) all read "quantum-safety-".
    GROUPS = (("multiThreadIoEv", "service_io"), ("quantum-safety-", "service_decide"))

    def __init__(self, pids):
        self.pids = pids
        self.tick = os.sysconf("SC_CLK_TCK")

    def read(self):
        """{(group, thread id): CPU seconds}."""
        used = {}
        for name, pid in self.pids.items():
            for tid in os.listdir("/proc/%d/task" % pid):
                try:
                    with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                        stat = f.read()
                except FileNotFoundError:
                    continue  # the thread ended
                comm, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat.rsplit(")", 1)[1].split()
                group = name
                if name == "service":
                    group = next((g for prefix, g in self.GROUPS if comm.startswith(prefix)), "service_other")
                used[(group, tid)] = (int(fields[11]) + int(fields[12])) / self.tick
        return used

    @staticmethod
    def since(before, after):
        """CPU seconds by group between two readings; a thread that ended in between is not counted."""
        groups = {}
        for (group, tid), seconds in after.items():
            groups[group] = groups.get(group, 0.0) + seconds - before.get((group, tid), 0.0)
        if any(g.startswith("service_") for g in groups):
            groups["service"] = sum(v for g, v in groups.items() if g.startswith("service_"))
        return groups


def loop(calls, warm_end, end):
    """Makes ``calls`` in turn until ``end``; returns (for each call the latencies in ns of those started after
    ``warm_end``, calls that failed, CPU seconds of this process while measuring)."""
    now = time.perf_counter_ns()
    i = 0
    while now < warm_end:
        calls[i]()
        i = (i + 1) % len(calls)
        now = time.perf_counter_ns()
    cpu = time.process_time()
    samples = [array.array("q") for _ in calls]
    failed = 0
    while now < end:
        ok = calls[i]()
        after = time.perf_counter_ns()
        samples[i].append(after - now)
        if not ok:
            failed += 1
        i = (i + 1) % len(calls)
        now = after
    return samples, failed, time.process_time() - cpu


def _sleep_until(t):
    left = t - time.perf_counter_ns()
    if left > 0:
        time.sleep(left / 1e9)


def in_threads(make_call, clients, warmup, seconds, meter):
    """Returns (per-client results, CPU seconds while measuring: this process and the metered ones)."""
    start = time.perf_counter_ns()
    warm_end = start + warmup * 1_000_000_000
    end = warm_end + seconds * 1_000_000_000
    results = [None] * clients

    def run(i):
        samples, failed, cpu = loop([make_call(i)], warm_end, end)
        results[i] = samples[0], failed, cpu

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    _sleep_until(warm_end)
    cpu, others = time.process_time(), meter.read()
    _sleep_until(end)
    cpu, others = time.process_time() - cpu, CpuMeter.since(others, meter.read())
    for t in threads:
        t.join()
    return results, dict(others, client=cpu)


def _process_main(make_call, i, warm_end, end, conn):
    samples, failed, cpu = loop([make_call(i)], warm_end, end)
    conn.send_bytes(samples[0].tobytes())
    conn.send((failed, cpu))
    conn.close()


def in_processes(make_call, clients, warmup, seconds, meter):
    # perf_counter_ns is CLOCK_MONOTONIC on Linux: one clock for every process.
    start = time.perf_counter_ns() + START_SLACK_NS
    warm_end = start + warmup * 1_000_000_000
    end = warm_end + seconds * 1_000_000_000
    context = multiprocessing.get_context("fork")
    workers = []
    for i in range(clients):
        parent, child = context.Pipe(duplex=False)
        p = context.Process(target=_process_main, args=(make_call, i, warm_end, end, child), daemon=True)
        p.start()
        child.close()
        workers.append((p, parent))
    _sleep_until(warm_end)
    others = meter.read()
    _sleep_until(end)
    others = CpuMeter.since(others, meter.read())
    results, cpu = [], 0.0
    for p, conn in workers:
        samples = array.array("q")
        samples.frombytes(conn.recv_bytes())
        failed, used = conn.recv()
        results.append((samples, failed, used))
        cpu += used
        p.join()
        if p.exitcode != 0:
            raise SystemExit("a measuring process exited with %s" % p.exitcode)
    return results, dict(others, client=cpu)


def in_turn(calls, warmup, seconds):
    """One client making ``calls`` in turn, each timed on its own: latencies measured at the same moments, so that a
    machine whose speed drifts hits them alike. Returns figures for each call (calls per second: its share)."""
    warm_end = time.perf_counter_ns() + warmup * 1_000_000_000
    samples, failed, _ = loop(calls, warm_end, warm_end + seconds * 1_000_000_000)
    if failed:
        raise SystemExit("%d calls in turn did not get the expected answer; the figures are invalid" % failed)
    return [figures(([(one, 0, 0.0)], {}), seconds) for one in samples]


def figures(measured, seconds):
    results, cpu = measured
    merged = sorted(s for samples, _, _ in results for s in samples)
    if not merged:
        raise SystemExit("no call completed in %s s" % seconds)

    def percentile(p):
        index = min(len(merged) - 1, max(0, -(-p * len(merged) // 100) - 1))
        return merged[index] / 1000.0

    return {"p50_us": percentile(50), "p99_us": percentile(99), "mean_us": sum(merged) / len(merged) / 1000.0,
            "per_second": len(merged) / seconds, "calls": len(merged),
            "failed": sum(failed for _, failed, _ in results),
            "cpu_us_per_call": {name: used / len(merged) * 1e6 for name, used in cpu.items()}}


def service_time(url):
    """(seconds, decisions) of the service's own decision histogram: request read to decision taken."""
    total, count = 0.0, 0
    with urllib.request.urlopen(url + "/metrics", timeout=5) as answer:
        for line in answer.read().decode("utf-8").splitlines():
            if line.startswith(HISTOGRAM + "_sum{"):
                total += float(line.rsplit(" ", 1)[1])
            elif line.startswith(HISTOGRAM + "_count{"):
                count += int(float(line.rsplit(" ", 1)[1]))
    return total, count


def profile(make_call, seconds):
    """cProfile of one client for ``seconds``, the top of the list by own time, to stderr."""
    call = make_call(0)
    profiler = cProfile.Profile()
    end = time.perf_counter_ns() + seconds * 1_000_000_000
    n = 0
    profiler.enable()
    while time.perf_counter_ns() < end:
        call()
        n += 1
    profiler.disable()
    print("%d calls in %d s under cProfile (its overhead inflates every figure)" % (n, seconds), file=sys.stderr)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", required=True, help="the decision service's base URL")
    parser.add_argument("--redis", required=True, help="host:port of the Redis the service uses")
    parser.add_argument("--client", required=True, help="the folder holding safety_kernel.py")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pids", default="", metavar="NAME=PID,…",
                        help="processes whose CPU time per call is reported, e.g. service=123,redis=456")
    parser.add_argument("--profile", type=int, default=0, metavar="SECONDS",
                        help="only profile one client for this long (cProfile, to stderr)")
    args = parser.parse_args()

    sys.path.insert(0, os.path.abspath(args.client))
    import safety_kernel  # noqa: E402 - the path is an argument

    host, _, port = args.redis.rpartition(":")
    meter = CpuMeter({name: int(pid) for name, _, pid in (p.partition("=") for p in args.pids.split(",") if p)})
    kernel = safety_kernel.create_safety_kernel(None, {"url": args.service})

    def ping(_):
        return RedisPing(host, int(port))

    def decide(i):
        return Decider(kernel, i)

    if args.profile:
        profile(decide, args.profile)
        return

    def both(name, make_call):
        """1 client, then 8 threads and 8 processes; for decisions, the service's own mean next to the 1 client."""
        before = service_time(args.service)
        one = figures(in_threads(make_call, 1, args.warmup, args.seconds, meter), args.seconds)
        after = service_time(args.service)
        if after[1] > before[1]:
            # The warm-up's decisions are in it too: same client, same path.
            one["service_mean_us"] = (after[0] - before[0]) / (after[1] - before[1]) * 1e6
        result = {"1": one,
                  "threads": figures(in_threads(make_call, args.clients, args.warmup, args.seconds, meter),
                                     args.seconds),
                  "processes": figures(in_processes(make_call, args.clients, args.warmup, args.seconds, meter),
                                       args.seconds)}
        print("%s done" % name, file=sys.stderr)
        return result

    out = {"python": sys.version.split()[0], "clients": args.clients, "seconds": args.seconds}
    turn = {"ping": RedisPing(host, int(port)), "decide": Decider(kernel, 0)}
    try:
        import redis  # noqa: PLC0415 - optional
        turn["redis_py"] = RedisPyPing(host, int(port))
        out["redis_py_version"] = redis.__version__
    except ImportError:
        print("redis-py is not installed: no redis-py PING figure", file=sys.stderr)
    out["in_turn"] = dict(zip(turn, in_turn(list(turn.values()), args.warmup, args.seconds)))
    print("in turn done", file=sys.stderr)
    out["ping"] = both("ping", ping)
    out["decide"] = both("decide", decide)
    if "redis_py" in turn:
        out["redis_py"] = figures(in_threads(lambda _: RedisPyPing(host, int(port)), 1, args.warmup, args.seconds,
                                             meter), args.seconds)
    out["client_stats"] = kernel.stats()
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()

"""Per-call cost of safety_kernel.py next to the standard library's http.client, measured side by side in one run.

Against a decision service on a Redis you may fill (never production: every call is a counted decision), with limits
high enough that nothing trips, e.g.::

    redis-server --port 6390 --save '' &
    ./quantum-safety kernel serve --redis.addr=redis://127.0.0.1:6390 --web.listen-address=127.0.0.1:9190 \\
        --global-max=100000000 --symbol-max=100000000 &
    python3 clients/python/bench_client.py --url=http://127.0.0.1:9190 --calls=3000

Prints, for each way of calling, the median and 99th percentile wall time of one call and the client's own CPU time
per call (what the router's process spends; the rest is the network and the service), and the ratios to
safety_kernel.py. Rounds alternate between the ways so that drift of the machine hits them alike.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from safety_kernel import create_safety_kernel  # noqa: E402


def safety_kernel_client(url):
    kernel = create_safety_kernel(None, {"url": url, "timeout_ms": 5000})

    def call(n):
        allowed, reason, _ = kernel.should_publish_intent(symbol="BENCH%d" % (n % 50), side="BUY",
                                                          correlation_id="ord-%d" % n)
        return reason
    return call


def http_client(url, keep_alive):
    parts = urlsplit(url)
    holder = {}

    def call(n):
        conn = holder.get("conn") if keep_alive else None
        if conn is None:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            holder["conn"] = conn
        body = json.dumps({"symbol": "BENCH%d" % (n % 50), "side": "BUY", "correlation_id": "ord-%d" % n})
        conn.request("POST", "/v1/decide", body, {"Content-Type": "application/json"})
        reason = json.loads(conn.getresponse().read())["reason"]
        if not keep_alive:
            conn.close()
        return reason
    return call


def measure(call, calls, offset):
    walls = []
    cpu = time.process_time()
    for n in range(offset, offset + calls):
        start = time.perf_counter()
        reason = call(n)
        walls.append(time.perf_counter() - start)
        if reason != "OK":
            sys.exit("a decision was %s, not OK: give the service limits nothing reaches (see --help)" % reason)
    return walls, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("QUANTUM_SAFETY_SERVICE_URL", "http://127.0.0.1:9106"))
    parser.add_argument("--calls", type=int, default=3000, help="calls per way of calling")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    ways = {"safety_kernel.py (keep-alive)": safety_kernel_client(args.url),
            "http.client, keep-alive": http_client(args.url, True),
            "http.client, a connection per call": http_client(args.url, False)}
    for call in ways.values():  # warm up the service and each client
        measure(call, 200, 0)
    walls = {name: [] for name in ways}
    cpu = {name: 0.0 for name in ways}
    per_round = max(1, args.calls // args.rounds)
    for r in range(args.rounds):
        for name, call in ways.items():
            w, c = measure(call, per_round, r * per_round)
            walls[name] += w
            cpu[name] += c
    base = None
    print("%-36s %10s %10s %14s %8s" % ("", "median", "p99", "client CPU", "ratio"))
    for name in ways:
        ordered = sorted(walls[name])
        median = statistics.median(ordered)
        p99 = ordered[int(len(ordered) * 0.99) - 1]
        per_call_cpu = cpu[name] / len(ordered)
        base = base or (median, per_call_cpu)
        print("%-36s %8.0f us %8.0f us %11.0f us   %4.2fx wall  %4.2fx CPU" % (
            name, median * 1e6, p99 * 1e6, per_call_cpu * 1e6, median / base[0], per_call_cpu / base[1]))


if __name__ == "__main__":
    main()

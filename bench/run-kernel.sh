#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the kernel benchmark: decide() next to a Redis PING, latency
# (p50/p99, 1 thread) and throughput (1 and 8 threads), against a redis-server it starts itself.
#   bench/run-kernel.sh [warmup-seconds] [measure-seconds] [iterations]     (defaults 3 5 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$here" && mvn -B -q -DskipTests -pl bench -am package)
exec java -jar "$here/bench/target/benchmarks.jar" "$@"

#!/usr/bin/env bash
# This exporter as packaged next to redis_exporter, with their floors, side by side in one run: builds the jar
# (cli/target/quantum-safety.jar) and bench/target/benchmarks.jar, then runs ExporterComparison against a redis-server
# it starts itself. For each mode (kernel: this kernel's state with its ranking ZSET; legacy: the old kernel's, legacy
# per-symbol counters only and 50,000 unrelated keys) and each number of active symbols, one after the other: the
# exporter started as its systemd unit starts it, its /-/healthy, redis_exporter reading the same keys, and a Redis
# PING, each paced at 20 requests/s with Prometheus' headers after a warm-up. Prints one Markdown table (p50, p99,
# p99 ÷ /-/healthy p99, CPU and Redis cost per request, RssAnon / RssFile) and the machine line.
#   bench/run-exporter.sh [seconds] [warm-up seconds] [sizes] [modes]   (defaults 30 20 10,1000,10000 kernel,legacy:
#                                                                         about 20 minutes)
# redis_exporter is Debian's prometheus-redis-exporter: installed here with apt-get when it is missing (needs root);
# without it, its rows say "skipped" and the rest runs. QUANTUM_SAFETY_BENCH_REDIS_EXPORTER=<binary> runs another build
# of it instead (nothing is installed then).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [[ -z "${QUANTUM_SAFETY_BENCH_REDIS_EXPORTER:-}" && ! -x /usr/bin/prometheus-redis-exporter ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "installing redis_exporter: apt-get install -y prometheus-redis-exporter" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus-redis-exporter >&2 \
      || echo "could not install prometheus-redis-exporter: its rows will be skipped" >&2
  else
    echo "prometheus-redis-exporter is missing and installing it needs root" \
      "(sudo apt-get install prometheus-redis-exporter): its rows will be skipped" >&2
  fi
fi
mvn -B -q -DskipTests -pl bench,cli -am package
exec java -cp "$here/bench/target/benchmarks.jar" quantum.safety.bench.ExporterComparison "$@"

#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the decision service benchmark: a Redis PING from Java and from Python,
# SafetyKernel.decide() in-process, and a decision through the service from Java and from the Python client
# (clients/python/safety_kernel.py), side by side in one run against a redis-server it starts itself: p50/p99 with
# 1 client (each client's calls in turn, and each call on its own), with 8 clients, calls per second with 1 and 8
# clients (Python: 8 threads and 8 processes), where a decision's time goes, CPU time per call.
#   bench/run-service.sh [warmup-seconds] [measure-seconds]        (defaults 2 10: about 4 minutes)
# JAVA_OPTS passes JVM flags (e.g. a flight recording of the service: -XX:StartFlightRecording=filename=svc.jfr);
# QUANTUM_SAFETY_BENCH_PYTHON names the interpreter (default python3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests -pl bench -am package
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec java ${JAVA_OPTS:-} -cp "$here/bench/target/benchmarks.jar" quantum.safety.bench.DecisionServiceBench "$@"

#!/usr/bin/env bash
# Builds the runnable jar and bench/target/benchmarks.jar, then runs the audit archive benchmark: the archive as its
# systemd unit starts it, against a Redis and a PostgreSQL it starts itself (PostgreSQL server binaries needed:
# apt-get install postgresql), under bursts of audit events written through the kernel's own write path: events
# archived per second, the lag of the last event, resident memory.
#   bench/run-archive.sh [events] [rounds]        (defaults 10000 3: about a minute)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests -pl bench,cli -am package
exec java -cp "$here/bench/target/benchmarks.jar" quantum.safety.bench.ArchiveBench "$@"

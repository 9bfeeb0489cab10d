#!/usr/bin/env bash
# Kernel latency before and after a change, side by side in one run: builds bench/target/benchmarks.jar for BASE
# (a git revision, in a temporary worktree) and for the working tree, then runs KernelBenchmark's decide and ping
# latency (JMH SampleTime, 1 thread) alternately, ROUNDS times each, and prints decide p50, PING p50 and their ratio
# per run, and the median ratio of each build.
#   bench/compare-kernel.sh BASE [ROUNDS]        e.g. bench/compare-kernel.sh HEAD~5 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:?usage: bench/compare-kernel.sh BASE [ROUNDS]}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$here" worktree add -q --detach "$work/base" "$base"
(cd "$work/base" && mvn -B -q -DskipTests -pl bench -am package)
cp "$work/base/bench/target/benchmarks.jar" "$work/before.jar"
(cd "$here" && mvn -B -q -DskipTests -pl bench -am package)
cp "$here/bench/target/benchmarks.jar" "$work/after.jar"

run() { # jar label round
  java -cp "$1" org.openjdk.jmh.Main -bm sample -tu us -f 1 -wi 2 -w 3 -i 3 -r 5 -t 1 -rf json -rff "$work/$2-$3.json" \
    'KernelBenchmark\.(decide|ping)$' >"$work/$2-$3.log" 2>&1 || { tail -20 "$work/$2-$3.log"; exit 1; }
}
for r in $(seq 1 "$rounds"); do
  run "$work/before.jar" before "$r"
  run "$work/after.jar" after "$r"
done

python3 - "$work" "$rounds" "$base" <<'PY'
import json, statistics, sys
work, rounds, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def p50(path, name):
    for b in json.load(open(path)):
        if b["benchmark"].endswith("." + name):
            return b["primaryMetric"]["scorePercentiles"]["50.0"]
print(f"| run | build | decide p50 (µs) | PING p50 (µs) | decide / PING |")
print("|---:|---|---:|---:|---:|")
ratios = {"before": [], "after": []}
for r in range(1, rounds + 1):
    for label in ("before", "after"):
        f = f"{work}/{label}-{r}.json"
        d, p = p50(f, "decide"), p50(f, "ping")
        ratios[label].append(d / p)
        name = f"before ({base})" if label == "before" else "after (working tree)"
        print(f"| {r} | {name} | {d:.1f} | {p:.1f} | {d / p:.2f} |")
b, a = statistics.median(ratios["before"]), statistics.median(ratios["after"])
print(f"\nmedian decide/PING: before {b:.2f}, after {a:.2f}; after/before {a / b:.3f}")
PY

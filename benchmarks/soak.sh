#!/usr/bin/env bash
# Soak benchmark of the collector, as docs/benchmarks.md reports it (not run in CI: it takes as
# long as it is told to).
#   benchmarks/soak.sh [RATE=18000] [MINUTES=30] [INTERVAL_SECONDS=60]
# Needs `mvn -B -DskipTests package` first. Starts the collector jar on free ports with a fresh
# store under benchmarks/target/soak/, then io.touchline.bench.Soak against it: OTLP/HTTP ingest
# at RATE touchpoints/s, one analyst asking the views in turn, four live streams; a line per
# interval with the rate kept, p50/p99s, heap after a full GC, RSS and threads.
# COLLECTOR_OPTS passes JVM options (default -Xmx6g), COLLECTOR_JAR another build.
set -euo pipefail
RATE=${1:-18000}; MINUTES=${2:-30}; INTERVAL=${3:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${COLLECTOR_JAR:-$ROOT/collector/target/touchline-collector.jar}
BENCH=$ROOT/benchmarks/target/benchmarks.jar
D=$ROOT/benchmarks/target/soak
rm -rf "$D"; mkdir -p "$D"
printf 'otlp:\n  grpcPort: 0\n  httpPort: 0\napi:\n  port: 0\nstorage:\n  path: %s/data\n' "$D" > "$D/collector.yaml"
java ${COLLECTOR_OPTS:--Xmx6g} -jar "$JAR" --config "$D/collector.yaml" > "$D/collector.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "ready" "$D/collector.log" 2>/dev/null && break; sleep 0.5; done
READY=$(grep "ready" "$D/collector.log") || { cat "$D/collector.log"; exit 1; }
OTLP=$(sed 's/.*otlp-http=\([^ ]*\).*/\1/' <<< "$READY"); API=$(sed 's/.*api=\([^ ]*\).*/\1/' <<< "$READY")
java -cp "$BENCH" io.touchline.bench.Soak --otlp "$OTLP" --api "$API" --pid "$PID" \
  --rate "$RATE" --minutes "$MINUTES" --interval "$INTERVAL"
echo "collector log (errors):"; grep -v "ingest:" "$D/collector.log" | tail -20 || true
du -sh "$D/data"

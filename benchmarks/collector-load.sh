#!/usr/bin/env bash
# Ingest and lookup benchmark of the collector, as docs/benchmarks.md reports it.
#   benchmarks/collector-load.sh TOUCHPOINTS PROFILES [LOOKUPS] [CLIENTS]
# Needs `mvn -B -DskipTests package` first. Starts the collector jar on free ports with a fresh
# store under benchmarks/target/collector-load/, drives IngestLoad against it, then lookups, and
# prints the collector's peak RSS. COLLECTOR_OPTS passes JVM options (e.g. -Xmx1g); COLLECTOR_JAR another
# build of the collector (to compare two versions side by side). Then the
# analyst views are timed (ViewLoad, VIEW_ROUNDS rounds, default 20; VIEW_ROUNDS=0 skips them).
# DATA=realistic sends the journey generator's history of PROFILES customers (at most 999,999; its
# first TOUCHPOINTS touchpoints, encoded before the clock starts) instead of the uniform load data.
set -euo pipefail
N=${1:?touchpoints}; P=${2:?profiles}; K=${3:-2000}; C=${4:-4}; DATA=${DATA:-uniform}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${COLLECTOR_JAR:-$ROOT/collector/target/touchline-collector.jar}
BENCH=$ROOT/benchmarks/target/benchmarks.jar
D=$ROOT/benchmarks/target/collector-load/$N-$P$([ "$DATA" = uniform ] || echo "-$DATA")
rm -rf "$D"; mkdir -p "$D"
printf 'otlp:\n  grpcPort: 0\n  httpPort: 0\napi:\n  port: 0\nstorage:\n  path: %s/data\n' "$D" > "$D/collector.yaml"
/usr/bin/time -f "collector peak RSS %M KB, %e s wall" -o "$D/time.txt" \
  java ${COLLECTOR_OPTS:-} -jar "$JAR" --config "$D/collector.yaml" > "$D/collector.log" 2>&1 &
TIMED=$!
for _ in $(seq 120); do grep -q "ready" "$D/collector.log" 2>/dev/null && break; sleep 0.5; done
READY=$(grep "ready" "$D/collector.log") || { cat "$D/collector.log"; exit 1; }
OTLP=$(sed 's/.*otlp-http=\([^ ]*\).*/\1/' <<< "$READY"); API=$(sed 's/.*api=\([^ ]*\).*/\1/' <<< "$READY")
java -cp "$BENCH" io.touchline.bench.IngestLoad ingest --otlp "$OTLP" --touchpoints "$N" --clients "$C" \
  --batch 512 --profiles "$P" --seed 42 --data "$DATA" --spool "$D"
java -cp "$BENCH" io.touchline.bench.IngestLoad lookup --api "$API" --touchpoints "$N" --profiles "$P" \
  --lookups "$K" --seed 42 --data "$DATA"
if [ "${VIEW_ROUNDS:-20}" != 0 ]; then
  java -cp "$BENCH" io.touchline.bench.ViewLoad --api "$API" --rounds "${VIEW_ROUNDS:-20}" --data "$DATA"
fi
curl -s "$API/metrics" | grep -E '^touchline_(commit_seconds_(sum|count)|database_bytes)'
# Identity coverage and how much deciding the identity rules did (identityWork, docs/api.md).
echo "stats: $(curl -s "$API/api/stats")"
kill "$(pgrep -P "$TIMED" java)"; wait "$TIMED" || true
cat "$D/time.txt"
# Restart to ready on the same store: the ready line (lookups answer) and the views' load line.
START=$(date +%s.%N)
java ${COLLECTOR_OPTS:-} -jar "$JAR" --config "$D/collector.yaml" > "$D/restart.log" 2>&1 &
RESTARTED=$!
for _ in $(seq 2400); do grep -q "ready" "$D/restart.log" 2>/dev/null && break; sleep 0.05; done
READY_AT=$(date +%s.%N)
for _ in $(seq 2400); do grep -q "analyst views" "$D/restart.log" 2>/dev/null && break; sleep 0.05; done
VIEWS_AT=$(date +%s.%N)
awk -v s="$START" -v r="$READY_AT" -v v="$VIEWS_AT" 'BEGIN { printf "restart: ready after %.1f s, analyst views after %.1f s\n", r - s, v - s }'
grep "analyst views" "$D/restart.log" || true
kill "$RESTARTED"; wait "$RESTARTED" || true

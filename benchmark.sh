#!/usr/bin/env bash
# Measures Tend on this machine and prints the figures (nothing here is a pass/fail test):
#   1. the local stack's start-up time and total memory (H2-backed store, as run-local.sh runs it),
#   2. end-to-end latency p50/p99 from a command accepted at the gateway to its effect in the progress projection,
#   3. the progress projection's rebuild rate over 100,000 events on mongo-java-server's memory and H2 backends,
#      each beside that store's own bulk-upsert rate measured in the same run.
#
#   ./benchmark.sh [journeys=1000] [concurrency=4] [rebuild-events=100000]
#   BENCH_SKIP_BUILD=1 ./benchmark.sh      reuse the jars built last time
set -euo pipefail
cd "$(dirname "$0")"
journeys="${1:-1000}"
concurrency="${2:-4}"
events="${3:-100000}"
if [ -x ./mvnw ]; then mvn_cmd=./mvnw; else mvn_cmd=mvn; fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building (tests skipped)"
  "$mvn_cmd" -B -q -ntp -DskipTests install
fi

echo "== platform: start-up, memory, end-to-end latency ($journeys journeys, concurrency $concurrency)"
java -Xmx512m -Dloader.main=org.tend.local.bench.PlatformBenchmark \
  -jar local-stack/target/local-stack-*-exec.jar "$journeys" "$concurrency"

echo "== progress projection rebuild ($events events)"
"$mvn_cmd" -B -q -ntp -pl progress-service test-compile exec:exec -Dbench.events="$events"

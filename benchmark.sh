#!/usr/bin/env bash
# Measures Tend on this machine and prints the figures (nothing here is a pass/fail test):
#   1. the local stack's start-up time and total memory (H2-backed store, as run-local.sh runs it),
#   2. end-to-end latency p50/p99 from a command accepted at the gateway to its effect in the progress projection,
#   3. the progress projection's rebuild rate over 100,000 events on mongo-java-server's memory and H2 backends,
#      each beside that store's own bulk-upsert rate measured in the same run.
#
#   ./benchmark.sh [journeys=1000] [concurrency=4] [rebuild-events=100000]
#   BENCH_SKIP_BUILD=1 ./benchmark.sh      reuse the jars built last time
#
#   ./benchmark.sh sealing [events=200000] [rounds=5]
#     what sealing personal data with each participant's key costs per stored event (SealingBenchmark, issue 10):
#     Axon's serializer writing and reading a completed PHQ-9, with and without sealing, as a ratio.
#
#   ./benchmark.sh erasure [participants=5] [events=100]
#     how long one erasure takes to reach every store (ErasureBenchmark, issue 10): participants with >= 100 stored
#     events each, all stored first, then erased one by one through the gateway; time until every store confirmed.
#
#   ./benchmark.sh e2e-sealing [journeys=500] [concurrency=4] [rounds=2]
#     what sealing the records on the topics costs end to end (SealingLatencyBenchmark, issue 10): the stack with
#     records sealed and the same stack publishing them in the clear (local profile only), alternated, p50/p99 ratios.
#
#   ./benchmark.sh rebuild-sealing [events=50000] [rounds=3]
#     what sealing the records on the topics costs progress's rebuild (SealedRebuildBenchmark, issue 10): the same
#     records in the clear and sealed with each participant's key, rebuilt alternately, as a ratio.
#
#   ./benchmark.sh store [sizes=10000,100000,1000000] [backends=memory,h2] [h2-max=100000]
#     Axon's per-command findDomainEvents and per-poll tracking query on the embedded store as the event collection
#     grows, with mongo-java-server's stock backends and with Tend's indexes (embedded-store, issue 9).
#
#   ./benchmark.sh insights [--quick] [--participants=50000] [--months=24] [--clients=1,4] [--requests=300]
#                           [--load-rate=200] [--h2] [--no-replay] [--service-jvm="-Xmx1536m ..."]
#     the HR insights figures of issue 8 (InsightsBenchmark): a programme seeded in bulk onto the topics, ingest
#     events/s, HR query p50/p99/max per kind (direct and through the gateway, stored and under load) against the
#     50 ms target, and the insights rebuild beside progress's. --quick: 2,000 participants x 12 months.
#
#   ./benchmark.sh load [--quick] [--rates=10,25,50,100,150,200,300] [--step-seconds=30] [--warmup-seconds=30]
#                       [--stored=0,10000,100000] [--practitioners=24] [--memory] [--service-jvm="-Xmx640m ..."]
#                       [--max-error-ratio=0.05] [--consume-seconds=600] [--out=target/load-benchmark.md]
#     the sustained-load figures of issue 9 (LoadBenchmark): open-model participant sessions (enrol, PHQ-9, GAD-7,
#     WHO-5, recommendations, goal, rating, journey) and practitioner reads through the gateway at each arrival rate
#     until p99 of completed assessments passes 250 ms, at each stored volume (seeded in bulk into assessment's event
#     store and onto the topics); command -> projection lag, time to current after the load, the gateway's share of a
#     direct read. Prints the table beside the targets and writes it to target/load-benchmark.md.
#     --quick: a smoke run (rates 5 and 15 assessments/s, stored 0 and 2,000).
set -euo pipefail
cd "$(dirname "$0")"
if [ -x ./mvnw ]; then mvn_cmd=./mvnw; else mvn_cmd=mvn; fi

if [ "${1:-}" = sealing ]; then
  # What sealing personal data costs where every stored event passes (platform-plumbing's SealingBenchmark): Axon's
  # Jackson serializer with and without SealingSerializer, alternated in one run.
  shift
  "$mvn_cmd" -B -q -pl platform-plumbing -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
  exec java -Xmx1g \
    -cp "platform-plumbing/target/test-classes:platform-plumbing/target/classes:$(cat platform-plumbing/target/test.classpath)" \
    org.tend.plumbing.bench.SealingBenchmark "${1:-200000}" "${2:-5}"
fi

if [ "${1:-}" = erasure ]; then
  shift
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the services' and the local stack's jars (tests skipped)"
    "$mvn_cmd" -B -q -ntp -DskipTests package \
      -pl assessment-service,catalogue-service,goal-service,progress-service,insights-service,gateway,local-stack -am
  fi
  exec java -Xmx${BENCH_LAUNCHER_HEAP:-2g} -Dloader.main=org.tend.local.bench.ErasureBenchmark \
    -jar local-stack/target/local-stack-*-exec.jar "$@"
fi

if [ "${1:-}" = e2e-sealing ]; then
  shift
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the services' and the local stack's jars (tests skipped)"
    "$mvn_cmd" -B -q -ntp -DskipTests package \
      -pl assessment-service,catalogue-service,goal-service,progress-service,insights-service,gateway,local-stack -am
  fi
  exec java -Xmx512m -Dloader.main=org.tend.local.bench.SealingLatencyBenchmark \
    -jar local-stack/target/local-stack-*-exec.jar "$@"
fi

if [ "${1:-}" = rebuild-sealing ]; then
  shift
  "$mvn_cmd" -B -q -pl progress-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
  exec java -Xmx2g \
    -cp "progress-service/target/test-classes:progress-service/target/classes:$(cat progress-service/target/test.classpath)" \
    org.tend.progress.bench.SealedRebuildBenchmark "${1:-50000}" "${2:-3}"
fi

if [ "${1:-}" = store ]; then
  # Axon's findDomainEvents and tracking query on mongo-java-server with and without Tend's indexes (embedded-store's
  # IndexBenchmark), at each size given; H2 only up to the third argument (it writes about 2k documents/s).
  shift
  "$mvn_cmd" -B -q -pl embedded-store -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
  exec java -Xmx6g -XX:+UseParallelGC \
    -cp "embedded-store/target/test-classes:embedded-store/target/classes:$(cat embedded-store/target/test.classpath)" \
    org.tend.embeddedstore.IndexBenchmark "${1:-10000,100000,1000000}" "${2:-memory,h2}" "${3:-100000}"
fi

if [ "${1:-}" = insights ]; then
  shift
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the services' and the local stack's jars (tests skipped)"
    "$mvn_cmd" -B -q -ntp -DskipTests package \
      -pl progress-service,insights-service,gateway,local-stack -am
  fi
  # The launcher JVM holds the embedded MongoDB: with the memory backend every stored event is on its heap.
  exec java -Xmx${BENCH_LAUNCHER_HEAP:-6g} -Dloader.main=org.tend.local.bench.InsightsBenchmark \
    -jar local-stack/target/local-stack-*-exec.jar "$@"
fi

if [ "${1:-}" = load ]; then
  # The sustained-load benchmark of issue 9 (LoadBenchmark): the whole stack, open-model load through the gateway.
  shift
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the services' and the local stack's jars (tests skipped)"
    "$mvn_cmd" -B -q -ntp -DskipTests package \
      -pl assessment-service,catalogue-service,goal-service,progress-service,insights-service,gateway,local-stack -am
  fi
  # The launcher JVM holds the embedded store (H2 pages, or every document with --memory) and the load generator.
  exec java -Xmx${BENCH_LAUNCHER_HEAP:-3g} -XX:+UseParallelGC -Dloader.main=org.tend.local.bench.LoadBenchmark \
    -jar local-stack/target/local-stack-*-exec.jar "$@"
fi

journeys="${1:-1000}"
concurrency="${2:-4}"
events="${3:-100000}"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building (tests skipped)"
  "$mvn_cmd" -B -q -ntp -DskipTests install
fi

echo "== platform: start-up, memory, end-to-end latency ($journeys journeys, concurrency $concurrency)"
java -Xmx512m -Dloader.main=org.tend.local.bench.PlatformBenchmark \
  -jar local-stack/target/local-stack-*-exec.jar "$journeys" "$concurrency"

echo "== progress projection rebuild ($events events)"
"$mvn_cmd" -B -q -ntp -pl progress-service test-compile exec:exec -Dbench.events="$events"

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
#   ./benchmark.sh cluster [seconds=60] [clients=8] [warmup-seconds=20]
#     issue 12 (ClusterBenchmark): throughput and p50/p99 of the end-to-end path (a PHQ-9 through the gateway until the
#     journey shows it) with one broker without security, one broker (SASL, ACLs), three brokers (replication factor 3,
#     two in sync) and three brokers with two instances of every service, each started in turn; ratios printed.
#
#   ./benchmark.sh drills [participants=24] [writers=3]
#     issue 12 (ClusterDrills): the four fault drills against a cluster, under load through the gateway, with the
#     exactly-once check after each; prints the README's table (ClusterFaultDrillTest runs the same in CI).
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
#
#   ./benchmark.sh catch-up [--sessions=300] [--concurrency=8] [--load-rate=14]
#                           [--consumers=catalogue,goal,progress,insights,assessment] [--memory] [--service-jvm="..."] [--jars=DIR]
#     how fast each Kafka consumer drains a backlog beside the steady load it serves (CatchUpBenchmark, issue 12):
#     the consumer's service stopped while the load benchmark's sessions run through the gateway, then started and
#     timed until its group has no lag; steady load = records per session on its topics x sessions/s (--load-rate
#     completed assessments/s / 3); ratio, target >= 3.
set -euo pipefail
cd "$(dirname "$0")"
if [ -x ./mvnw ]; then mvn_cmd=./mvnw; else mvn_cmd=mvn; fi

ALL_STACK_MODULES=assessment-service,catalogue-service,goal-service,progress-service,insights-service,gateway,local-stack

# A benchmark that runs from a module's test classes: compiles them and runs MAIN with the module's test classpath.
#   test_bench MODULE HEAP MAIN ARGS...
test_bench() {
  local module="$1" heap="$2" main="$3"
  shift 3
  "$mvn_cmd" -B -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
  # shellcheck disable=SC2086 # the JVM options are words
  exec java $heap \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test.classpath")" "$main" "$@"
}

# A benchmark on the local stack: builds the jars of MODULES (unless BENCH_SKIP_BUILD=1) and runs MAIN from the
# local stack's jar.   stack_bench MODULES "JVM OPTIONS" MAIN ARGS...
stack_bench() {
  local modules="$1" jvm="$2" main="$3"
  shift 3
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== building the services' and the local stack's jars (tests skipped)"
    "$mvn_cmd" -B -q -ntp -DskipTests package -pl "$modules" -am
  fi
  # shellcheck disable=SC2086 # the JVM options are words
  exec java $jvm -Dloader.main="$main" -jar local-stack/target/local-stack-*-exec.jar "$@"
}

case "${1:-}" in
  sealing)
    # What sealing personal data costs where every stored event passes: Axon's Jackson serializer with and without
    # SealingSerializer, alternated in one run.
    test_bench platform-plumbing -Xmx1g org.tend.plumbing.bench.SealingBenchmark "${2:-200000}" "${3:-5}" ;;
  rebuild-sealing)
    test_bench progress-service -Xmx2g org.tend.progress.bench.SealedRebuildBenchmark "${2:-50000}" "${3:-3}" ;;
  store)
    # Axon's findDomainEvents and tracking query on mongo-java-server with and without Tend's indexes, at each size
    # given; H2 only up to the third argument (it writes about 2k documents/s).
    test_bench embedded-store "-Xmx6g -XX:+UseParallelGC" org.tend.embeddedstore.IndexBenchmark \
      "${2:-10000,100000,1000000}" "${3:-memory,h2}" "${4:-100000}" ;;
  erasure)
    shift
    stack_bench "$ALL_STACK_MODULES" "-Xmx${BENCH_LAUNCHER_HEAP:-2g}" org.tend.local.bench.ErasureBenchmark "$@" ;;
  e2e-sealing)
    shift
    stack_bench "$ALL_STACK_MODULES" -Xmx512m org.tend.local.bench.SealingLatencyBenchmark "$@" ;;
  insights)
    shift
    # The launcher JVM holds the embedded MongoDB: with the memory backend every stored event is on its heap.
    stack_bench progress-service,insights-service,gateway,local-stack "-Xmx${BENCH_LAUNCHER_HEAP:-6g}" \
      org.tend.local.bench.InsightsBenchmark "$@" ;;
  cluster)
    shift
    # Issue 12: the end-to-end path through the gateway on one broker and on three (replication factor 3, SASL),
    # with one and two instances per service, beside one broker without security, each started in turn in one run.
    stack_bench "$ALL_STACK_MODULES" "-Xmx${BENCH_LAUNCHER_HEAP:-2g}" org.tend.local.bench.ClusterBenchmark "$@" ;;
  drills)
    shift
    # Issue 12: the fault drills of ClusterFaultDrillTest on a cluster, as a script (prints the README's table).
    stack_bench "$ALL_STACK_MODULES" "-Xmx${BENCH_LAUNCHER_HEAP:-1g}" org.tend.local.drill.ClusterDrills "$@" ;;
  catch-up)
    shift
    # Runs from local-stack's test classes; the services' exec jars, which LocalStack starts, are built first.
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
      echo "== building the services' jars (tests skipped)"
      "$mvn_cmd" -B -q -ntp -DskipTests package -pl "$ALL_STACK_MODULES" -am
    fi
    test_bench local-stack "-Xmx${BENCH_LAUNCHER_HEAP:-3g} -XX:+UseParallelGC" org.tend.local.bench.CatchUpBenchmark "$@" ;;
  load)
    shift
    # The sustained-load benchmark of issue 9: the whole stack, open-model load through the gateway. The launcher JVM
    # holds the embedded store (H2 pages, or every document with --memory) and the load generator.
    stack_bench "$ALL_STACK_MODULES" "-Xmx${BENCH_LAUNCHER_HEAP:-3g} -XX:+UseParallelGC" \
      org.tend.local.bench.LoadBenchmark "$@" ;;
esac

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

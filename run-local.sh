#!/usr/bin/env bash
# Runs the whole Tend platform on this machine, in the foreground, until Ctrl-C:
# embedded MongoDB, a development token issuer, a Kafka broker, the four services and the gateway.
#
#   ./run-local.sh                 build everything once, then run (data kept in .tend/data)
#   ./run-local.sh --no-build      run what was built last time
#   ./run-local.sh --demo          and, the first time, seed six months of a demo programme (local-stack/README.md)
#   ./run-local.sh --cluster       three Kafka brokers and two instances of every service behind the gateway
#   ./run-local.sh --help          the launcher's options (--memory, --free-ports, --infra-only, --demo, ...)
#
# Needs Java 17+ (and Maven 3.8+ when there is no ./mvnw). Everything else comes from Maven Central.
# Set TEND_LOCAL_JAVA_OPTS to change the launcher JVM's options.
set -euo pipefail
cd "$(dirname "$0")"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

if ! command -v java >/dev/null 2>&1; then
  echo "run-local.sh: java (17 or newer) is not on the PATH" >&2
  exit 1
fi

if [ "$build" = 1 ]; then
  if [ -x ./mvnw ]; then mvn_cmd=./mvnw; else mvn_cmd=mvn; fi
  if [ "$mvn_cmd" = mvn ] && ! command -v mvn >/dev/null 2>&1; then
    echo "run-local.sh: neither ./mvnw nor mvn is available" >&2
    exit 1
  fi
  echo "Building Tend: $mvn_cmd -B -q -DskipTests install (this takes a few minutes the first time)..."
  "$mvn_cmd" -B -q -DskipTests install
fi

jar=""
for candidate in local-stack/target/local-stack-*-exec.jar; do
  [ -f "$candidate" ] && jar="$candidate"
done
if [ -z "$jar" ]; then
  echo "run-local.sh: local-stack/target/local-stack-*-exec.jar not found; run without --no-build" >&2
  exit 1
fi

# exec: Ctrl-C goes straight to the launcher, whose shutdown hook stops everything in reverse order.
# shellcheck disable=SC2086
exec java ${TEND_LOCAL_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC} -jar "$jar" ${args[@]+"${args[@]}"}

#!/bin/bash
# The operator's one-shot job of the compose deployment, run as the `admin` super user before any service starts:
# a SCRAM credential per principal, every topic (topics.txt: replication factor 3, min.insync.replicas=2) and every
# ACL (acls.txt). Safe to run again: users are overwritten with the current passwords, topics created if missing and
# their configs set, ACLs added (an ACL removed from acls.txt must be removed by hand: kafka-acls.sh --remove).
set -euo pipefail
bin=/opt/kafka/bin
here=$(dirname "$0")
: "${KAFKA_BOOTSTRAP_SERVERS:=kafka-1:9092,kafka-2:9092,kafka-3:9092}"

umask 077
cat > /tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat /run/secrets/kafka_admin_password)";
PROPERTIES
C=(--bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config /tmp/admin.properties)

echo "waiting for three brokers ..."
until [ "$("$bin/kafka-broker-api-versions.sh" "${C[@]}" 2>/dev/null | grep -c '^kafka-[0-9]')" -ge 3 ]; do
  sleep 3
done

# The principals: every name of acls.txt (admin and broker were made when the storage was formatted).
for user in $(grep -v '^#' "$here/acls.txt" | awk 'NF {print $1}' | sort -u); do
  echo "SCRAM credential for $user"
  "$bin/kafka-configs.sh" "${C[@]}" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[password=$(cat "/run/secrets/kafka_${user}_password")]"
done

grep -v '^#' "$here/topics.txt" | while read -r topic partitions replicas configs; do
  [ -n "$topic" ] || continue
  args=()
  IFS=, read -ra pairs <<< "$configs"
  for pair in "${pairs[@]}"; do args+=(--config "$pair"); done
  echo "topic $topic ($partitions partitions, replication factor $replicas)"
  "$bin/kafka-topics.sh" "${C[@]}" --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --replication-factor "$replicas" "${args[@]}"
  "$bin/kafka-configs.sh" "${C[@]}" --alter --entity-type topics --entity-name "$topic" --add-config "$configs"
done

# One kafka-acls.sh call per principal, operation and pattern type (each call is a JVM start).
declare -A resources
while read -r principal operation type name pattern; do
  [ -n "$principal" ] || continue
  key="$principal $operation $pattern"
  case "$type" in
    TOPIC) resources[$key]+=" --topic $name" ;;
    GROUP) resources[$key]+=" --group $name" ;;
    *) echo "unknown resource type $type" >&2; exit 1 ;;
  esac
done < <(grep -v '^#' "$here/acls.txt")
for key in "${!resources[@]}"; do
  read -r principal operation pattern <<< "$key"
  operation="${operation,,}"; operation="${operation^}"      # WRITE -> Write, as kafka-acls.sh documents it
  echo "ACL: User:$principal $operation ($pattern)${resources[$key]}"
  # shellcheck disable=SC2086
  "$bin/kafka-acls.sh" "${C[@]}" --add --allow-principal "User:$principal" --allow-host '*' \
    --operation "$operation" --resource-pattern-type "${pattern,,}" ${resources[$key]}
done

"$bin/kafka-acls.sh" "${C[@]}" --list
echo "Kafka users, topics and ACLs in place"

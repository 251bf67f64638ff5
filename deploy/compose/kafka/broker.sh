#!/bin/bash
# One Kafka node (broker and KRaft controller) of the compose deployment. Writes its configuration from the
# environment and the compose secrets, formats its storage the first time (with the SCRAM credentials of the two super
# users, which KRaft keeps in the metadata log), then runs the broker.
#
# Listeners (all on the private compose network; see deploy/README.md for TLS):
#   CLIENT      9092  SASL_PLAINTEXT, SCRAM-SHA-512: services, the init job, analytics
#   CONTROLLER  9093  SASL_PLAINTEXT, PLAIN (KRaft does not support SCRAM between controllers)
#   REPLICATION 9094  SASL_PLAINTEXT, SCRAM-SHA-512 as User:broker
set -euo pipefail
: "${KAFKA_NODE_ID:?KAFKA_NODE_ID is required}"
: "${KAFKA_CLUSTER_ID:?KAFKA_CLUSTER_ID is required (.env)}"
: "${KAFKA_VOTERS:=1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093}"
: "${KAFKA_ADVERTISED_HOST:=kafka-${KAFKA_NODE_ID}}"

broker_pw=$(cat /run/secrets/kafka_broker_password)
admin_pw=$(cat /run/secrets/kafka_admin_password)
data=/var/lib/kafka/data
conf=/tmp/server.properties   # holds passwords: on the container's tmpfs, never on the data volume

umask 077
cat > "$conf" <<PROPERTIES
node.id=${KAFKA_NODE_ID}
process.roles=broker,controller
controller.quorum.voters=${KAFKA_VOTERS}
listeners=CLIENT://:9092,CONTROLLER://:9093,REPLICATION://:9094
advertised.listeners=CLIENT://${KAFKA_ADVERTISED_HOST}:9092,REPLICATION://${KAFKA_ADVERTISED_HOST}:9094
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,REPLICATION:SASL_PLAINTEXT
inter.broker.listener.name=REPLICATION
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${broker_pw}" user_broker="${broker_pw}";
listener.name.replication.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${broker_pw}";
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:broker
allow.everyone.if.no.acl.found=false
log.dirs=${data}
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=3000
PROPERTIES

if [ ! -f "$data/meta.properties" ]; then
  echo "formatting $data for cluster $KAFKA_CLUSTER_ID (node $KAFKA_NODE_ID)"
  /opt/kafka/bin/kafka-storage.sh format --config "$conf" --cluster-id "$KAFKA_CLUSTER_ID" \
    --add-scram "SCRAM-SHA-512=[name=broker,password=${broker_pw}]" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_pw}]"
fi

export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms1g -Xmx1g}"
exec /opt/kafka/bin/kafka-server-start.sh "$conf"

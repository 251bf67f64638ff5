#!/bin/bash
# A member of the compose deployment's replica set. mongod refuses a key file readable by others, and a compose
# secret keeps its host file's mode, so the file is copied with mode 400 first; then the image's own entrypoint runs
# (it creates the root user from MONGO_INITDB_ROOT_* on an empty data directory, then starts mongod with these flags).
set -euo pipefail
install -m 400 -o mongodb -g mongodb /run/secrets/mongo_keyfile /tmp/mongo-keyfile
exec docker-entrypoint.sh mongod --replSet "${MONGO_REPLICA_SET:-rs0}" --keyFile /tmp/mongo-keyfile --bind_ip_all \
  --wiredTigerCacheSizeGB "${MONGO_CACHE_GB:-1}"

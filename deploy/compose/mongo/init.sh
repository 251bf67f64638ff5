#!/bin/bash
# One-shot job: initiates the three-member replica set (once) and gives every service its own user, with readWrite on
# its own database only (deploy/README.md, "Secrets"). Safe to run again: an existing user gets its current password.
set -euo pipefail
root_pw=$(cat /run/secrets/mongo_root_password)
rs=${MONGO_REPLICA_SET:-rs0}
members=(mongo-1 mongo-2 mongo-3)

until mongosh --quiet "mongodb://root:${root_pw}@mongo-1:27017/admin?directConnection=true" --eval 'db.runCommand({ping: 1}).ok' >/dev/null 2>&1; do
  echo "waiting for mongo-1 ..."; sleep 3
done

mongosh --quiet "mongodb://root:${root_pw}@mongo-1:27017/admin?directConnection=true" --eval "
  try { rs.status(); print('replica set already initiated'); }
  catch (e) {
    rs.initiate({_id: '${rs}', members: [
      {_id: 0, host: '${members[0]}:27017'}, {_id: 1, host: '${members[1]}:27017'}, {_id: 2, host: '${members[2]}:27017'}]});
    print('replica set initiated');
  }"

uri="mongodb://root:${root_pw}@mongo-1:27017,mongo-2:27017,mongo-3:27017/admin?replicaSet=${rs}"
until mongosh --quiet "$uri" --eval 'db.hello().isWritablePrimary || db.hello().primary ? 1 : quit(1)' >/dev/null 2>&1; do
  echo "waiting for a primary ..."; sleep 3
done

for service in assessment catalogue goal progress insights; do
  password=$(cat "/run/secrets/mongo_${service}_password")
  TEND_USER="$service" TEND_DB="tend-${service}" TEND_PASSWORD="$password" mongosh --quiet "$uri" --eval "
    const user = process.env.TEND_USER, database = process.env.TEND_DB, pwd = process.env.TEND_PASSWORD;
    const roles = [{role: 'readWrite', db: database}];
    if (db.getSiblingDB('admin').getUser(user)) {
      db.getSiblingDB('admin').updateUser(user, {pwd: pwd, roles: roles});
    } else {
      db.getSiblingDB('admin').createUser({user: user, pwd: pwd, roles: roles});
    }
    print('user ' + user + ': readWrite on ' + database);"
done
echo "MongoDB replica set and users in place"

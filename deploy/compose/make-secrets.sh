#!/usr/bin/env bash
# Makes every secret the compose deployment needs, under ./secrets (never committed), with fresh random values:
# passwords, the MongoDB key file, the pseudonym key, the master keyset, the gateway's client secret, and a private CA
# with a certificate for the identity provider's host (TEND_IDP_HOST from .env). Needs openssl.
#
#   cp .env.example .env && $EDITOR .env && ./make-secrets.sh
#
# It refuses to overwrite an existing ./secrets: a new pseudonym key or master keyset on a deployment that holds data
# would make every pseudonym and every participant's key unusable (deploy/README.md, "Rotating keys"). In production,
# keep the values in your secret store and write these files from it instead.
set -euo pipefail
cd "$(dirname "$0")"
[ -f .env ] || { echo "make-secrets.sh: copy .env.example to .env and edit it first" >&2; exit 1; }
[ ! -e secrets ] || { echo "make-secrets.sh: ./secrets exists; refusing to overwrite it" >&2; exit 1; }
idp_host=$(grep -E '^TEND_IDP_HOST=' .env | cut -d= -f2-)
[ -n "$idp_host" ] || { echo "make-secrets.sh: TEND_IDP_HOST is not set in .env" >&2; exit 1; }

umask 022
mkdir -p secrets/kafka secrets/mongo secrets/tls
chmod 700 secrets            # the files inside are readable by the containers' users (bind mounts keep the mode)
password() { openssl rand -hex 24; }

for name in broker admin assessment catalogue goal progress insights analytics; do
  password > "secrets/kafka/$name.password"
done
password > secrets/mongo/root.password
openssl rand -base64 756 | tr -d '\n' > secrets/mongo/keyfile
for service in assessment catalogue goal progress insights; do
  password > "secrets/mongo/$service.password"
done
password > secrets/keycloak-db.password

# The master keyset: a Tink AES-256-GCM keyset in its JSON form (the AesGcmKey proto is 0x1a 0x20 + 32 key bytes).
key_id=$(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 2147483647 + 1 ))
key_value=$( (printf '\x1a\x20'; openssl rand 32) | openssl base64 -A)
keyset="{\"primaryKeyId\":${key_id},\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"${key_value}\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":${key_id},\"outputPrefixType\":\"TINK\"}]}"

{
  echo "# Shared by every service: the same values everywhere (deploy/README.md, \"Secrets\")."
  echo "TEND_PSEUDONYM_KEY=$(openssl rand -hex 32)"
  echo "TEND_MASTER_KEYSET=${keyset}"
} > secrets/common.env

for service in assessment catalogue goal progress insights; do
  {
    echo "KAFKA_SASL_PASSWORD=$(cat "secrets/kafka/$service.password")"
    echo "MONGODB_URI=mongodb://${service}:$(cat "secrets/mongo/$service.password")@mongo-1:27017,mongo-2:27017,mongo-3:27017/tend-${service}?replicaSet=rs0&authSource=admin"
  } > "secrets/$service.env"
done
# SMTP credentials, when the relay wants them, go to progress-service (it sends the reminders):
echo "# SPRING_MAIL_USERNAME=...  SPRING_MAIL_PASSWORD=..." >> secrets/progress.env

client_secret=$(password)
echo "TEND_OAUTH2_CLIENT_SECRET=${client_secret}" > secrets/gateway.env
{
  echo "TEND_OAUTH2_CLIENT_SECRET=${client_secret}"
  echo "KC_BOOTSTRAP_ADMIN_PASSWORD=$(password)"
  echo "KC_DB_PASSWORD=$(cat secrets/keycloak-db.password)"
} > secrets/keycloak.env

# A private CA and the identity provider's certificate. Use your organisation's CA instead where there is one: put its
# certificate in tls/ca.crt and the provider's certificate and key in tls/idp.crt and tls/idp.key.
openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=Tend compose CA" \
  -keyout secrets/tls/ca.key -out secrets/tls/ca.crt 2>/dev/null
openssl req -newkey rsa:3072 -nodes -subj "/CN=${idp_host}" -keyout secrets/tls/idp.key -out secrets/tls/idp.csr 2>/dev/null
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$idp_host" > secrets/tls/idp.ext
openssl x509 -req -in secrets/tls/idp.csr -CA secrets/tls/ca.crt -CAkey secrets/tls/ca.key -CAcreateserial \
  -days 825 -extfile secrets/tls/idp.ext -out secrets/tls/idp.crt 2>/dev/null
rm secrets/tls/idp.csr secrets/tls/idp.ext
chmod 644 secrets/tls/idp.key  # Keycloak (uid 1000) reads it through the bind mount; ./secrets itself is 0700
chmod 600 secrets/tls/ca.key   # the CA key is never mounted anywhere

echo "secrets written to $(pwd)/secrets; keep a copy in your secret store (losing the master keyset loses every participant's data)"

#!/usr/bin/env bash
# Makes the secrets compose.yaml mounts, as files under ./secrets (next to this script), once: a file that is already
# there is never replaced (a new key-encryption key would make the stored keys unreadable; a new database password
# would no longer match the database). Needs openssl.
#
#   db_password            PostgreSQL's password for the user attest (read by PostgreSQL and by Attest)
#   kek                    the key-encryption key: 32 random bytes, base64 (encrypts Attest's private keys in the
#                          database). BACK IT UP, apart from the database backups (README.md, "Backups").
#   s3_access_key_id       the store credentials Attest signs in with (S3 access key id and secret key)
#   s3_secret_access_key
#   s3_config.json         SeaweedFS's identities: Attest's, limited to the bucket attest-evidence, and an admin
#                          one for the operator's backups (s3_admin_credentials: the same as an AWS credentials file)
#
# The directory is readable by its owner only; the files in it are world-readable so that the containers' own users
# (Attest's 10001, PostgreSQL's, SeaweedFS's) can read them where compose mounts them: nobody else on the machine gets
# past the directory.
#
# usage: deploy/compose/make-secrets.sh
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
command -v openssl >/dev/null || { echo "make-secrets.sh needs openssl (apt-get install openssl)" >&2; exit 1; }

# letters and digits only: safe in a JDBC password, a JSON file and a shell
random() { openssl rand -base64 96 | tr -dc 'A-Za-z0-9' | head -c "$1"; }
make() {
  local name="$1" value="$2"
  if [ -s "$dir/$name" ]; then
    echo "kept     secrets/$name"
  else
    (umask 022; printf '%s' "$value" > "$dir/$name")
    echo "made     secrets/$name"
  fi
}

make db_password "$(random 32)"
make kek "$(openssl rand -base64 32)"
make s3_access_key_id "$(random 20 | tr 'a-z' 'A-Z')"
make s3_secret_access_key "$(random 40)"
make s3_admin_access_key_id "$(random 20 | tr 'a-z' 'A-Z')"
make s3_admin_secret_access_key "$(random 40)"
make s3_config.json "$(cat <<JSON
{
  "identities": [
    {
      "name": "attest",
      "credentials": [{"accessKey": "$(cat "$dir/s3_access_key_id")", "secretKey": "$(cat "$dir/s3_secret_access_key")"}],
      "actions": ["Read:attest-evidence", "Write:attest-evidence", "List:attest-evidence"]
    },
    {
      "name": "admin",
      "credentials": [{"accessKey": "$(cat "$dir/s3_admin_access_key_id")", "secretKey": "$(cat "$dir/s3_admin_secret_access_key")"}],
      "actions": ["Admin", "Read", "Write", "List"]
    }
  ]
}
JSON
)"
# the admin identity as an AWS credentials file, for `aws s3 sync` backups of the bucket (README.md, "Backups")
make s3_admin_credentials "$(printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
  "$(cat "$dir/s3_admin_access_key_id")" "$(cat "$dir/s3_admin_secret_access_key")")"
chmod 644 "$dir"/*
# database dumps and the bucket's copy: as private as the secrets
mkdir -p "$dir/../backup"
chmod 700 "$dir/../backup"
echo "secrets in $dir (directory 700). Back up secrets/kek now, somewhere apart from the database backups."

#!/usr/bin/env bash
# TEST ONLY. Where no image registry is reachable (the build machines of this project), makes stand-ins for the
# official images compose.yaml names, from Debian packages: one Debian 12 root (debootstrap) with PostgreSQL 15 and
# gosu (run by the official postgres image's own docker-entrypoint.sh, vendored beside this script), Caddy 2.6, and
# the OpenJDK 17 JRE running Adobe S3Mock in place of SeaweedFS. A college pulls the real images instead.
#
# usage: deploy/compose/test/build-images.sh       (needs root, podman, debootstrap; makes localhost/attest-compose-test:bookworm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image=localhost/attest-compose-test:bookworm
if podman image exists "$image"; then
  echo "test image already there: $image"; exit 0
fi
s3mock="$HOME/.m2/repository/com/adobe/testing/s3mock/4.11.0/s3mock-4.11.0-exec.jar"
if [ ! -s "$s3mock" ]; then
  (cd "$here/../../.." && ./mvnw -B -q dependency:get -Dartifact=com.adobe.testing:s3mock:4.11.0:jar:exec -Dtransitive=false)
fi
mirror="$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null;
  grep -hoE '^deb +https?://[^ ]+' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } | head -1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase \
  --include=postgresql-15,gosu,caddy,openjdk-17-jre-headless,ca-certificates,curl,procps \
  bookworm "$work/root" "$mirror" >"$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }
# as the official postgres image: its binaries on the PATH, the entrypoint, a socket directory postgres may write
install -m 755 "$here/postgres/docker-entrypoint.sh" "$work/root/usr/local/bin/docker-entrypoint.sh"
mkdir -p "$work/root/docker-entrypoint-initdb.d" "$work/root/var/run/postgresql" "$work/root/opt/s3mock"
chroot "$work/root" chown -R postgres:postgres /var/run/postgresql
chmod 3777 "$work/root/var/run/postgresql"
mkdir -p "$work/root/var/lib/postgresql/data"
chroot "$work/root" chown postgres:postgres /var/lib/postgresql/data
chmod 1777 "$work/root/var/lib/postgresql/data"
# as the official image's Dockerfile: the sample configuration listens on every address of the container
sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" "$work/root/usr/share/postgresql/15/postgresql.conf.sample"
grep -qF "listen_addresses = '*'" "$work/root/usr/share/postgresql/15/postgresql.conf.sample"
cp "$s3mock" "$work/root/opt/s3mock/s3mock.jar"
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* "$work/root/var/log/"*
tar -C "$work/root" -cf "$work/rootfs.tar" .
podman import --quiet \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' --change 'ENV LANG=C.UTF-8' \
  "$work/rootfs.tar" "$image" >/dev/null
echo "test image: $image"

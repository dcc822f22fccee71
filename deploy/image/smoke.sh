#!/usr/bin/env bash
# Image smoke test (issue 15): builds the image without a Docker daemon (Jib, `jib:buildTar`) on the Debian JRE base
# of build-base.sh, loads it into podman, starts it as a production container would run (non-root, read-only root
# filesystem, only /tmp writable, 768 MB) against a fresh PostgreSQL database on 127.0.0.1, and makes full LTI launches
# through the load generator's played platform (bench: login, launch, landing page). Fails unless every launch lands.
# Removes its container and database afterwards. Not the `prod` profile: the played platform is on http://127.0.0.1,
# which production refuses (every platform address must be https); the key-encryption key is given as production
# gives it, since the read-only image has nowhere to generate one.
#
# usage: deploy/image/smoke.sh [--skip-build]      (needs root for podman and PostgreSQL's postgres user; port 8095)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=8095 name=attest-smoke db=attest_smoke
podman_run=(podman run --runtime runc --cgroup-manager=cgroupfs --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
base=target/base/debian-jre17.tar
if [ "${1:-}" != "--skip-build" ]; then
  bash deploy/image/build-base.sh "$PWD/$base"
  ./mvnw -B -q -pl lti-tool,bench -am package -DskipTests
  ./mvnw -B -q -pl lti-tool jib:buildTar "-Dattest.image.base=tar://$PWD/$base"
fi
image=$(podman load -q -i lti-tool/target/attest-image.tar | sed -n 's/^Loaded image: //p' | tail -1)
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  su postgres -c "dropdb --if-exists $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
bash deploy/local-postgres.sh >/dev/null
su postgres -c "createdb -O attest $db"
"${podman_run[@]}" -d --name "$name" --network host --read-only --tmpfs /tmp -m 768m \
  -e SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" -e SPRING_DATASOURCE_USERNAME=attest \
  -e SPRING_DATASOURCE_PASSWORD=attest -e PORT=$port -e ATTEST_ADDRESS=127.0.0.1 \
  -e ATTEST_BASE_URL="http://127.0.0.1:$port" -e ATTEST_MANAGEMENT_PORT=$((port + 1)) \
  -e ATTEST_KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  -e ATTEST_FILES_DIRECTORY=/tmp/attest-files \
  -e ATTEST_REGISTRATION_OPEN=true -e ATTEST_PLATFORMHTTP_ALLOWPRIVATENETWORKS=true "$image" >/dev/null
started() { grep -q 'Started AttestApplication' <<<"$(podman logs "$name" 2>&1)"; }
for _ in $(seq 1 90); do
  started && break
  sleep 2
done
started || { podman logs "$name" 2>&1 | tail -40; exit 1; }
[ "$(curl -s "http://127.0.0.1:$port/readyz")" = '{"status":"UP"}' ] || { echo "readiness is not UP"; exit 1; }
[ "$(podman exec "$name" id -u)" = 10001 ] || { echo "the container runs as $(podman exec "$name" id -u), not 10001"; exit 1; }
out=$(java -cp bench/target/benchmarks.jar org.attest.bench.launch.LaunchLoad --tool "http://127.0.0.1:$port" \
  --tool-pid "$(podman inspect --format '{{.State.Pid}}' "$name")" --warmup 20 --batch 100 --batches 1 --learners 10 \
  --concurrency 4 2>&1) || true
grep -E 'full launches \(|errors' <<<"$out" || true
grep -qE '100 landed of 100' <<<"$out" && grep -qE 'errors +: 0 measured, 0 in warm-up' <<<"$out" \
  || { echo "the image did not serve every launch:"; echo "$out" | tail -20; podman logs "$name" 2>&1 | tail -30; exit 1; }
echo "image smoke test passed: $image served full LTI launches on PostgreSQL, non-root, read-only"

#!/usr/bin/env bash
# TEST ONLY: starts (or stops) compose.yaml here with podman-compose, on the images test/build-images.sh makes and the
# Attest image of the Maven build (lti-tool/target/attest-image.tar), published on 127.0.0.1 only, with TLS from
# Caddy's internal CA for the name localhost. The walk through it (first start, backup, restore) is in
# ../README.md; what was run by hand is in the issue's report.
#
# usage: deploy/compose/test/run.sh up|down|ps|logs SERVICE|compose ARGS...   (needs root, podman, podman-compose)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$here/.."
export ATTEST_DOMAIN=localhost ATTEST_TLS=internal ATTEST_PUBLISH_ADDRESS=127.0.0.1
export ATTEST_IMAGE=localhost/attest-compose:test
export POSTGRES_IMAGE=localhost/attest-compose-test:bookworm CADDY_IMAGE=localhost/attest-compose-test:bookworm \
  SEAWEEDFS_IMAGE=localhost/attest-compose-test:bookworm
compose=(podman-compose -p attest-test -f compose.yaml -f test/compose.test.yaml)
case "${1:-}" in
  up)
    command -v podman-compose >/dev/null || { apt-get update -qq && apt-get install -y -qq podman-compose >/dev/null; }
    bash "$here/build-images.sh"
    tar="$root/lti-tool/target/attest-image.tar"
    [ -s "$tar" ] || { echo "no $tar: build it as deploy/image/smoke.sh does (jib:buildTar)"; exit 1; }
    # loading moves the image's own tag (localhost/attest:VERSION) to it; give that tag back to what it named before
    tags=$(podman images --format '{{.Repository}}:{{.Tag}} {{.ID}}')
    name=$(podman load -q -i "$tar" | sed -n 's/^Loaded image: //p' | tail -1)
    podman tag "$name" "$ATTEST_IMAGE"
    before=$(awk -v n="$name" '$1 == n {print $2}' <<<"$tags")
    if [ -n "$before" ]; then podman tag "$before" "$name"; fi
    bash ./make-secrets.sh
    "${compose[@]}" up -d
    ;;
  down)
    "${compose[@]}" down -v
    # podman-compose 1.0 leaves the networks
    podman network rm -f attest-test_edge attest-test_backend >/dev/null 2>&1 || true
    ;;
  ps) "${compose[@]}" ps ;;
  logs) shift; "${compose[@]}" logs "$@" ;;
  compose) shift; "${compose[@]}" "$@" ;;
  *) echo "usage: $0 up|down|ps|logs SERVICE|compose ARGS..."; exit 2 ;;
esac

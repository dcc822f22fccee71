#!/usr/bin/env bash
# Builds the image's base from Debian packages when no registry is reachable (CI here): a minimal Debian 12 root
# with the OpenJDK 17 headless JRE, made with debootstrap and saved as a docker-archive tar that Jib reads as its base
# (`-Djib.from.image=tar://...`). A college's pipeline uses a registry's Eclipse Temurin JRE instead (the default).
#
# usage: deploy/image/build-base.sh [OUT.tar]        (default target/base/debian-jre17.tar; needs root, podman)
set -euo pipefail
out="${1:-$(cd "$(dirname "$0")/../.." && pwd)/target/base/debian-jre17.tar}"
if [ -s "$out" ]; then
  echo "base image tar already there: $out"; exit 0
fi
# the mirror apt on this machine already uses (deb822 .sources first, then a classic sources.list)
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap >/dev/null
fi
mirror="$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null;
  grep -hoE '^deb +https?://[^ ]+' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } | head -1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$work/root" "$mirror" >"$work/log" 2>&1 \
  || { tail -20 "$work/log"; exit 1; }
# no package caches or logs in the image
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* "$work/root/var/log/"*
tar -C "$work/root" -cf "$work/rootfs.tar" .
podman import --quiet "$work/rootfs.tar" localhost/attest-base:debian-jre17 >/dev/null
mkdir -p "$(dirname "$out")"
podman save --quiet --format docker-archive -o "$out" localhost/attest-base:debian-jre17
echo "base image: $out ($(du -h "$out" | cut -f1)), $(podman run --rm --runtime runc --cgroup-manager=cgroupfs \
  --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 localhost/attest-base:debian-jre17 \
  /usr/lib/jvm/java-17-openjdk-amd64/bin/java -version 2>&1 | head -1)"

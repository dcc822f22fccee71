#!/usr/bin/env bash
# Test of deploy/run.sh on the built production jar (./mvnw -q -DskipTests package first), with the JVM on the PATH
# or $JAVA. Checks that the start-up archive is made once, reused by later starts (the running JVM has it mapped),
# made again for a new jar (and the old one deleted), and that a failed training run leaves a start without an
# archive instead of no start. Takes a few minutes. Prints "run.sh: all checks passed" and exits 0, or says which
# check failed and exits 1. Stops only the process it started.
#
# usage: deploy/run-test.sh [--port=PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
port=18295
[ "${1:-}" = "" ] || port="${1#--port=}"

built=$(ls lti-tool/target/lti-tool-*.jar 2>/dev/null | grep -v -e '-classes.jar' -e '-tests.jar' | head -n 1 || true)
if [ -z "$built" ]; then
  echo "no lti-tool/target/lti-tool-*.jar: build it first (./mvnw -q -DskipTests package)" >&2
  exit 2
fi
work=$(mktemp -d /tmp/attest-run-test.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "run.sh test FAILED: $*" >&2; exit 1; }
# The HTTP status of GET /.well-known/jwks.json, or nothing while no one listens (bash only, no curl needed).
jwks_status() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port" \
    && printf 'GET /.well-known/jwks.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
    && head -n 1 <&3 | cut -d ' ' -f 2) 2>/dev/null || true
}

cp "$built" "$work/attest.jar"
export ATTEST_JAR="$work/attest.jar" ATTEST_JVM_CACHE="$work/cache"
cd "$work"

# 1. The first --prepare extracts the jar and makes the archive.
"$repo/deploy/run.sh" --prepare 2>"$work/prepare1.err" || fail "first --prepare exited with $?: $(cat "$work/prepare1.err")"
grep -q "making the start-up archive" "$work/prepare1.err" || fail "first --prepare did not make an archive: $(cat "$work/prepare1.err")"
archive=$(ls "$work"/cache/*/app.jsa "$work"/cache/*/app.aot 2>/dev/null | head -n 1 || true)
[ -n "$archive" ] || fail "no archive under $work/cache after --prepare: $(ls -R "$work/cache" | head -n 20)"
made=$(stat -c %Y "$archive")

# 2. A second --prepare reuses it.
"$repo/deploy/run.sh" --prepare 2>"$work/prepare2.err" || fail "second --prepare exited with $?"
if grep -q "making the start-up archive" "$work/prepare2.err"; then fail "second --prepare made the archive again"; fi
[ "$(stat -c %Y "$archive")" = "$made" ] || fail "second --prepare rewrote the archive"

# 3. A start maps the archive and serves the tool's keys.
"$repo/deploy/run.sh" --server.port="$port" >"$work/start.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  [ "$(jwks_status)" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || fail "the tool stopped: $(tail -n 20 "$work/start.log")"
  sleep 0.25
done
[ "$(jwks_status)" = 200 ] \
  || fail "no 200 from /.well-known/jwks.json within 5 minutes"
grep -q "$archive" "/proc/$pid/maps" || fail "the running JVM has not mapped $archive"
if grep -q "making the start-up archive" "$work/start.log"; then fail "the start made the archive again"; fi
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=

# 4. A new jar makes a new archive and the old one is deleted.
touch -d '+1 minute' "$work/attest.jar"
"$repo/deploy/run.sh" --prepare 2>"$work/prepare3.err" || fail "--prepare for the new jar exited with $?"
grep -q "making the start-up archive" "$work/prepare3.err" || fail "a new jar did not make a new archive"
[ ! -e "$archive" ] || fail "the archive of the old jar is still there: $archive"

# 5. A training run that fails leaves a start without an archive, and says so.
export ATTEST_JVM_CACHE="$work/cache-failing" JAVA_OPTS="-Dspring.main.web-application-type=no-such-type"
"$repo/deploy/run.sh" --prepare 2>"$work/prepare4.err" || fail "--prepare with a failing training run exited with $?"
grep -q "could not make the start-up archive" "$work/prepare4.err" || fail "a failed training run was not reported: $(cat "$work/prepare4.err")"
if ls "$work"/cache-failing/*/app.jsa "$work"/cache-failing/*/app.aot >/dev/null 2>&1; then fail "a failed training run left an archive"; fi

echo "run.sh: all checks passed ($("${JAVA:-java}" -version 2>&1 | head -n 1))"

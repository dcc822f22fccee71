#!/usr/bin/env bash
# Start-up and idle memory of the tool (docs/benchmarks.md, "Start-up and memory"). Starts a command N times in one
# data directory (a fresh one unless --data is given, so the first run is a first start on an empty H2 database and
# the others are later starts), and for each run prints: the JVM's uptime at Spring Boot's "Started" line, the time
# from launching the command to the first 200 of GET /.well-known/jwks.json (signed with the tool's keys, so they
# exist by then), the process's CPU time then, and its resident memory (VmRSS) then and after --idle seconds
# without requests. Stops the process it started (that PID only) after each run.
#
# usage: bench/start-up.sh [--runs=N] [--idle=SECONDS] [--port=PORT] [--data=DIR] [-- COMMAND...]
#   default COMMAND: java -jar lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar; the command gets --server.port=PORT
#   e.g. bench/start-up.sh --runs=4 -- "$PWD/deploy/run.sh"
#        JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/start-up.sh --runs=4 -- "$PWD/deploy/run.sh"
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
idle=20
port=18290
data=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs=*) runs="${1#--runs=}" ;;
    --idle=*) idle="${1#--idle=}" ;;
    --port=*) port="${1#--port=}" ;;
    --data=*) data="${1#--data=}" ;;
    --) shift; break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done
if [ $# -eq 0 ]; then
  set -- java -jar "$PWD/lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar"
fi
if [ -z "$data" ]; then
  data=$(mktemp -d /tmp/attest-start-up.XXXXXX)
fi
mkdir -p "$data"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "something already listens on 127.0.0.1:$port; stop it or pass --port" >&2
  exit 2
fi
ticks=$(getconf CLK_TCK)
echo "data directory: $data; command: $*"
printf '%-4s %12s %14s %12s %14s %16s\n' run "Started (s)" "first 200 (s)" "CPU (s)" "RSS then (MB)" "RSS idle (MB)"
for run in $(seq 1 "$runs"); do
  log="$data/start-up-$run.log"
  start=$(date +%s%N)
  (cd "$data" && exec "$@" --server.port="$port") >"$log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/.well-known/jwks.json" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $run: the tool stopped before answering; its log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    sleep 0.05
  done
  first200=$(( ($(date +%s%N) - start) / 1000000 ))
  # deploy/run.sh execs java, so $pid is the JVM itself.
  cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  sleep "$idle"
  rss_idle=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  started=$(sed -n 's/.*Started .* (process running for \([0-9.]*\)).*/\1/p' "$log" | head -n 1)
  printf '%-4s %12s %14s %12s %14s %16s\n' "$run" "${started:-?}" "$(awk "BEGIN {printf \"%.2f\", $first200 / 1000}")" \
    "$(awk "BEGIN {printf \"%.2f\", $cpu / $ticks}")" "$rss" "$rss_idle"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done

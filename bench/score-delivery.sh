#!/usr/bin/env bash
# Score delivery benchmark (docs/benchmarks.md, "Score delivery"), end to end: builds the tool and
# the driver, starts PostgreSQL if it is not running (deploy/local-postgres.sh), starts the tool on a
# fresh schema pinned to core 0 with the shipped delivery settings, then runs
# org.attest.bench.scores.ScoreDeliveryLoad pinned to core 1: a played platform that answers each
# score after --latency-ms, and N scores for N learners put straight into the outbox, all due at one
# moment. Prints the time from due to the last delivery, token requests and duplicates.
# Stops the tool it started (that PID only) and drops its schema.
#
# usage: bench/score-delivery.sh [--skip-build] [--tool-arg=ARG ...] [-- --scores 10000 --latency-ms 20]
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
tool_args=()
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0 ;;
    --tool-arg=*) tool_args+=("${1#--tool-arg=}") ;;
    --) shift; driver_args=("$@"); break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

port=18190
base="http://127.0.0.1:$port"
jar=${TOOL_JAR:-lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar}
gen_jar=bench/target/benchmarks.jar
out=bench/target/score-delivery
mkdir -p "$out"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "something already listens on 127.0.0.1:$port; stop it first" >&2
  exit 2
fi
if [ "$build" = 1 ]; then
  echo "building the tool and the driver..."
  ./mvnw -B -q -DskipTests -pl lti-tool,bench -am package
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "PostgreSQL is not listening on 127.0.0.1:5432; starting it with deploy/local-postgres.sh"
  bash deploy/local-postgres.sh
fi
schema="scores_bench_$(date +%s)_$$"
jdbc="jdbc:postgresql://127.0.0.1:5432/attest?currentSchema=$schema"

tool_pid=
cleanup() {
  if [ -n "$tool_pid" ] && kill -0 "$tool_pid" 2>/dev/null; then
    kill "$tool_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$tool_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$tool_pid" 2>/dev/null || true
  fi
  if command -v psql >/dev/null; then
    PGPASSWORD=attest psql -q -h 127.0.0.1 -U attest -d attest -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

log="$out/tool.log"
echo "starting the tool on core 0 (PostgreSQL schema $schema), log in $log"
taskset -c 0 java -XX:ActiveProcessorCount=1 ${TOOL_JAVA_OPTS:-} -jar "$jar" \
  --server.port=$port --attest.base-url=$base --logging.level.org.attest=WARN --attest.platform-http.allow-private-networks=true \
  "--spring.datasource.url=$jdbc" --spring.datasource.username=attest --spring.datasource.password=attest \
  "--spring.flyway.schemas=$schema" --spring.flyway.create-schemas=true \
  ${tool_args[@]+"${tool_args[@]}"} >"$log" 2>&1 &
tool_pid=$!

status=0
taskset -c 1 java -XX:ActiveProcessorCount=1 -cp "$gen_jar" org.attest.bench.scores.ScoreDeliveryLoad \
  --tool "$base" --jdbc "$jdbc" ${driver_args[@]+"${driver_args[@]}"} | tee "$out/result.txt" || status=$?
if ! kill -0 "$tool_pid" 2>/dev/null; then
  echo "the tool exited early; the end of its log:" >&2
  tail -n 40 "$log" >&2
fi
exit $status

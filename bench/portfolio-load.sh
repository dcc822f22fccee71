#!/usr/bin/env bash
# Portfolio pages benchmark (docs/benchmarks.md, "Portfolio pages"), end to end: builds the tool and
# the driver, starts PostgreSQL if it is not running (deploy/local-postgres.sh), creates a fresh
# database attest_bench, starts the tool against it pinned to core 0 (Flyway and the framework
# seeding run on that first start), then runs org.attest.bench.portfolio.PortfolioLoad pinned to
# core 1: it registers its played platform by Dynamic Registration (the tool runs with open registration
# and private networks allowed, since the played platform is on loopback, and with rate limits no run
# reaches), loads the generated data set (100,000 learners, 1.5M learner units, evidence as
# docs/benchmarks.md explains) with COPY, launches
# assessors and learners of the measured course and times the caseload and the learner overview.
# Stops the tool it started (that PID only). The database is kept for EXPLAIN and reruns.
#
# usage: bench/portfolio-load.sh [--reuse-data] [--drop-data] [--skip-build] [--evidence-share=0.1]
#                                [--tool-arg=ARG ...] [-- PortfolioLoad options, e.g. --clients 1,4 --overview-requests 3000]
#   --reuse-data        keep database attest_bench and the saved played platform from the last run
#                       (no new registration, no new data set): measure another build of the tool on the same data
#   --drop-data         drop database attest_bench when done (about 5 GB at the default evidence share)
#   --evidence-share=S  share of learner units outside the measured centre that get evidence (default 0.1)
#   --tool-arg=ARG      extra Spring Boot argument for the tool
#   TOOL_JAVA_OPTS      extra JVM options for the tool (environment)
#   TOOL_JAR            another build of the tool to measure (environment; default lti-tool/target/...)
set -euo pipefail
cd "$(dirname "$0")/.."

reuse=0
drop=0
build=1
share=0.1
tool_args=()
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse-data) reuse=1 ;;
    --drop-data) drop=1 ;;
    --skip-build) build=0 ;;
    --evidence-share=*) share="${1#--evidence-share=}" ;;
    --tool-arg=*) tool_args+=("${1#--tool-arg=}") ;;
    --) shift; driver_args=("$@"); break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

port=18091
base="http://127.0.0.1:$port"
database=attest_bench
jar=${TOOL_JAR:-lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar}
driver_jar=bench/target/benchmarks.jar
out=bench/target/portfolio-load
identity="$out/platform.json"
mkdir -p "$out"

if [ "$(nproc --all)" -lt 2 ]; then
  echo "needs 2 cores: the tool on core 0, the driver on core 1" >&2
  exit 2
fi
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
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
if [ "$reuse" = 1 ]; then
  if [ ! -f "$identity" ]; then
    echo "--reuse-data: no saved platform in $identity; run once without --reuse-data first" >&2
    exit 2
  fi
  echo "reusing database $database and the played platform saved in $identity"
else
  echo "creating a fresh database $database"
  as_postgres "dropdb --if-exists $database && createdb -O attest $database"
  rm -f "$identity"
fi

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
  if [ "$drop" = 1 ]; then
    as_postgres "dropdb --if-exists $database" || true
  fi
}
trap cleanup EXIT INT TERM

log="$out/tool.log"
echo "starting the tool on core 0 (PostgreSQL database $database), log in $log"
# ${TOOL_JAVA_OPTS:-} is split on purpose: it holds JVM options.
# shellcheck disable=SC2086
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$database" SPRING_DATASOURCE_USERNAME=attest SPRING_DATASOURCE_PASSWORD=attest \
  taskset -c 0 java -XX:ActiveProcessorCount=1 ${TOOL_JAVA_OPTS:-} -jar "$jar" \
  --server.port=$port --attest.base-url=$base --logging.level.org.attest=WARN \
  --attest.registration.open=true --attest.platform-http.allow-private-networks=true \
  --attest.rate-limit.login.per-address=100000000 --attest.rate-limit.launch.per-address=100000000 \
  --attest.files.directory="$out/files" ${tool_args[@]+"${tool_args[@]}"} >"$log" 2>&1 &
tool_pid=$!

echo "running the driver on core 1 against pid $tool_pid"
status=0
taskset -c 1 java -XX:ActiveProcessorCount=1 -Xmx3g -cp "$driver_jar" org.attest.bench.portfolio.PortfolioLoad \
  --tool "$base" --tool-pid "$tool_pid" --jdbc-url "jdbc:postgresql://127.0.0.1:5432/$database" \
  --platform-identity "$identity" --evidence-share "$share" --db-process postgres --json "$out/result.json" \
  ${driver_args[@]+"${driver_args[@]}"} || status=$?

if ! kill -0 "$tool_pid" 2>/dev/null; then
  echo "the tool exited early; the end of its log:" >&2
  tail -n 40 "$log" >&2
fi
echo "results: $out/result.json; tool log: $log"
[ "$drop" = 1 ] || echo "database $database kept (rerun with --reuse-data; drop with: su postgres -c 'dropdb $database')"
exit $status

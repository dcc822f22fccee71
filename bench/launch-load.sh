#!/usr/bin/env bash
# LTI launch load benchmark (docs/benchmarks.md, "LTI launch"): full launches (login initiation + launch + the page
# the launch lands on) against Attest and, with --with-peer, against the Java peer in the same run, under the same
# generator, settings and pinning. Builds the tool and the load generator, starts the tool pinned to core 0 on an
# in-memory H2 database (default) or on PostgreSQL (--db=postgresql, a fresh schema in database attest on
# 127.0.0.1:5432), runs org.attest.bench.launch.LaunchLoad pinned to core 1, stops the tool it started (that PID
# only), then does the same for the peer, and prints one table with a row per tool. The generator plays a platform on
# loopback and registers through the open registration URL, so Attest runs with open registration and private
# networks allowed; the rate limits and the login-state ceiling stay on (their cost is measured) with limits no batch
# reaches. Everything else is the tool's shipped configuration.
#
# usage: bench/launch-load.sh [--short] [--with-peer=JAR | --peer=JAR] [--db=h2|postgresql] [--tomcat-threads=N]
#                             [--skip-build] [--jfr=FILE] [--tool-arg=ARG ...] [--port=PORT]
#                             [-- LaunchLoad options, e.g. --warmup 30000 --batch 5000 --batches 4 --learners 300]
#   (no option)      30,000 warm-up then 20,000 timed full launches (4 batches of 5,000) at 64 concurrent, Attest only
#   --short          5,000 warm-up, 5,000 timed: about a minute per tool. Run it with --with-peer on every change to
#                    the launch path
#   --with-peer=JAR  measure Attest, then the Java peer, and print both side by side with how far Attest is ahead of
#                    or behind it. JAR: built from ../shared/peers/spring-security-lti13 (docs/benchmarks.md); the
#                    peer keeps its state in memory, whatever --db says
#   --peer=JAR       measure the peer only
#   --tomcat-threads=N  give each tool N Tomcat request threads (default: the tool's shipped setting)
#   --jfr=FILE       record a JFR profile (settings=profile, 1 ms sampling) of Attest's run (the peer's goes to
#                    FILE-peer.jfr); the profiler costs CPU, so the numbers of such a run are not the results
#   --tool-arg=ARG   extra Spring Boot argument for each tool, e.g. --tool-arg=--server.tomcat.threads.max=16
#   --port=PORT      the tools' HTTP port (default 18090); the peer's played platform listens on PORT+1
#   TOOL_JAVA_OPTS   extra JVM options for each tool (environment)
#   TOOL_JAR         another build of Attest to measure (environment; default lti-tool/target/...)
set -euo pipefail
cd "$(dirname "$0")/.."

db=h2
threads=shipped
build=1
jfr=
peer=
attest=1
short=0
port=18090
tool_args=()
gen_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --with-peer=*) peer="${1#--with-peer=}" ;;
    --peer=*) peer="${1#--peer=}"; attest=0 ;;
    --db=*) db="${1#--db=}" ;;
    --tomcat-threads=*) threads="${1#--tomcat-threads=}" ;;
    --skip-build) build=0 ;;
    --jfr=*) jfr="${1#--jfr=}" ;;
    --tool-arg=*) tool_args+=("${1#--tool-arg=}") ;;
    --port=*) port="${1#--port=}" ;;
    --) shift; gen_args=("$@"); break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

case "$port" in
  *[!0-9]*|'') echo "--port must be a number, not '$port'" >&2; exit 2 ;;
esac
base="http://127.0.0.1:$port"
platform_port=$((port + 1))
jar=${TOOL_JAR:-lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar}
gen_jar=bench/target/benchmarks.jar
out=bench/target/launch-load
mkdir -p "$out"

if [ "$(nproc --all)" -lt 2 ]; then
  echo "needs 2 cores: the tool on core 0, the load generator on core 1" >&2
  exit 2
fi
if [ -n "$peer" ] && [ ! -f "$peer" ]; then
  echo "no peer jar at $peer: build it as docs/benchmarks.md (\"LTI launch\") says" >&2
  exit 2
fi
for p in "$port" "$platform_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "something already listens on 127.0.0.1:$p; stop it first or choose another --port" >&2
    exit 2
  fi
done

case "$threads" in
  shipped) thread_args=() ;;
  *[!0-9]*|'') echo "--tomcat-threads must be a number" >&2; exit 2 ;;
  *) thread_args=("--server.tomcat.threads.max=$threads" "--server.tomcat.threads.min-spare=$threads") ;;
esac

size_args=()
if [ "$short" = 1 ]; then
  size_args=(--warmup 5000 --batch 5000 --batches 1)
fi

if [ "$build" = 1 ]; then
  echo "building the tool and the load generator..."
  ./mvnw -B -q -DskipTests -pl lti-tool,bench -am package
fi

case "$db" in
  h2)
    db_args=("--spring.datasource.url=jdbc:h2:mem:attest-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;ANALYZE_AUTO=100"
             "--spring.datasource.username=attest" "--spring.datasource.password=")
    db_label="H2 (in memory)"
    gen_db=()
    ;;
  postgresql)
    if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
      echo "PostgreSQL is not listening on 127.0.0.1:5432; starting it with deploy/local-postgres.sh"
      bash deploy/local-postgres.sh
    fi
    schema="launch_bench_$(date +%s)_$$"
    db_args=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/attest?currentSchema=$schema"
             "--spring.datasource.username=attest" "--spring.datasource.password=attest"
             "--spring.flyway.schemas=$schema" "--spring.flyway.create-schemas=true")
    db_label="PostgreSQL"
    gen_db=(--db-process postgres)
    ;;
  *) echo "--db must be h2 or postgresql" >&2; exit 2 ;;
esac

sampling=
if [ -n "$jfr" ]; then
  # The JDK's "profile" settings, but sampling running Java code every 1 ms instead of 10 ms.
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  sampling="$(pwd)/$out/sampling.jfc"
  sed 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
    "$java_home/lib/jfr/profile.jfc" >"$sampling"
fi

tool_pid=
tool_log=
stop_tool() {
  if [ -n "$tool_pid" ] && kill -0 "$tool_pid" 2>/dev/null; then
    kill "$tool_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$tool_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$tool_pid" 2>/dev/null || true
  fi
  tool_pid=
}
cleanup() {
  stop_tool
  if [ "$db" = postgresql ] && command -v psql >/dev/null; then
    PGPASSWORD=attest psql -q -h 127.0.0.1 -U attest -d attest -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

# java on core 0 as one core; the JVM options with JFR's deep stacks (Spring's are deeper than JFR's default 64
# frames) when profiling. ${TOOL_JAVA_OPTS:-} is split on purpose: it holds JVM options.
tool_java() {
  tool_log=$1
  shift
  local jvm=(-XX:ActiveProcessorCount=1)
  [ -n "$jfr" ] && jvm+=(-XX:FlightRecorderOptions:stackdepth=256)
  # shellcheck disable=SC2086
  taskset -c 0 java "${jvm[@]}" ${TOOL_JAVA_OPTS:-} -jar "$@" "--server.port=$port" \
    ${thread_args[@]+"${thread_args[@]}"} ${tool_args[@]+"${tool_args[@]}"} >"$tool_log" 2>&1 &
  tool_pid=$!
}

start_attest() {
  echo "starting Attest on core 0 ($db_label, Tomcat threads: $threads), log in $out/attest-$db.log"
  tool_java "$out/attest-$db.log" "$jar" --attest.base-url="$base" --logging.level.org.attest=WARN \
    --attest.registration.open=true --attest.platform-http.allow-private-networks=true \
    --attest.rate-limit.login.per-address=100000000 --attest.rate-limit.login.per-platform=100000000 \
    --attest.rate-limit.launch.per-address=100000000 --attest.rate-limit.launch.per-platform=100000000 \
    --attest.lti.max-login-states-per-platform=1000000 "${db_args[@]}"
}

start_peer() {
  local issuer="http://127.0.0.1:$platform_port/moodle"
  echo "starting the peer on core 0 (in memory, Tomcat threads: $threads), log in $out/peer.log"
  tool_java "$out/peer.log" "$peer" --platform.issuer="$issuer" --platform.client-id=perf-client \
    --platform.authorization-uri="$issuer/mod/lti/auth.php" --platform.jwks-uri="$issuer/mod/lti/certs.php" \
    --logging.level.root=WARN
}

# measure NAME RESULT_JSON [LaunchLoad options]: the generator on core 1 against the tool just started, then stops it.
measure() {
  local name=$1 json=$2 status=0
  shift 2
  echo "running the load generator on core 1 against $name (pid $tool_pid)"
  taskset -c 1 java -XX:ActiveProcessorCount=1 -cp "$gen_jar" org.attest.bench.launch.LaunchLoad \
    --tool "$base" --tool-pid "$tool_pid" --tomcat-threads "$threads" --json "$json" "$@" \
    ${size_args[@]+"${size_args[@]}"} ${gen_args[@]+"${gen_args[@]}"} || status=$?
  if ! kill -0 "$tool_pid" 2>/dev/null; then
    echo "$name exited early; the end of its log:" >&2
    tail -n 40 "$tool_log" >&2
  fi
  stop_tool
  return $status
}

jfr_of() {
  [ -n "$jfr" ] && printf '%s\n' --jfr "$1" --jfr-settings "$sampling"
  return 0
}

results=()
status=0
if [ "$attest" = 1 ]; then
  rm -f "$out/result-$db.json"
  start_attest
  mapfile -t attest_jfr < <(jfr_of "$jfr")
  measure Attest "$out/result-$db.json" --database "$db_label" ${gen_db[@]+"${gen_db[@]}"} \
    ${attest_jfr[@]+"${attest_jfr[@]}"} || status=$?
  [ -f "$out/result-$db.json" ] && results+=("$out/result-$db.json")
fi
if [ -n "$peer" ]; then
  rm -f "$out/result-peer.json"
  start_peer
  mapfile -t peer_jfr < <(jfr_of "${jfr%.jfr}-peer.jfr")
  measure "the peer" "$out/result-peer.json" --target peer --platform-port "$platform_port" --client-id perf-client \
    ${peer_jfr[@]+"${peer_jfr[@]}"} || status=$?
  [ -f "$out/result-peer.json" ] && results+=("$out/result-peer.json")
fi

if [ ${#results[@]} -gt 0 ]; then
  echo
  echo "=== side by side (same run, same generator and settings; tool on core 0, generator on core 1) ==="
  java -cp "$gen_jar" org.attest.bench.launch.SideBySide "${results[@]}"
  echo "results: ${results[*]}; logs in $out"
fi
exit $status

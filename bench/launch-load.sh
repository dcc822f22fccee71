#!/usr/bin/env bash
# LTI launch load benchmark (docs/benchmarks.md, "LTI launch"): builds the tool and the load
# generator, starts the tool pinned to core 0 on an in-memory H2 database (default) or on
# PostgreSQL (--db=postgresql, a fresh schema in database attest on 127.0.0.1:5432), runs
# org.attest.bench.launch.LaunchLoad pinned to core 1, prints the results and stops the tool it
# started (that PID only). The generator plays a platform on loopback and registers through the open
# registration URL, so the tool runs with open registration and private networks allowed; the rate limits
# and the login-state ceiling stay on (their cost is measured) with limits no batch reaches.
#
# usage: bench/launch-load.sh [--db=h2|postgresql] [--tomcat-threads=N|shipped] [--skip-build] [--jfr=FILE]
#                             [--tool-arg=ARG ...] [--peer=JAR] [-- LaunchLoad options, e.g. --batch 5000 --batches 6 --warmup 60000]
#   --peer=JAR       measure the Java peer instead of Attest, under the same settings and generator: the jar built
#                    from ../shared/peers/spring-security-lti13 (copy it somewhere writable, `./mvnw -q -f pom.xml
#                    package` there, give target/peer-oxctl.jar); it keeps state in memory, so --db does not apply
#   --tomcat-threads=N  Tomcat request threads of the tool (default 4: one core, requests queue FIFO
#                    instead of 64 threads time-slicing one core); "shipped" keeps the tool's own
#                    configuration (Tomcat's default of 200 threads)
#   --jfr=FILE       record a JFR profile (settings=profile) of the measured batches only; the
#                    profiler costs CPU, so the numbers of such a run are not the results
#   --tool-arg=ARG   extra Spring Boot argument for the tool, e.g. --tool-arg=--server.tomcat.threads.max=16
#   TOOL_JAVA_OPTS   extra JVM options for the tool (environment)
#   TOOL_JAR         another build of the tool to measure (environment; default lti-tool/target/...)
set -euo pipefail
cd "$(dirname "$0")/.."

db=h2
threads=4
build=1
jfr=
peer=
tool_args=()
gen_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db=*) db="${1#--db=}" ;;
    --tomcat-threads=*) threads="${1#--tomcat-threads=}" ;;
    --skip-build) build=0 ;;
    --jfr=*) jfr="${1#--jfr=}" ;;
    --tool-arg=*) tool_args+=("${1#--tool-arg=}") ;;
    --peer=*) peer="${1#--peer=}" ;;
    --) shift; gen_args=("$@"); break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

port=18090
base="http://127.0.0.1:$port"
jar=${TOOL_JAR:-lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar}
gen_jar=bench/target/benchmarks.jar
out=bench/target/launch-load
mkdir -p "$out"

if [ "$(nproc --all)" -lt 2 ]; then
  echo "needs 2 cores: the tool on core 0, the load generator on core 1" >&2
  exit 2
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "something already listens on 127.0.0.1:$port; stop it first" >&2
  exit 2
fi

if [ "$build" = 1 ]; then
  echo "building the tool and the load generator..."
  ./mvnw -B -q -DskipTests -pl lti-tool,bench -am package
fi

case "$db" in
  h2)
    db_args=("--spring.datasource.url=jdbc:h2:mem:attest-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
             "--spring.datasource.username=attest" "--spring.datasource.password=")
    label="H2 (in memory)"
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
    label="PostgreSQL"
    gen_db=(--db-process postgres)
    ;;
  *) echo "--db must be h2 or postgresql" >&2; exit 2 ;;
esac

case "$threads" in
  shipped) thread_args=() ;;
  *[!0-9]*|'') echo "--tomcat-threads must be a number or 'shipped'" >&2; exit 2 ;;
  *) thread_args=("--server.tomcat.threads.max=$threads" "--server.tomcat.threads.min-spare=$threads") ;;
esac

jfr_args=()
tool_jfr_opts=
if [ -n "$jfr" ]; then
  # The JDK's "profile" settings, but sampling running Java code every 1 ms instead of 10 ms, and
  # deep stacks (Spring's are deeper than JFR's default 64 frames).
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  sed 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
    "$java_home/lib/jfr/profile.jfc" >"$out/sampling.jfc"
  jfr_args=(--jfr "$jfr" --jfr-settings "$(pwd)/$out/sampling.jfc")
  tool_jfr_opts="-XX:FlightRecorderOptions:stackdepth=256"
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
  if [ "$db" = postgresql ] && command -v psql >/dev/null; then
    PGPASSWORD=attest psql -q -h 127.0.0.1 -U attest -d attest -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

if [ -n "$peer" ]; then
  [ -f "$peer" ] || { echo "no peer jar at $peer (see --peer in the usage at the top of $0)" >&2; exit 2; }
  platform_port=18091
  issuer="http://127.0.0.1:$platform_port/moodle"
  log="$out/peer.log"
  label="Java peer (spring-security-lti13), in memory"
  echo "starting the peer on core 0 (Tomcat threads: $threads), log in $log"
  # shellcheck disable=SC2086
  taskset -c 0 java -XX:ActiveProcessorCount=1 $tool_jfr_opts ${TOOL_JAVA_OPTS:-} -jar "$peer" \
    --server.port=$port --platform.issuer="$issuer" --platform.client-id=perf-client \
    --platform.authorization-uri="$issuer/mod/lti/auth.php" --platform.jwks-uri="$issuer/mod/lti/certs.php" \
    --logging.level.root=WARN ${thread_args[@]+"${thread_args[@]}"} ${tool_args[@]+"${tool_args[@]}"} >"$log" 2>&1 &
  tool_pid=$!
  gen_db=(--target peer --platform-port "$platform_port" --client-id perf-client)
  db=peer
else
log="$out/tool-$db.log"
echo "starting the tool on core 0 ($label, Tomcat threads: $threads), log in $log"
# ${TOOL_JAVA_OPTS:-} is split on purpose: it holds JVM options.
# shellcheck disable=SC2086
taskset -c 0 java -XX:ActiveProcessorCount=1 $tool_jfr_opts ${TOOL_JAVA_OPTS:-} -jar "$jar" \
  --server.port=$port --attest.base-url=$base --logging.level.org.attest=WARN \
  --attest.registration.open=true --attest.platform-http.allow-private-networks=true \
  --attest.rate-limit.login.per-address=100000000 --attest.rate-limit.login.per-platform=100000000 \
  --attest.rate-limit.launch.per-address=100000000 --attest.rate-limit.launch.per-platform=100000000 \
  --attest.lti.max-login-states-per-platform=1000000 \
  "${db_args[@]}" ${thread_args[@]+"${thread_args[@]}"} ${tool_args[@]+"${tool_args[@]}"} >"$log" 2>&1 &
tool_pid=$!
fi

echo "running the load generator on core 1 against pid $tool_pid"
status=0
taskset -c 1 java -XX:ActiveProcessorCount=1 -cp "$gen_jar" org.attest.bench.launch.LaunchLoad \
  --tool "$base" --tool-pid "$tool_pid" --label "$label, Tomcat threads $threads" --json "$out/result-$db.json" \
  ${gen_db[@]+"${gen_db[@]}"} ${jfr_args[@]+"${jfr_args[@]}"} ${gen_args[@]+"${gen_args[@]}"} || status=$?

if ! kill -0 "$tool_pid" 2>/dev/null; then
  echo "the tool exited early; the end of its log:" >&2
  tail -n 40 "$log" >&2
fi
echo "results: $out/result-$db.json; tool log: $log"
exit $status

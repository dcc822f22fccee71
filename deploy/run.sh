#!/usr/bin/env bash
# Runs Attest's production jar the fast way (docs/operations.md, "Starting fast"): the jar extracted once,
# and the classes the start loads kept in an archive the JVM maps instead of loading them again.
#   JDK 25 and later: an AOT cache (-XX:AOTCache, JEP 483/514/515: classes loaded and linked, method profiles).
#   JDK 17 to 24:     a class-data-sharing archive (-XX:SharedArchiveFile, a dynamic CDS archive).
# The archive is made once, by a training run before the first start: the tool starts on a throwaway in-memory
# database and stops once its context is ready (-Dspring.context.exit=onRefresh), so it never opens a port and
# never touches your database. Every later start maps it. A new jar or another JDK makes a new archive; if one
# cannot be made, Attest starts without it (and says so).
#
# usage: deploy/run.sh [--prepare] [Spring Boot arguments...]
#   --prepare        make the archive (if needed) and exit without starting, e.g. while building an image
#   ATTEST_JAR       the jar to run (default: lti-tool/target/lti-tool-*.jar next to this script)
#   ATTEST_JVM_CACHE where the extracted jar and the archive live (default: ./data/jvm, beside the embedded database)
#   ATTEST_ARCHIVE   off: run the extracted jar without an archive
#   JAVA             the java to use (default: $JAVA_HOME/bin/java, else java on the PATH)
#   JAVA_OPTS        extra JVM options, after Attest's (so they win), used by the training run too
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prepare=0
if [ "${1:-}" = "--prepare" ]; then
  prepare=1
  shift
fi

java=${JAVA:-}
if [ -z "$java" ]; then
  if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
fi
jar=${ATTEST_JAR:-}
if [ -z "$jar" ]; then
  for candidate in "$here"/../lti-tool/target/lti-tool-*.jar; do
    case "$candidate" in *-classes.jar|*-tests.jar|*-sources.jar) continue ;; esac
    [ -f "$candidate" ] && jar=$candidate
  done
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "run.sh: no Attest jar at '${jar:-lti-tool/target/lti-tool-*.jar}'. Build it (./mvnw -q -DskipTests package) or set ATTEST_JAR." >&2
  exit 2
fi
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
cache_root=${ATTEST_JVM_CACHE:-./data/jvm}
mkdir -p "$cache_root"
cache_root=$(cd "$cache_root" && pwd)

version=$("$java" -version 2>&1) || { echo "run.sh: '$java -version' failed: $version" >&2; exit 2; }
major=$(printf '%s\n' "$version" | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
if [ -z "$major" ] || [ "$major" -lt 17 ]; then
  echo "run.sh: Attest needs Java 17 or newer; '$java' is: $(printf '%s\n' "$version" | head -n 1)" >&2
  exit 2
fi

# Memory (docs/operations.md, "Memory"): G1 gives the heap it grew during the start back once the tool is idle
# for 10 s (no effect under load, when collections happen anyway, nor under SerialGC, which the JVM picks on one CPU).
# JAVA_OPTS comes after, so an operator's own choice wins.
# shellcheck disable=SC2206 # JAVA_OPTS holds several options on purpose
jvm_opts=(-XX:G1PeriodicGCInterval=10000 ${JAVA_OPTS:-})

# One directory per jar (path, size, modification time) and JDK build: an archive is valid only for the exact
# classpath and JVM it was made with. (Hashing the 70 MB jar would cost a noticeable part of the start.)
key=$(printf '%s\n' "$jar" "$(stat -c '%s %Y' "$jar")" "$version" "${JAVA_OPTS:-}" | sha256sum | cut -c1-16)
dir="$cache_root/$key"
app="$dir/app/$(basename "$jar")"
if [ "$major" -ge 25 ]; then
  archive="$dir/app.aot"
  use_archive=(-XX:AOTCache="$archive")
  make_archive=-XX:AOTCacheOutput=
else
  archive="$dir/app.jsa"
  use_archive=(-XX:SharedArchiveFile="$archive")
  make_archive=-XX:ArchiveClassesAtExit=
fi

if [ ! -f "$app" ]; then
  tmp="$dir.tmp.$$"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$tmp/app" >/dev/null
  # Another start of the same jar may have got there first: then use its copy.
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  # Archives of older jars or JDKs are never used again.
  find "$cache_root" -mindepth 1 -maxdepth 1 -type d ! -name "$key" ! -name "*.tmp.*" -exec rm -rf {} +
fi

if [ "${ATTEST_ARCHIVE:-on}" = "off" ]; then
  use_archive=()
elif [ ! -f "$archive" ] && [ ! -f "$dir/training-failed" ]; then
  echo "run.sh: first start with this jar and JDK: making the start-up archive $archive (once, about a minute)" >&2
  # A throwaway in-memory database (system properties beat the environment's SPRING_DATASOURCE_*); no port is opened,
  # since the context exits before the web server starts.
  if (cd "$dir" && env -u SPRING_FLYWAY_URL -u SPRING_FLYWAY_USER -u SPRING_FLYWAY_PASSWORD -u SPRING_DATASOURCE_DRIVER_CLASS_NAME \
        "$java" "${jvm_opts[@]}" "$make_archive$archive.$$" -Dspring.context.exit=onRefresh \
        "-Dspring.datasource.url=jdbc:h2:mem:attest-training;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ANALYZE_AUTO=100" \
        -Dspring.datasource.username=attest -Dspring.datasource.password= -Dserver.port=0 \
        -jar "$app" >"$dir/training.log" 2>&1) && [ -f "$archive.$$" ] && mv "$archive.$$" "$archive"; then
    echo "run.sh: start-up archive made; later starts use it" >&2
  else
    rm -f "$archive.$$"
    touch "$dir/training-failed"
    echo "run.sh: could not make the start-up archive (see $dir/training.log); starting without it (delete $dir to try again)" >&2
  fi
fi
if [ ! -f "$archive" ]; then
  use_archive=()
fi

if [ "$prepare" = 1 ]; then
  exit 0
fi
exec "$java" "${jvm_opts[@]}" ${use_archive[@]+"${use_archive[@]}"} -jar "$app" "$@"

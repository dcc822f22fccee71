#!/usr/bin/env bash
# Unit recording form benchmark (docs/benchmarks.md, "Unit recording form"): compiles the tool and its tests, then
# renders Unit 224's recording form warm with the tool's renderer (org.attest.tool.documents.RecordingFormBenchmark,
# in lti-tool's test sources beside the PDF tests' fixtures) and prints mean, p50, p95 and max per form.
# No database, no server. Target: 300 ms or less per form, warm.
#
# usage: bench/recording-form.sh [WARMUP_FORMS] [MEASURED_FORMS]     (defaults 50 and 200)
#   JAVA_OPTS   extra JVM options (environment), e.g. JAVA_OPTS="-Xmx256m"
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl lti-tool -am -DskipTests test-compile
./mvnw -B -q -pl lti-tool dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/recording-form.classpath
exec java ${JAVA_OPTS:-} -cp "lti-tool/target/test-classes:lti-tool/target/classes:$(cat lti-tool/target/recording-form.classpath)" \
  org.attest.tool.documents.RecordingFormBenchmark "$@"

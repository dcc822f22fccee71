#!/usr/bin/env bash
# Portfolio export benchmark (docs/benchmarks.md, "Portfolio export"): 15 learners of one course upload 20 generated
# files each (300 files, SIZE_MB in all) through the tool's upload route, then their assessor downloads the course's
# export ZIP over HTTP (org.attest.tool.web.ExportBenchmark, run by Maven on H2 in one JVM that holds the tool, with
# -Xmx256m so that an export holding a file or the ZIP in memory would fail). Prints the throughput and the peak RSS
# of the JVM during the download (VmHWM, reset just before it). The generated files live in the test file store
# (lti-tool/target/test-files/<random>), which this script removes afterwards.
#
# usage: bench/export.sh [SIZE_MB]     (default 2048)
#   HEAP   the tool's heap limit (environment; default 256m)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-2048}
heap=${HEAP:-256m}
before=$(ls -d lti-tool/target/test-files/* 2>/dev/null || true)
cleanup() {
  for d in lti-tool/target/test-files/*; do
    [ -d "$d" ] || continue
    if ! printf '%s\n' "$before" | grep -qxF "$d"; then rm -rf "$d"; fi
  done
}
trap cleanup EXIT
./mvnw -B -pl lti-tool -am test -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dattest.bench.export.mb="$size" -DargLine="-Xmx$heap" -Djacoco.skip=true \
  | tee lti-tool/target/export-benchmark.log | grep -E "uploaded|EXPORT|Tests run|FAIL|ERROR" || true
grep -h -E "uploaded|EXPORT" lti-tool/target/surefire-reports/*ExportBenchmark*-output.txt 2>/dev/null || true

#!/usr/bin/env bash
# Scale-out benchmark (docs/benchmarks.md, "Scale-out"): full LTI launches per second and CPU per launch with Attest
# on 1 and on 3 replicas, on one PostgreSQL, behind HAProxy on loopback (round-robin, no stickiness). The replicas
# share core 0 (so both runs give the tool the same CPU and what differs is what more replicas cost), HAProxy and the
# load generator run on core 1, PostgreSQL where the kernel puts it; the generator reports the replicas' CPU and the
# database's per full launch, ScaleOut adds HAProxy's. Each run starts its replicas at once on a fresh schema of
# database attest on 127.0.0.1:5432 and drops it afterwards. Needs HAProxy (apt-get install haproxy) and PostgreSQL
# (deploy/local-postgres.sh).
#
# usage: bench/scale-out.sh [--short] [--skip-build] [--replicas="1 3"] [--lb-port=18300] [-- LaunchLoad options]
#   (no option)  30,000 warm-up then 20,000 timed full launches (4 batches of 5,000) at 64 concurrent, per run
#   --short      5,000 warm-up, 5,000 timed
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
short=0
counts="1 3"
lb_port=18300
gen_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --skip-build) build=0 ;;
    --replicas=*) counts="${1#--replicas=}" ;;
    --lb-port=*) lb_port="${1#--lb-port=}" ;;
    --) shift; gen_args=("$@"); break ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done
case "$lb_port" in
  *[!0-9]*|'') echo "--lb-port must be a number, not '$lb_port'" >&2; exit 2 ;;
esac
[ -x /usr/sbin/haproxy ] || { echo "needs HAProxy: apt-get install haproxy" >&2; exit 2; }
(exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || bash deploy/local-postgres.sh
if [ "$build" = 1 ]; then
  echo "building the tool and the load generator..."
  ./mvnw -B -q -DskipTests -pl lti-tool,bench -am package
fi
size_args=()
[ "$short" = 1 ] && size_args=(--warmup 5000 --batch 5000 --batches 1)
out=bench/target/scale-out
mkdir -p "$out"
for n in $counts; do
  echo "=== Attest on $n replica(s) ==="
  java -cp bench/target/benchmarks.jar org.attest.bench.scale.ScaleOut --replicas "$n" --lb-port "$lb_port" \
    --work "$out/$n" -- --json "$out/attest-x$n.json" ${size_args[@]+"${size_args[@]}"} ${gen_args[@]+"${gen_args[@]}"}
done

#!/usr/bin/env bash
# What observability costs the workload gateway: its throughput with every event subscriber the server has on the
# data plane's events (traffic ledger, SLIs, flow-log/query-log pipeline, PrivateLink metrics and Prometheus series;
# GatewayBenchServer gateway-observed) against the same gateway whose events nobody listens to (gateway-private),
# side by side, both judging every call PRIVATE through an interface endpoint, in front of one upstream.
# Small GETs with wrk at 8 connections (where the per-request cost shows), the two taking turns in each round;
# medians of the rounds, the load average at each round, and the ratio (goal: observed >= 95% of quiet).
#
# Usage: bench/observability.sh [--seconds 5] [--warmup 10] [--rounds 3] [--connections 8] [--threads 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds=5 warmup=10 rounds=3 connections=8 threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install -y wrk)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl bench -am package
jar="$root/bench/target/benchmarks.jar"
# The work directory, start() for the roles, median() and load().
source "$root/bench/gateway-roles.sh"

upstream=$(start upstream "$jar" upstream 0 1)
declare -A port=([quiet]=$(start quiet "$jar" gateway-private "http://127.0.0.1:$upstream" "$threads")
                 [observed]=$(start observed "$jar" gateway-observed "http://127.0.0.1:$upstream" "$threads"))
wrk_threads=$(( connections < threads ? connections : threads ))
echo "observability benchmark: $(nproc) cores, $connections connections, ${seconds}s x $rounds round(s) after ${warmup}s warm-up; load average at the start: $(load)"
for target in quiet observed; do
  wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key" >/dev/null
done
declare -A r=()
loads=""
for _ in $(seq "$rounds"); do
  loads="$loads $(load)"
  for target in quiet observed; do
    out=$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key")
    r[$target]="${r[$target]:-} $(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  done
done
quiet=$(median <<<"${r[quiet]}")
observed=$(median <<<"${r[observed]}")
echo "load average at each round:$loads"
printf '%-10s %12s   %s\n' target "req/s" "rounds"
printf '%-10s %12.0f  %s\n' quiet "$quiet" "${r[quiet]}" observed "$observed" "${r[observed]}"
awk -v o="$observed" -v q="$quiet" 'BEGIN {printf "observed/quiet: %.1f%% (goal >= 95%%: at most 5%% lower)\n", 100 * o / q}'

#!/usr/bin/env bash
# What observability costs the workload gateway: its throughput with every event subscriber the server has on the
# data plane's events (traffic ledger, SLIs, flow-log/query-log pipeline, PrivateLink metrics and Prometheus series;
# GatewayBenchServer gateway-observed) against the same gateway whose events nobody listens to (gateway-private),
# side by side, both judging every call PRIVATE through an interface endpoint, in front of one upstream.
# Small GETs with wrk at 8 connections (where the per-request cost shows), the targets taking turns in each round
# (in an order rotated each round);
# medians of the rounds, the load average at each round, and the ratio (goal: observed >= 95% of quiet).
# Also the gateway's CPU time per request (user + system over its threads but the JIT compilers', /proc/PID/task/*/stat,
# 10 ms ticks), which the machine's load changes less than requests/s. --before JAR adds the same two roles of an earlier build
# to the same rounds, so a change is measured against what it replaces under the same load.
#
# Usage: bench/observability.sh [--seconds 5] [--warmup 20] [--rounds 3] [--connections 8] [--threads 2] [--before JAR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds=5 warmup=20 rounds=3 connections=8 threads=2 before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --before) before=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install -y wrk)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl bench -am package
jar="$root/bench/target/benchmarks.jar"
# The work directory, start() for the roles, median() and load().
source "$root/bench/gateway-roles.sh"
# The JIT compiler threads are left out: on a loaded machine they are still compiling well after the warm-up.
ticks() {
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in "C1 Compiler"* | "C2 Compiler"*) continue ;; esac
    sed 's/.*) //' "$task/stat" 2>/dev/null
  done | awk '{s += $12 + $13} END {print s}'
}
hz=$(getconf CLK_TCK)

upstream=$(start upstream "$jar" upstream 0 1)
declare -A port=([quiet]=$(start quiet "$jar" gateway-private "http://127.0.0.1:$upstream" "$threads")
                 [observed]=$(start observed "$jar" gateway-observed "http://127.0.0.1:$upstream" "$threads"))
targets="quiet observed"
if [ -n "$before" ]; then
  port[before-quiet]=$(start before-quiet "$before" gateway-private "http://127.0.0.1:$upstream" "$threads")
  port[before-observed]=$(start before-observed "$before" gateway-observed "http://127.0.0.1:$upstream" "$threads")
  targets="$targets before-quiet before-observed"
fi
wrk_threads=$(( connections < threads ? connections : threads ))
echo "observability benchmark: $(nproc) cores, $connections connections, ${seconds}s x $rounds round(s) after ${warmup}s warm-up; load average at the start: $(load)"
for target in $targets; do
  wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key" >/dev/null
done
declare -A r=() c=()
loads=""
order=$targets
for _ in $(seq "$rounds"); do
  loads="$loads $(load)"
  # Each round starts one target further on: measured with a fixed order, the pair that went first came out some eight
  # points lower whichever build it was (bench/README.md).
  order="$(rotate "$order")"
  for target in $order; do
    pid=$(cat "$work/$target.pid")
    t0=$(ticks "$pid")
    out=$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key")
    t1=$(ticks "$pid")
    r[$target]="${r[$target]:-} $(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    c[$target]="${c[$target]:-} $(awk -v t=$((t1 - t0)) -v hz="$hz" '/requests in/ {if ($1 > 0) printf "%.2f", t / hz * 1e6 / $1; else printf "nan"}' <<<"$out")"
  done
done
echo "load average at each round:$loads"
printf '%-16s %10s %12s   %s\n' target "req/s" "CPU µs/req" "rounds (req/s; CPU µs/req)"
declare -A m=() u=()
for target in $targets; do
  m[$target]=$(median <<<"${r[$target]}")
  u[$target]=$(median <<<"${c[$target]}")
  printf '%-16s %10.0f %12.2f   %s;%s\n' "$target" "${m[$target]}" "${u[$target]}" "${r[$target]}" "${c[$target]}"
done
for prefix in "" "before-"; do
  [ -n "${m[${prefix}quiet]:-}" ] || continue
  awk -v o="${m[${prefix}observed]}" -v q="${m[${prefix}quiet]}" -v co="${u[${prefix}observed]}" -v cq="${u[${prefix}quiet]}" -v p="$prefix" \
    'BEGIN {printf "%sobserved/quiet: %.1f%% of the requests/s (goal >= 95%%: at most 5%% lower); %.1f%% more CPU per request\n", p, 100 * o / q, 100 * (co / cq - 1)}'
done

#!/usr/bin/env bash
# API throughput of Backlane (in memory and on the embedded store) against moto_server, side by side in
# one run: wrk drives CreateSecurityGroup with unique names in the default VPC, then
# DescribeSecurityGroups filtered by a group-name wildcard with a literal prefix. Every target starts
# fresh each round, gets the same unmeasured warm-up, and is measured in the same run; the table gives
# the median over the rounds with the spread (min-max), p50/p99 latency, and the ratio to moto.
#
# Usage: bench/api-throughput.sh [--rounds 3] [--seconds 8] [--warmup 3] [--connections 8] [--threads 2]
#                                [--targets memory,embedded,moto] [--baseline JAR] [--jfr]
# --jfr records a Flight Recorder file per Backlane server in bench/logs/ (see bench/README.md).
# --baseline JAR adds the target "baseline": another build's backlane.jar on the embedded store, measured
# in the same rounds as the others, to compare a change before and after on the same load.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

rounds=3 seconds=8 warmup=3 connections=8 threads=2 targets=memory,embedded,moto jfr=false baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --jfr) jfr=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
if [[ ",$targets," == *",moto,"* ]] && ! command -v moto_server >/dev/null; then
  echo "moto_server is not on the PATH; run with --targets memory,embedded" >&2; exit 2
fi
if [ -n "$baseline" ]; then
  [ -f "$baseline" ] || { echo "--baseline: no such file: $baseline" >&2; exit 2; }
  baseline=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
  [[ ",$targets," == *",baseline,"* ]] || targets="baseline,$targets"
fi
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl cli -am package

logs="$root/bench/logs"
mkdir -p "$logs"
results=$(mktemp)
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work" "$results"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_target() { # target round port
  local target=$1 round=$2 port=$3 log="$logs/api-throughput-$1-$2.log"
  local quotas=(--quota security-groups-per-region=10000000)
  case "$target" in
    memory|embedded|baseline)
      local java_opts=(-Xmx2g)
      $jfr && java_opts+=("-XX:StartFlightRecording=filename=$logs/api-throughput-$target-$round.jfr,settings=profile")
      local store=(--in-memory) jar=cli/target/backlane.jar
      [ "$target" = memory ] || store=(--data-dir "$work/data-$target-$round")
      [ "$target" = baseline ] && jar=$baseline
      java "${java_opts[@]}" -jar "$jar" start --port "$port" "${store[@]}" "${quotas[@]}" >"$log" 2>&1 &
      server_pid=$!
      local probe="http://127.0.0.1:$port/_backlane/health" ;;
    moto)
      moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
      server_pid=$!
      local probe="http://127.0.0.1:$port/moto-api/" ;;
  esac
  for _ in $(seq 1 150); do
    if curl -sf -o /dev/null "$probe"; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "$target did not start; see $log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$target did not answer in 30 s; see $log" >&2; exit 1
}

stop_target() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

run_wrk() { # seconds url script args... ; prints the RESULT line's fields
  local duration=$1 url=$2 script=$3; shift 3
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "bench/wrk/$script" "$url" -- "$@" \
    | sed -n 's/^RESULT //p'
}

field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  for target in ${targets//,/ }; do
    port=$(free_port)
    start_target "$target" "$round" "$port"
    url="http://127.0.0.1:$port/"
    # The same warm-up for every target: creates, then describes of what the warm-up made.
    warm=$(run_wrk "$warmup" "$url" create-security-group.lua warm)
    warm_each=$(( $(field requests "$warm") * 9 / 10 / threads ))
    run_wrk "$warmup" "$url" describe-security-groups.lua warm "$threads" "$warm_each" >/dev/null
    create=$(run_wrk "$seconds" "$url" create-security-group.lua load)
    echo "$round $target create $create" >>"$results"
    each=$(( $(field requests "$create") * 9 / 10 / threads ))
    describe=$(run_wrk "$seconds" "$url" describe-security-groups.lua load "$threads" "$each")
    echo "$round $target describe $describe" >>"$results"
    echo "round $round $target: create $create | describe $describe" >&2
    stop_target
  done
done

echo
echo "API throughput: $rounds round(s), $seconds s each, wrk -t$threads -c$connections, $(nproc) cores; median (min-max) over rounds"
echo "load average (1/5/15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)${baseline:+; baseline: $baseline}"
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_, target, op, *fields = line.split()
    values = dict(f.split("=") for f in fields)
    rows.setdefault((op, target), []).append({k: float(v) for k, v in values.items()})
targets = []
for _, target in rows:
    if target not in targets:
        targets.append(target)
names = {"memory": "backlane --in-memory", "embedded": "backlane (embedded store)", "baseline": "baseline jar (embedded)",
         "moto": "moto_server"}
for op, title in (("create", "CreateSecurityGroup (unique names, default VPC)"),
                  ("describe", "DescribeSecurityGroups (group-name=prefix*, 10 matches)")):
    print()
    print(title)
    print(f"{'target':<27}{'req/s median':>13}{'min-max':>17}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'x moto':>9}")
    moto = rows.get((op, "moto"))
    moto_rps = statistics.median(r["rps"] for r in moto) if moto else None
    for target in targets:
        runs = rows.get((op, target))
        if not runs:
            continue
        rps = [r["rps"] for r in runs]
        median = statistics.median(rps)
        ratio = f"{median / moto_rps:.1f}" if moto_rps and target != "moto" else "-"
        print(f"{names.get(target, target):<27}{median:>13.0f}{f'{min(rps):.0f}-{max(rps):.0f}':>17}"
              f"{statistics.median(r['p50_ms'] for r in runs):>9.2f}{statistics.median(r['p99_ms'] for r in runs):>9.2f}"
              f"{int(sum(r['errors'] for r in runs)):>8}{ratio:>9}")
EOF

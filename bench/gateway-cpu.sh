#!/usr/bin/env bash
# What each proxy spends, in CPU time, on what it forwards: a figure the machine's load hardly changes, unlike
# latency and MB/s (bench/README.md). The workload gateway (bench/.../GatewayBenchServer), optionally an earlier
# build of it (--before JAR), HAProxy 2.6 and HAProxy with "option splice-auto", all in front of one upstream, take
# turns in each round:
#   - small GETs, wrk -c8: CPU µs and context switches per request, and for the JVMs the collections and JIT
#     compilations during the window (a JVM still compiling is not warmed up);
#   - bulk: a 100 MiB GET and PUT (curl) and 1 MiB GETs and PUTs (wrk -c8): CPU ms per MiB forwarded.
# CPU time is user + system over all the proxy's threads (/proc/PID/task/*/stat, 10 ms ticks).
#
# Usage: bench/gateway-cpu.sh [--rounds 3] [--seconds 5] [--before JAR] [--no-bulk]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds=3 seconds=5 before="" bulk=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --before) before=$(realpath "$2"); shift 2 ;;
    --no-bulk) bulk=""; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk curl haproxy jstat; do
  command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl bench -am package
jar="$root/bench/target/benchmarks.jar"
work=$(mktemp -d)
cleanup() {
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

start() { # name, jar, args...: starts a GatewayBenchServer role (as gateway.sh does) and echoes its port
  local name=$1 role_jar=$2; shift 2
  java -Xms1g -Xmx1g -Xmn768m -XX:+UseSerialGC -Xlog:gc:file="$work/$name.gc" -cp "$role_jar" dev.backlane.bench.gateway.GatewayBenchServer "$@" \
    >"$work/$name.out" 2>&1 &
  echo $! >"$work/$name.pid"
  for _ in $(seq 300); do
    if grep -q '^listening' "$work/$name.out" 2>/dev/null; then awk '/^listening/ {print $2}' "$work/$name.out"; return; fi
    sleep 0.2
  done
  echo "$name did not start:" >&2; cat "$work/$name.out" >&2; exit 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

upstream=$(start upstream "$jar" upstream 0 1)
declare -A port
port[gateway]=$(start gateway "$jar" gateway "http://127.0.0.1:$upstream" 2)
targets="gateway"
if [ -n "$before" ]; then
  port[before]=$(start before "$before" gateway "http://127.0.0.1:$upstream" 2)
  targets="$targets before"
fi
for name in haproxy haproxy-splice; do
  listen=$(free_port) extra=""
  [ $name = haproxy-splice ] && extra="option splice-auto"
  printf 'global\n  maxconn 4096\n  nbthread 2\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n  option http-keep-alive\n  http-reuse always\n  %s\nfrontend bench\n  bind 127.0.0.1:%s\n  default_backend upstream\nbackend upstream\n  server upstream 127.0.0.1:%s\n' \
    "$extra" "$listen" "$upstream" >"$work/$name.cfg"
  haproxy -f "$work/$name.cfg" -D -p "$work/$name.pid"
  port[$name]=$listen
  targets="$targets $name"
done
sleep 0.5
declare -A pid
for target in $targets; do pid[$target]=$(cat "$work/$target.pid"); done

ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '{s += $14 + $15} END {print s}'; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s}'; }
compiled() { if [ -f "$work/$1.gc" ]; then jstat -compiler "${pid[$1]}" | awk 'NR == 2 {print $1}'; else echo 0; fi; }
collections() { if [ -f "$work/$1.gc" ]; then grep -c Pause "$work/$1.gc" || true; else echo 0; fi; }
load() { awk '{print $1}' /proc/loadavg; }

echo "gateway CPU benchmark: $(nproc) cores, $rounds round(s), targets: $targets"
for target in $targets; do wrk -t2 -c8 -d3s -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key" >/dev/null; done
echo
echo "small GETs, wrk -t2 -c8 for ${seconds}s"
printf '%-6s %-15s %6s %10s %14s %12s %12s %12s\n' round target load requests "CPU us/req" "switch/req" collections "JIT methods"
for round in $(seq "$rounds"); do
  for target in $targets; do
    c0=$(ticks "${pid[$target]}") x0=$(switches "${pid[$target]}") j0=$(compiled $target) g0=$(collections $target) l=$(load)
    out=$(wrk -t2 -c8 -d"${seconds}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key")
    c1=$(ticks "${pid[$target]}") x1=$(switches "${pid[$target]}") j1=$(compiled $target) g1=$(collections $target)
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    awk -v r="$round" -v t="$target" -v l="$l" -v n="$n" -v c=$((c1 - c0)) -v x=$((x1 - x0)) -v g=$((g1 - g0)) -v j=$((j1 - j0)) \
      'BEGIN {printf "%-6s %-15s %6s %10d %14.1f %12.2f %12d %12d\n", r, t, l, n, c * 10000 / n, x / n, g, j}'
  done
done
[ -n "$bulk" ] || exit 0
echo
echo "bulk: CPU ms per MiB forwarded"
head -c 104857600 /dev/zero >"$work/100MiB"
printf '%-6s %-15s %6s %12s %12s %12s %12s\n' round target load "100MiB GET" "100MiB PUT" "1MiB GET x8" "1MiB PUT x8"
for round in $(seq "$rounds"); do
  for target in $targets; do
    url="http://127.0.0.1:${port[$target]}" p=${pid[$target]} l=$(load)
    c0=$(ticks $p); curl -s -o /dev/null "$url/bytes/104857600"; c1=$(ticks $p)
    get100=$(awk -v c=$((c1 - c0)) 'BEGIN {print c * 10 / 100}')
    c0=$(ticks $p); curl -s -o /dev/null -X PUT -H 'Expect:' --data-binary @"$work/100MiB" "$url/upload"; c1=$(ticks $p)
    put100=$(awk -v c=$((c1 - c0)) 'BEGIN {print c * 10 / 100}')
    c0=$(ticks $p); out=$(wrk -t2 -c8 -d4s "$url/bytes/1048576"); c1=$(ticks $p)
    get1=$(awk -v c=$((c1 - c0)) -v n="$(awk '/requests in/ {print $1}' <<<"$out")" 'BEGIN {print c * 10 / n}')
    c0=$(ticks $p); out=$(BODY_BYTES=1048576 wrk -t2 -c8 -d4s -s bench/wrk/upload.lua "$url/upload"); c1=$(ticks $p)
    put1=$(awk -v c=$((c1 - c0)) -v n="$(awk '/requests in/ {print $1}' <<<"$out")" 'BEGIN {print c * 10 / n}')
    printf '%-6s %-15s %6s %12.2f %12.2f %12.2f %12.2f\n' "$round" "$target" "$l" "$get100" "$put100" "$get1" "$put1"
  done
done

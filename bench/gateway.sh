#!/usr/bin/env bash
# The workload gateway's data plane against calling the upstream directly and against HAProxy 2.6 in HTTP mode,
# side by side in one run, all in front of the same upstream (a small Netty server, bench/.../BenchUpstream):
#   - small GETs: requests/s and p50/p99 at 1, 8 and 64 connections (wrk), and the latency each proxy adds
#     to the direct call;
#   - bulk: 1 MiB GETs and PUTs (wrk, 8 connections) and one 100 MiB download and upload (curl), in MB/s.
# The gateway's decider forwards every request (the decision is measured elsewhere), so this is the cost of
# the listener, the HTTP codec, the upstream pool and the event plumbing.
# Goals (issue 11): added latency <= 150 us p50 and <= 500 us p99; bulk >= 90% of direct; small requests
# >= 80% of HAProxy's rate. The machine is shared: run it when it is quiet, and read the spread.
#
# --backlane adds a fourth target for the small GETs: a workload's gateway in a real Backlane server (the cli
# jar, --upstream s3=the upstream), placed in the default VPC's subnet with an S3 gateway endpoint on its route
# table, so each request is classified and judged PRIVATE by the real decider before it is forwarded
# (needs the AWS CLI). Every small GET carries an S3 SigV4 scope (bench/wrk/s3-signed.lua) for it.
#
# --no-bulk skips the bulk part (small GETs only).
#
# Usage: bench/gateway.sh [--seconds 5] [--warmup 2] [--threads 2] [--connections "1 8 64"] [--rounds 1] [--backlane] [--no-bulk]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

seconds=5 warmup=2 threads=2 connections="1 8 64" rounds=1 backlane=false bulk=true
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --backlane) backlane=true; shift ;;
    --no-bulk) bulk=false; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk curl haproxy; do
  command -v $tool >/dev/null || { echo "$tool is needed (Debian: apt-get install -y $tool)" >&2; exit 2; }
done
if $backlane; then
  command -v aws >/dev/null || { echo "--backlane needs the AWS CLI" >&2; exit 2; }
  [ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl cli,bench -am package
else
  [ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl bench -am package
fi
jar="$root/bench/target/benchmarks.jar"

work=$(mktemp -d)
cleanup() {
  # start() runs in a command substitution (a subshell), so the processes' ids are kept in files.
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

start() { # name, args...: starts a GatewayBenchServer role and echoes its port
  local name=$1; shift
  # Serial GC with a 768 MiB young generation: a collection every few seconds, of a few MiB live, on one thread.
  # Parallel GC on a 256 MiB heap collected every second, and on two cores shared with wrk its two GC threads
  # waited for each other: pauses of 5-15 ms, up to 490 ms when the machine was busy (bench/README.md).
  java -Xms1g -Xmx1g -Xmn768m -XX:+UseSerialGC -cp "$jar" dev.backlane.bench.gateway.GatewayBenchServer "$@" >"$work/$name.out" 2>&1 &
  echo $! >"$work/$name.pid"
  for _ in $(seq 100); do
    if grep -q '^listening' "$work/$name.out" 2>/dev/null; then awk '/^listening/ {print $2}' "$work/$name.out"; return; fi
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$work/$name.out" >&2; exit 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

upstream=$(start upstream upstream 0 1)
gateway=$(start gateway gateway "http://127.0.0.1:$upstream" "$threads")
haproxy_port=$(free_port)
cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 4096
  nbthread $threads
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
  http-reuse always
frontend bench
  bind 127.0.0.1:$haproxy_port
  default_backend upstream
backend upstream
  server upstream 127.0.0.1:$upstream
CFG
haproxy -f "$work/haproxy.cfg" -D -p "$work/haproxy.pid"
declare -A port=([direct]=$upstream [gateway]=$gateway [haproxy]=$haproxy_port)
targets="direct gateway haproxy"
small_targets=$targets
if $backlane; then
  admin=$(free_port)
  java -Xmx1g -jar "$root/cli/target/backlane.jar" start --port "$admin" --in-memory --instant-transitions --log-requests=off \
    --upstream "s3=http://127.0.0.1:$upstream" >"$work/backlane.out" 2>&1 &
  echo $! >"$work/backlane.pid"
  for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$admin/_backlane/health" && break; sleep 0.2; done
  ec2() { AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1 \
    aws --endpoint-url "http://127.0.0.1:$admin" ec2 "$@" --output text; }
  vpc=$(ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId')
  route_table=$(ec2 describe-route-tables --filters Name=vpc-id,Values="$vpc" --query 'RouteTables[0].RouteTableId')
  subnet=$(ec2 describe-subnets --filters Name=vpc-id,Values="$vpc" --query 'Subnets[0].SubnetId')
  ec2 create-vpc-endpoint --vpc-id "$vpc" --service-name com.amazonaws.us-east-1.s3 --route-table-ids "$route_table" >/dev/null
  port[backlane]=$(curl -sf -X POST "http://127.0.0.1:$admin/_backlane/workloads" -d "{\"subnetId\":\"$subnet\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["gateway"]["port"])')
  # The first call loads the service models and the path engine's index: not what is measured.
  curl -sf -o /dev/null -H 'Host: bucket.s3.us-east-1.amazonaws.com' -H "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00" \
    "http://127.0.0.1:${port[backlane]}/key" || { echo "the Backlane workload's gateway did not forward a GetObject; see $work/backlane.out" >&2; exit 1; }
  small_targets="direct gateway backlane haproxy"
fi

micros() { # wrk latency ("151.00us", "1.20ms", "2.00s") in microseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "gateway benchmark: $(nproc) cores, ${seconds}s per measurement after ${warmup}s warm-up, $rounds round(s), gateway and HAProxy on $threads thread(s)"
echo
echo "small GETs (wrk --latency, a GET with an S3 SigV4 scope, ~90-byte answer)"
printf '%-5s %-8s %12s %10s %10s %12s %12s\n' conns target "req/s" "p50 us" "p99 us" "+p50 us" "+p99 us"
declare -A rps p50 p99
for c in $connections; do
  wrk_threads=$(( c < threads ? c : threads ))
  for target in $small_targets; do
    url="http://127.0.0.1:${port[$target]}/key"
    wrk -t"$wrk_threads" -c"$c" -d"${warmup}s" -s bench/wrk/s3-signed.lua "$url" >/dev/null
    r="" l50="" l99=""
    for _ in $(seq "$rounds"); do
      out=$(wrk -t"$wrk_threads" -c"$c" -d"${seconds}s" --latency -s bench/wrk/s3-signed.lua "$url")
      r="$r $(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
      l50="$l50 $(micros "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
      l99="$l99 $(micros "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    done
    rps[$c,$target]=$(median <<<"$r"); p50[$c,$target]=$(median <<<"$l50"); p99[$c,$target]=$(median <<<"$l99")
    if [ "$target" = direct ]; then add50="-" add99="-"; else
      add50=$(awk -v a="${p50[$c,$target]}" -v b="${p50[$c,direct]}" 'BEGIN {printf "%.0f", a - b}')
      add99=$(awk -v a="${p99[$c,$target]}" -v b="${p99[$c,direct]}" 'BEGIN {printf "%.0f", a - b}')
    fi
    printf '%-5s %-8s %12.0f %10.0f %10.0f %12s %12s\n' "$c" "$target" "${rps[$c,$target]}" "${p50[$c,$target]}" "${p99[$c,$target]}" "$add50" "$add99"
  done
  awk -v g="${rps[$c,gateway]}" -v h="${rps[$c,haproxy]}" -v c="$c" 'BEGIN {printf "%-5s gateway/haproxy rate: %.0f%% (goal >= 80%%)\n", c, 100 * g / h}'
  if $backlane; then
    awk -v g="${rps[$c,backlane]}" -v h="${rps[$c,haproxy]}" -v c="$c" 'BEGIN {printf "%-5s backlane/haproxy rate: %.0f%%\n", c, 100 * g / h}'
  fi
done

if ! $bulk; then
  echo
  echo "goals: +p50 <= 150 us, +p99 <= 500 us; gateway/haproxy small rate >= 80%"
  exit 0
fi
echo
echo "bulk (MB/s, 1 MB = 10^6 bytes)"
printf '%-22s %10s %10s %10s %14s %14s\n' transfer direct gateway haproxy "gw/direct" "haproxy/direct"
declare -A mbps
for target in $targets; do
  url="http://127.0.0.1:${port[$target]}"
  wrk -t2 -c8 -d"${warmup}s" "$url/bytes/1048576" >/dev/null
  out=$(wrk -t2 -c8 -d"${seconds}s" "$url/bytes/1048576")
  mbps[get1,$target]=$(awk '/^Requests\/sec/ {printf "%.0f", $2 * 1048576 / 1e6}' <<<"$out")
  out=$(BODY_BYTES=1048576 wrk -t2 -c8 -d"${seconds}s" -s bench/wrk/upload.lua "$url/upload")
  mbps[put1,$target]=$(awk '/^Requests\/sec/ {printf "%.0f", $2 * 1048576 / 1e6}' <<<"$out")
done
head -c 104857600 /dev/zero >"$work/100MiB"
for target in $targets; do
  url="http://127.0.0.1:${port[$target]}"
  d="" u=""
  for _ in 1 2 3; do
    d="$d $(curl -s -o /dev/null -w '%{speed_download}' "$url/bytes/104857600")"
    u="$u $(curl -s -o /dev/null -w '%{speed_upload}' -X PUT -H 'Expect:' --data-binary @"$work/100MiB" "$url/upload")"
  done
  mbps[get100,$target]=$(median <<<"$d" | awk '{printf "%.0f", $1 / 1e6}')
  mbps[put100,$target]=$(median <<<"$u" | awk '{printf "%.0f", $1 / 1e6}')
done
for kind in get1:"1 MiB GET x8 conns" put1:"1 MiB PUT x8 conns" get100:"100 MiB GET (curl)" put100:"100 MiB PUT (curl)"; do
  key=${kind%%:*} label=${kind#*:}
  awk -v l="$label" -v d="${mbps[$key,direct]}" -v g="${mbps[$key,gateway]}" -v h="${mbps[$key,haproxy]}" \
    'BEGIN {printf "%-22s %10d %10d %10d %13.0f%% %13.0f%%\n", l, d, g, h, 100 * g / d, 100 * h / d}'
done
echo
echo "goals: +p50 <= 150 us, +p99 <= 500 us; gateway/direct bulk >= 90%; gateway/haproxy small rate >= 80%"

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
# HAProxy runs twice: as in its default configuration (copying bodies through user space) and with
# "option splice-auto" (bodies moved by splice(2) between its sockets, the kernel's zero-copy path).
#
# --before JAR adds a "before" target: the same gateway role from another benchmarks.jar (an earlier build), so a
# change is measured side by side with what it replaces, in the same run. --rounds N repeats every measurement N
# times, the targets taking turns within each round so a change in the machine's load falls on all of them; the
# figures printed are medians, and the load average is printed at each round.
#
# --no-bulk skips the bulk part (small GETs only).
#
# Usage: bench/gateway.sh [--seconds 5] [--warmup 10] [--threads 2] [--connections "1 8 64"] [--rounds 1] [--before JAR]
#                         [--backlane] [--no-bulk]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Ten seconds of warm-up per target and concurrency: after three, the gateway's JVM still compiled hundreds of
# methods during the measured window (bench/gateway-cpu.sh), its compiler threads on the cores being measured.
seconds=5 warmup=10 threads=2 connections="1 8 64" rounds=1 backlane=false bulk=true before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --before) before=$(realpath "$2"); shift 2 ;;
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

# The work directory, start() for the roles, median(), load() and rotate().
source "$root/bench/gateway-roles.sh"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

upstream=$(start upstream "$jar" upstream 0 1)
gateway=$(start gateway "$jar" gateway "http://127.0.0.1:$upstream" "$threads")
declare -A port=([direct]=$upstream [gateway]=$gateway)
targets="direct gateway"
if [ -n "$before" ]; then
  port[before]=$(start before "$before" gateway "http://127.0.0.1:$upstream" "$threads")
  targets="$targets before"
fi
haproxy_start() { # name, extra defaults line: starts HAProxy in HTTP mode in front of the upstream
  local name=$1 extra=$2 listen
  listen=$(free_port)
  cat >"$work/$name.cfg" <<CFG
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
  $extra
frontend bench
  bind 127.0.0.1:$listen
  default_backend upstream
backend upstream
  server upstream 127.0.0.1:$upstream
CFG
  haproxy -f "$work/$name.cfg" -D -p "$work/$name.pid"
  port[$name]=$listen
}
haproxy_start haproxy ""
# HAProxy's own zero-copy forwarding: bodies move between its sockets through a pipe, never into user space.
haproxy_start haproxy-splice "option splice-auto"
targets="$targets haproxy haproxy-splice"
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
  small_targets="${targets/gateway/gateway backlane}"
fi

micros() { # wrk latency ("151.00us", "1.20ms", "2.00s") in microseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'
}

echo "gateway benchmark: $(nproc) cores, ${seconds}s per measurement after ${warmup}s warm-up, $rounds round(s), gateway and HAProxy on $threads thread(s)"
echo "targets: $targets; load average at the start: $(load)"
echo
echo "small GETs (wrk --latency, a GET with an S3 SigV4 scope, ~90-byte answer; medians of $rounds round(s))"
declare -A rps p50 p99
for c in $connections; do
  wrk_threads=$(( c < threads ? c : threads ))
  declare -A r=() l50=() l99=()
  loads=""
  for target in $small_targets; do
    wrk -t"$wrk_threads" -c"$c" -d"${warmup}s" -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key" >/dev/null
  done
  order=$small_targets
  for _ in $(seq "$rounds"); do
    loads="$loads $(load)"
    # Each round starts one target further on: measured in a fixed order, the target measured right after another
    # came out some 7% faster than in the next round's first place (bench/README, issue 14 of 2026-12-08).
    order="$(rotate "$order")"
    for target in $order; do
      out=$(wrk -t"$wrk_threads" -c"$c" -d"${seconds}s" --latency -s bench/wrk/s3-signed.lua "http://127.0.0.1:${port[$target]}/key")
      r[$target]="${r[$target]:-} $(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
      l50[$target]="${l50[$target]:-} $(micros "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
      l99[$target]="${l99[$target]:-} $(micros "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
    done
  done
  echo "$c connection(s), load average at each round:$loads"
  printf '%-5s %-15s %12s %10s %10s %12s %12s\n' conns target "req/s" "p50 us" "p99 us" "+p50 us" "+p99 us"
  for target in $small_targets; do
    rps[$c,$target]=$(median <<<"${r[$target]}"); p50[$c,$target]=$(median <<<"${l50[$target]}"); p99[$c,$target]=$(median <<<"${l99[$target]}")
    if [ "$target" = direct ]; then add50="-" add99="-"; else
      add50=$(awk -v a="${p50[$c,$target]}" -v b="${p50[$c,direct]}" 'BEGIN {printf "%.0f", a - b}')
      add99=$(awk -v a="${p99[$c,$target]}" -v b="${p99[$c,direct]}" 'BEGIN {printf "%.0f", a - b}')
    fi
    printf '%-5s %-15s %12.0f %10.0f %10.0f %12s %12s\n' "$c" "$target" "${rps[$c,$target]}" "${p50[$c,$target]}" "${p99[$c,$target]}" "$add50" "$add99"
  done
  awk -v g="${rps[$c,gateway]}" -v h="${rps[$c,haproxy]}" -v c="$c" 'BEGIN {printf "%-5s gateway/haproxy rate: %.0f%% (goal >= 80%%)\n", c, 100 * g / h}'
  if $backlane; then
    awk -v g="${rps[$c,backlane]}" -v h="${rps[$c,haproxy]}" -v c="$c" 'BEGIN {printf "%-5s backlane/haproxy rate: %.0f%%\n", c, 100 * g / h}'
  fi
  echo
done

if ! $bulk; then
  echo "load average at the end: $(load)"
  echo "goals: +p50 <= 150 us, +p99 <= 500 us; gateway/haproxy small rate >= 80%"
  exit 0
fi
echo "bulk (MB/s, 1 MB = 10^6 bytes; medians of $rounds round(s), the 100 MiB transfers 3 per round)"
head -c 104857600 /dev/zero >"$work/100MiB"
declare -A got
loads=""
for target in $targets; do
  wrk -t2 -c8 -d"${warmup}s" "http://127.0.0.1:${port[$target]}/bytes/1048576" >/dev/null
done
order=$targets
for _ in $(seq "$rounds"); do
  loads="$loads $(load)"
  order="$(rotate "$order")"
  for target in $order; do
    url="http://127.0.0.1:${port[$target]}"
    out=$(wrk -t2 -c8 -d"${seconds}s" "$url/bytes/1048576")
    got[get1,$target]="${got[get1,$target]:-} $(awk '/^Requests\/sec/ {print $2 * 1048576 / 1e6}' <<<"$out")"
    out=$(BODY_BYTES=1048576 wrk -t2 -c8 -d"${seconds}s" -s bench/wrk/upload.lua "$url/upload")
    got[put1,$target]="${got[put1,$target]:-} $(awk '/^Requests\/sec/ {print $2 * 1048576 / 1e6}' <<<"$out")"
    for _ in 1 2 3; do
      got[get100,$target]="${got[get100,$target]:-} $(curl -s -o /dev/null -w '%{speed_download}' "$url/bytes/104857600" | awk '{print $1 / 1e6}')"
      got[put100,$target]="${got[put100,$target]:-} $(curl -s -o /dev/null -w '%{speed_upload}' -X PUT -H 'Expect:' --data-binary @"$work/100MiB" "$url/upload" | awk '{print $1 / 1e6}')"
    done
  done
done
echo "load average at each round:$loads; at the end: $(load)"
printf '%-22s' transfer
for target in $targets; do printf ' %15s' "$target"; done
for target in $targets; do [ "$target" = direct ] || printf ' %15s' "$target/direct"; done
echo
for kind in get1:"1 MiB GET x8 conns" put1:"1 MiB PUT x8 conns" get100:"100 MiB GET (curl)" put100:"100 MiB PUT (curl)"; do
  key=${kind%%:*} label=${kind#*:}
  printf '%-22s' "$label"
  declare -A m=()
  for target in $targets; do m[$target]=$(median <<<"${got[$key,$target]}"); printf ' %15.0f' "${m[$target]}"; done
  for target in $targets; do
    [ "$target" = direct ] || awk -v g="${m[$target]}" -v d="${m[direct]}" 'BEGIN {printf " %14.0f%%", 100 * g / d}'
  done
  echo
done
echo
echo "goals: +p50 <= 150 us, +p99 <= 500 us; gateway/direct bulk >= 90%; gateway/haproxy small rate >= 80%"

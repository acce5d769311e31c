#!/usr/bin/env bash
# PrivateLink connections through a workload's gateway against the direct connection and against socat and HAProxy
# in TCP mode, side by side in one run, all in front of the same target process (issue 12):
#   - bulk: N connections streaming for S seconds, upload, download and both ways (MB/s, 10^6 bytes);
#   - new connections per second: N threads, each connecting, sending a byte, reading it back and closing;
#   - connect latency p50/p99 on one thread (connect, tunnel handshake, one byte echoed), and what each peer adds;
#   - idle: 10,000 connections held open through Backlane's gateway (SOCKS5), the server's heap after a full GC.
# Peers: direct (the target itself), backlane-socks5 and backlane-connect (a consumer workload's gateway, a tunnel
# to the interface endpoint's DNS name, judged by the path engine and spliced to the provider's target), socat
# (TCP-LISTEN,fork) and haproxy (mode tcp). The target and the generator are bench/.../privatelink/*.
#
# The topology is built through the AWS CLI in two accounts, as in e2e's PrivateLinkExplainIT: the provider's
# internal NLB in one default subnet, a TCP listener on 443 forwarding to an IP target group on 8080, the target's
# address (a network interface whose group admits 8080 from the VPC) mapped to the target process with
# POST /_backlane/targets, an endpoint service allowing the consumer; the consumer's interface endpoint in the
# same zone and a workload (POST /_backlane/workloads) beside it.
# Goals (issue 12): bulk >= 90% of direct and ahead of socat; added p99 connect latency < 300 us; 10,000 idle
# connections with the heap under 512 MiB. The machine is shared: the load average is printed at every round.
#
# Usage: bench/privatelink.sh [--seconds 5] [--warmup 2] [--connections 4] [--rounds 1] [--idle 10000]
#                             [--targets "direct backlane-socks5 backlane-connect socat haproxy"]
#                             [--parts bulk,rate,latency] [--before JAR]
# A further peer, haproxy-splice, is HAProxy with `option splice-auto` (zero-copy forwarding through a kernel pipe).
# For Backlane and HAProxy the table also shows the proxy's CPU time (user + system) per GB carried in the bulk runs.
# --parts measures only some of bulk, new connections/s (rate) and connect latency; --idle 0 skips the idle test.
# --before JAR starts a second Backlane server from JAR (e.g. main's, built before a change) with the same topology;
# its tunnels are the peers before-socks5 and before-connect, taking turns with the others in every round.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

seconds=5 warmup=2 connections=4 rounds=1 idle=10000 parts=bulk,rate,latency before=""
targets="direct backlane-socks5 backlane-connect socat haproxy"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    --before) before=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in socat haproxy aws jcmd curl python3; do
  command -v $tool >/dev/null || { echo "$tool is needed (Debian: apt-get install -y socat haproxy; the AWS CLI; a JDK)" >&2; exit 2; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl cli,bench -am package
jar="$root/bench/target/benchmarks.jar"
backlane_jar="$root/cli/target/backlane.jar"

# Each held tunnel is two descriptors in Backlane (the workload's side and the target's). The hard limit is what an
# unprivileged shell can reach; the JVM raises its own soft limit to it.
ulimit -n "$(ulimit -Hn)"
fits=$(( ($(ulimit -n) - 400) / 2 ))
if [ "$idle" -gt "$fits" ]; then
  echo "note: open files are limited to $(ulimit -n) here, so the idle test holds $fits connections, not $idle"
  idle=$fits
fi

work=$(mktemp -d)
cleanup() {
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { awk '{print $1}' /proc/loadavg; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The target: Serial GC, as the gateway benchmark's upstream (two cores shared with everything else).
java -Xms256m -Xmx512m -XX:+UseSerialGC -cp "$jar" dev.backlane.bench.privatelink.PrivateLinkBench serve 0 2 >"$work/target.out" 2>&1 &
echo $! >"$work/target.pid"
for _ in $(seq 100); do grep -q '^listening' "$work/target.out" 2>/dev/null && break; sleep 0.1; done
sink=$(awk '/^listening/ {print $2}' "$work/target.out")
[ -n "$sink" ] || { echo "the target did not start:" >&2; cat "$work/target.out" >&2; exit 1; }

# BACKLANE_JAVA_OPTS adds flags to the server's JVM, e.g. a flight recording to see where a connection's time goes.
backlane_flags="-Xmx1g -XX:+UseSerialGC ${BACKLANE_JAVA_OPTS:-}"
provider=111111111111 consumer=222222222222
as() { local account=$1; shift
  AWS_ACCESS_KEY_ID=$account AWS_SECRET_ACCESS_KEY=bench AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url "http://127.0.0.1:$admin" "$@" --output text; }
workload() { # a workload beside the endpoint in the server on $admin; echoes its gateway's port
  curl -sf -X POST "http://127.0.0.1:$admin/_backlane/workloads" -d "{\"account\": \"$consumer\", \"subnetId\": \"$consumer_subnet\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["gateway"]["port"])'
}
backlane_up() { # JAR PIDFILE: starts a Backlane server from JAR and builds the topology in it; sets admin, gateway, tunnel_to
  admin=$(free_port)
  # shellcheck disable=SC2086
  java $backlane_flags -jar "$1" start --port "$admin" --in-memory --instant-transitions --log-requests=off >"$work/$2.out" 2>&1 &
  echo $! >"$work/$2.pid"
  for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$admin/_backlane/health" && break; sleep 0.2; done
  local subnet vpc lb group address target_group service_id service_name consumer_vpc endpoint_name
  read -r subnet vpc zone < <(as $provider ec2 describe-subnets --filters Name=default-for-az,Values=true \
    --query 'sort_by(Subnets,&AvailabilityZoneId)[0].[SubnetId,VpcId,AvailabilityZoneId]')
  lb=$(as $provider elbv2 create-load-balancer --name front --type network --scheme internal --subnets "$subnet" --query 'LoadBalancers[0].LoadBalancerArn')
  group=$(as $provider ec2 create-security-group --group-name targets --description targets --vpc-id "$vpc" --query GroupId)
  as $provider ec2 authorize-security-group-ingress --group-id "$group" --protocol tcp --port 8080 --cidr 172.31.0.0/16 >/dev/null
  address=$(as $provider ec2 create-network-interface --subnet-id "$subnet" --groups "$group" --query NetworkInterface.PrivateIpAddress)
  target_group=$(as $provider elbv2 create-target-group --name app --protocol TCP --port 8080 --vpc-id "$vpc" --target-type ip \
    --query 'TargetGroups[0].TargetGroupArn')
  as $provider elbv2 register-targets --target-group-arn "$target_group" --targets Id="$address" >/dev/null
  as $provider elbv2 create-listener --load-balancer-arn "$lb" --protocol TCP --port 443 \
    --default-actions Type=forward,TargetGroupArn="$target_group" >/dev/null
  read -r service_id service_name < <(as $provider ec2 create-vpc-endpoint-service-configuration --network-load-balancer-arns "$lb" \
    --no-acceptance-required --query 'ServiceConfiguration.[ServiceId,ServiceName]')
  as $provider ec2 modify-vpc-endpoint-service-permissions --service-id "$service_id" --add-allowed-principals "arn:aws:iam::$consumer:root" >/dev/null
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$admin/_backlane/targets" \
    -d "{\"account\": \"$provider\", \"vpcId\": \"$vpc\", \"address\": \"$address\", \"port\": 8080, \"hostPort\": $sink}"
  read -r consumer_subnet consumer_vpc < <(as $consumer ec2 describe-subnets \
    --filters Name=default-for-az,Values=true Name=availability-zone-id,Values="$zone" --query 'Subnets[0].[SubnetId,VpcId]')
  endpoint_name=$(as $consumer ec2 create-vpc-endpoint --vpc-endpoint-type Interface --vpc-id "$consumer_vpc" --service-name "$service_name" \
    --subnet-ids "$consumer_subnet" --query 'VpcEndpoint.DnsEntries[0].DnsName')
  gateway=$(workload)
  tunnel_to="$endpoint_name:443"
  address_shown="$address"
}
if [ -n "$before" ]; then
  # The jar to compare against first, so the server measured and kept for the idle test is this tree's.
  backlane_up "$before" before
  before_gateway=$gateway before_tunnel_to=$tunnel_to
  with_before=""
  for target in $targets; do
    with_before="$with_before $target"
    if [[ $target == backlane-* ]]; then with_before="$with_before before-${target#backlane-}"; fi
  done
  targets=${with_before# }
fi
backlane_up "$backlane_jar" backlane
backlane_pid=$(cat "$work/backlane.pid")

socat_port=$(free_port)
# socat logs every peer that resets (how each bulk measurement ends): to a file, not the table.
socat TCP-LISTEN:"$socat_port",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$sink" 2>"$work/socat.err" &
echo $! >"$work/socat.pid"
haproxy_port=$(free_port)
haproxy_splice_port=$(free_port)
# maxconn: HAProxy sizes its file limit from it (and splice's pipes) and must stay under this machine's 20,000.
cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 4096
  nbthread 2
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend bench
  bind 127.0.0.1:$haproxy_port
  default_backend target
backend target
  server target 127.0.0.1:$sink
# The same with zero-copy forwarding: splice(2) through a kernel pipe whenever it helps (Linux only).
frontend bench-splice
  bind 127.0.0.1:$haproxy_splice_port
  option splice-auto
  default_backend target-splice
backend target-splice
  option splice-auto
  server target 127.0.0.1:$sink
CFG
haproxy -f "$work/haproxy.cfg" -D -p "$work/haproxy.pid"
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $socat_port)).close()" 2>/dev/null && break; sleep 0.1; done

route() { # target -> the generator's KIND PORT [HOST:PORT]
  case "$1" in
    direct) echo "direct $sink" ;;
    backlane-socks5) echo "socks5 $gateway $tunnel_to" ;;
    backlane-connect) echo "connect $gateway $tunnel_to" ;;
    before-socks5) echo "socks5 $before_gateway $before_tunnel_to" ;;
    before-connect) echo "connect $before_gateway $before_tunnel_to" ;;
    socat) echo "direct $socat_port" ;;
    haproxy) echo "direct $haproxy_port" ;;
    haproxy-splice) echo "direct $haproxy_splice_port" ;;
  esac
}
generator() { java -Xms256m -Xmx512m -XX:+UseSerialGC -Dbench.cpuOf="${cpu_of:-}" -cp "$jar" dev.backlane.bench.privatelink.PrivateLinkBench "$@"; }
# The process whose CPU time per GB carried is measured for a peer: Backlane's, HAProxy's (socat forks one a connection).
cpu_pid() {
  case "$1" in
    backlane-*) echo "$backlane_pid" ;;
    before-*) cat "$work/before.pid" ;;
    haproxy*) cat "$work/haproxy.pid" ;;
  esac
}

echo "PrivateLink benchmark: $(nproc) cores, ${seconds}s per measurement after ${warmup}s warm-up, $connections connection(s)/thread(s), $rounds round(s)"
echo "Backlane: $backlane_flags, tunnels to $tunnel_to (provider target $address_shown:8080 -> 127.0.0.1:$sink)"
[ -z "$before" ] || echo "before-*: the same tunnels through a second server started from $before"
echo "$(socat -V | awk '/socat version/ {print "socat", $3}'), $(haproxy -v | awk 'NR==1 {print "HAProxy", $3}') (mode tcp, 2 threads)"
echo "targets: $targets; load average at the start: $(load)"
declare -A got
loads=""
for _ in $(seq "$rounds"); do
  loads="$loads $(load)"
  for target in $targets; do
    # shellcheck disable=SC2046
    out=$(cpu_of=$(cpu_pid "$target") generator measure "$target" $(route "$target") "$seconds" "$warmup" "$connections" "$parts")
    while read -r name metric value; do got[$metric,$name]="${got[$metric,$name]:-} $value"; done <<<"$out"
  done
done
echo "load average at each round:$loads; after: $(load)"
echo
printf '%-22s' measure
for target in $targets; do printf ' %17s' "$target"; done
echo
keys=""
[[ ,$parts, == *,bulk,* ]] && keys="upload download both cpu_ms_per_gb"
[[ ,$parts, == *,rate,* ]] && keys="$keys conn_per_s"
[[ ,$parts, == *,latency,* ]] && keys="$keys connect_p50_us connect_p99_us connect_count"
declare -A m
for key in $keys; do
  case $key in
    cpu_ms_per_gb) label="proxy CPU ms per GB" ;;
    upload) label="bulk upload MB/s" ;; download) label="bulk download MB/s" ;; both) label="bulk both ways MB/s" ;;
    conn_per_s) label="new connections/s" ;; connect_p50_us) label="connect p50 us" ;; connect_p99_us) label="connect p99 us" ;;
    connect_count) label="connections timed" ;;
  esac
  printf '%-22s' "$label"
  for target in $targets; do
    if [ -z "${got[$key,$target]:-}" ]; then printf ' %17s' -; continue; fi
    m[$key,$target]=$(median <<<"${got[$key,$target]}"); printf ' %17.0f' "${m[$key,$target]}"
  done
  echo
done
echo
echo "ratios (medians): to direct, to socat; connect latency added to direct (us)"
printf '%-22s' measure
for target in $targets; do [ "$target" = direct ] || printf ' %17s' "$target"; done
echo
for key in $keys; do
  [[ $key != connect_* && $key != cpu_ms_per_gb ]] || continue
  for base in direct socat; do
    [[ " $targets " == *" $base "* ]] || continue
    printf '%-22s' "$key / $base"
    for target in $targets; do
      [ "$target" = direct ] || awk -v g="${m[$key,$target]}" -v d="${m[$key,$base]}" 'BEGIN {printf " %16.0f%%", 100 * g / d}'
    done
    echo
  done
done
for key in $keys; do
  [[ $key == connect_p* ]] || continue
  printf '%-22s' "+${key#connect_}"
  for target in $targets; do
    [ "$target" = direct ] || awk -v g="${m[$key,$target]}" -v d="${m[$key,direct]}" 'BEGIN {printf " %17.0f", g - d}'
  done
  echo
done
echo

if [ "$idle" -eq 0 ]; then
  exit 0
fi
heap_used() { # KiB used in the Java heap of process $1 after a full collection
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/(heap|generation) +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub(/K,?/, "", $(i+1)); s += $(i+1)}} END {print s}'
}
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
before_heap=$(heap_used "$backlane_pid") before_rss=$(rss "$backlane_pid")
mkfifo "$work/idle.in"
# One workload's gateway keeps at most 1,024 client connections (GatewayConfig.maxConnections, not a flag): the idle
# connections are spread over enough workloads in the same subnet, all in the one Backlane server.
gateways=$gateway
for _ in $(seq 2 $(( (idle + 999) / 1000 ))); do gateways="$gateways,$(workload)"; done
generator idle socks5 "$gateways" "$tunnel_to" "$idle" <"$work/idle.in" >"$work/idle.out" 2>&1 &
echo $! >"$work/idle.pid"
exec 3>"$work/idle.in"
for _ in $(seq 1800); do grep -q '^held' "$work/idle.out" && break; sleep 0.1; done
held=$(awk '/^held/ {print $2, "held,", $4, "failed"}' "$work/idle.out")
after_heap=$(heap_used "$backlane_pid") after_rss=$(rss "$backlane_pid")
exec 3>&-
wait "$(cat "$work/idle.pid")" || true
echo "idle through Backlane (SOCKS5 tunnels to the target, each echoed one byte, over $(tr , '\n' <<<"$gateways" | wc -l) workloads' gateways): $held (of $idle asked); load average $(load)"
grep -v '^held' "$work/idle.out" | head -3 || true
awk -v b="$before_heap" -v a="$after_heap" -v rb="$before_rss" -v ra="$after_rss" -v n="${held%% *}" 'BEGIN {
  printf "Backlane heap after a full GC: %.1f MiB before, %.1f MiB holding them (%.1f KiB a connection); RSS %.0f -> %.0f MiB\n",
    b / 1024, a / 1024, (n > 0 ? (a - b) / n : 0), rb / 1024, ra / 1024 }'
echo
echo "goals: bulk >= 90% of direct and ahead of socat; +p99 connect < 300 us; 10,000 idle with heap < 512 MiB"

#!/usr/bin/env bash
# DNS: Backlane's per-VPC listener against dnsmasq and unbound serving the same zone, side by side in one
# run. bench/dns_zone.py builds a VPC in Backlane through the EC2 API (ten interface endpoints with private
# DNS, forty interfaces) and writes what the VPC's view answers as a hosts file (dnsmasq) and local-data
# (unbound), plus one dnsperf query file (90% names that exist, 10% NXDOMAIN). Each target gets the same
# unmeasured warm-up, then two measured phases with dnsperf over UDP:
#   throughput: as fast as it answers (-q outstanding queries), queries/s;
#   latency:    a fixed rate (--rate) with every response's latency recorded (-v), p50/p99/max.
#
# Usage: bench/dns.sh [--seconds 10] [--warmup 5] [--outstanding 100] [--rate 20000] [--rounds 3]
#                     [--targets backlane,dnsmasq,unbound] [--jfr]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

seconds=10 warmup=5 outstanding=100 rate=20000 rounds=3 targets=backlane,dnsmasq,unbound jfr=false
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --jfr) jfr=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in dnsperf dnsmasq unbound python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install -y dnsperf dnsmasq unbound)" >&2; exit 2; }
done
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl cli -am package

logs="$root/bench/logs"
mkdir -p "$logs"
work=$(mktemp -d)
chmod 755 "$work"
results="$work/results"
backlane_pid="" peer_pid=""
stop() { # pid
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop "$peer_pid"
  stop "$backlane_pid"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for_dns() { # port pid name
  for _ in $(seq 1 100); do
    if dig @127.0.0.1 -p "$1" +time=1 +tries=1 sts.us-east-1.amazonaws.com >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "$3 did not start; see $logs" >&2; exit 1; }
    sleep 0.1
  done
  echo "$3 did not answer on port $1" >&2; exit 1
}

# Backlane runs once for the whole benchmark: its zone is what the peers serve.
api_port=$(free_port)
java_opts=(-Xmx1g)
$jfr && java_opts+=("-XX:StartFlightRecording=filename=$logs/dns-backlane.jfr,settings=profile")
java "${java_opts[@]}" -jar cli/target/backlane.jar start --port "$api_port" --in-memory >"$logs/dns-backlane.log" 2>&1 &
backlane_pid=$!
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "http://127.0.0.1:$api_port/_backlane/health" && break
  kill -0 "$backlane_pid" 2>/dev/null || { echo "Backlane did not start; see $logs/dns-backlane.log" >&2; exit 1; }
  sleep 0.2
done
zone=$(python3 bench/dns_zone.py "http://127.0.0.1:$api_port" "$work")
backlane_port=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["port"])' "$zone")
echo "zone: $zone" >&2

start_peer() { # target port
  case "$1" in
    dnsmasq)
      dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --addn-hosts="$work/hosts" --local=/example/ \
        --listen-address=127.0.0.1 --bind-interfaces --port="$2" --local-ttl=60 --cache-size=10000 \
        --user="$(id -un)" --pid-file="$work/dnsmasq.pid" >"$logs/dns-dnsmasq.log" 2>&1 &
      peer_pid=$! ;;
    unbound)
      cat >"$work/unbound.conf" <<EOF
server:
    interface: 127.0.0.1
    port: $2
    do-ip6: no
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "$work"
    pidfile: "$work/unbound.pid"
    use-syslog: no
    logfile: ""
    verbosity: 0
    num-threads: 1
    access-control: 127.0.0.0/8 allow
    module-config: "iterator"
    local-zone: "example." static
include: "$work/unbound-local.conf"
EOF
      unbound -d -c "$work/unbound.conf" >"$logs/dns-unbound.log" 2>&1 &
      peer_pid=$! ;;
  esac
  wait_for_dns "$2" "$peer_pid" "$1"
}

measure() { # target port round
  dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries" -l "$warmup" -q "$outstanding" >/dev/null 2>&1
  local out
  out=$(dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries" -l "$seconds" -q "$outstanding" 2>&1)
  local qps lost
  qps=$(sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' <<<"$out")
  lost=$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' <<<"$out")
  # Every response's latency at a fixed rate; dnsperf -v prints one line per response ending in seconds.
  local latency
  latency=$(dnsperf -s 127.0.0.1 -p "$2" -d "$work/queries" -l "$seconds" -q "$outstanding" -Q "$rate" -v 2>/dev/null \
    | python3 -c '
import sys
values = sorted(float(line.split()[-1]) for line in sys.stdin if line.startswith(">") or line.startswith("<"))
if not values:
    print("p50_ms=nan p99_ms=nan max_ms=nan n=0"); sys.exit()
pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000
print(f"p50_ms={pick(0.5):.3f} p99_ms={pick(0.99):.3f} max_ms={values[-1]*1000:.3f} n={len(values)}")')
  echo "$3 $1 qps=$qps lost=$lost $latency" | tee -a "$results" >&2
}

for round in $(seq 1 "$rounds"); do
  for target in ${targets//,/ }; do
    if [ "$target" = backlane ]; then
      measure backlane "$backlane_port" "$round"
    else
      port=$(free_port)
      start_peer "$target" "$port"
      measure "$target" "$port" "$round"
      stop "$peer_pid"; peer_pid=""
    fi
  done
done

echo
echo "DNS over UDP: $rounds round(s), dnsperf $seconds s, $outstanding outstanding; latency at $rate queries/s; $(nproc) cores; median over rounds"
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_, target, *fields = line.split()
    rows.setdefault(target, []).append({k: float(v) for k, v in (f.split("=") for f in fields)})
dnsmasq = statistics.median(r["qps"] for r in rows["dnsmasq"]) if "dnsmasq" in rows else None
names = {"backlane": "backlane (VPC listener)", "dnsmasq": "dnsmasq " , "unbound": "unbound (1 thread)"}
print(f"{'target':<26}{'queries/s':>11}{'min-max':>17}{'lost':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'x dnsmasq':>11}")
for target, runs in rows.items():
    qps = [r["qps"] for r in runs]
    median = statistics.median(qps)
    ratio = f"{median / dnsmasq:.2f}" if dnsmasq else "-"
    print(f"{names.get(target, target):<26}{median:>11.0f}{f'{min(qps):.0f}-{max(qps):.0f}':>17}{int(sum(r['lost'] for r in runs)):>6}"
          f"{statistics.median(r['p50_ms'] for r in runs):>9.3f}{statistics.median(r['p99_ms'] for r in runs):>9.3f}"
          f"{statistics.median(r['max_ms'] for r in runs):>9.3f}{ratio:>11}")
EOF

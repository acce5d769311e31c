#!/usr/bin/env bash
# Runs the foundation issue's mixed EC2 workload against Backlane and moto_server side by side, from a
# Java client (so the client is never the bottleneck), then the filtered-Describe phase on Backlane
# with 10,000 resources loaded. Prints requests/s, p50/p99 and the throughput ratio.
# Usage: bench/mixed-workload.sh [--clients 8] [--cycles 600] [--loaded 10000] [--describes 20000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o -DskipTests -pl cli,bench -am package
backlane_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx2g -jar cli/target/backlane.jar start --in-memory --port "$backlane_port" \
  --quota vpcs-per-region=1000000 --quota security-groups-per-region=1000000 >/tmp/backlane-bench.log 2>&1 &
backlane_pid=$!
moto_server -H 127.0.0.1 -p "$moto_port" >/tmp/moto-bench.log 2>&1 &
moto_pid=$!
trap 'kill $backlane_pid $moto_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$backlane_port/_backlane/health" >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$moto_port/"; then break; fi
  sleep 0.2
done
java -cp bench/target/benchmarks.jar dev.backlane.bench.MixedWorkloadBenchmark \
  --target "backlane=http://127.0.0.1:$backlane_port" --target "moto=http://127.0.0.1:$moto_port" "$@"

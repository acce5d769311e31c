#!/usr/bin/env bash
# The scale benchmark of issue 11 (VpcScaleBenchmark): 1,000 VPCs with ten interface endpoints each (private
# DNS on) and 10,000 ad-hoc workloads, made through the core's commands; prints the heap they take, DNS
# answer latency (in process and over UDP) and the gateway's decision latency, p50/p99.
#
# Usage: bench/scale.sh [VPCS] [WORKLOADS_PER_VPC] [SAMPLES]   (defaults 1000 10 200000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o -DskipTests -pl bench -am package
exec java -Xmx2g -cp bench/target/benchmarks.jar dev.backlane.bench.VpcScaleBenchmark "$@"

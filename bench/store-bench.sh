#!/usr/bin/env bash
# Durable mutations per second (CreateTags, AuthorizeSecurityGroupIngress over HTTP) with 1, 8 and 32 clients: in memory, embedded,
# and PostgreSQL when a URL is given:  bench/store-bench.sh [jdbc:postgresql://host:port/db?user=...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl core,server,cli -am test-compile
mvn -B -q -pl core,server,cli -am dependency:build-classpath -Dmdep.outputFile="$PWD/cli/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="cli/target/test-classes:cli/target/classes:server/target/classes:core/target/classes:$(cat cli/target/bench-classpath.txt)"
java -cp "$CP" ${GATHER:+-Dbacklane.store.gatherMicros=$GATHER} ${1:+-Dbacklane.test.postgres=$1} -Dbacklane.bench.seconds="${BENCH_SECONDS:-5}" dev.backlane.cli.StoreBenchmark

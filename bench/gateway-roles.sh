# Sourced by bench/gateway.sh and bench/observability.sh: a work directory removed on exit with the processes
# started in it, start() for the GatewayBenchServer roles, and median() and load() for the figures.
work=$(mktemp -d)
cleanup() {
  # start() runs in a command substitution (a subshell), so the processes' ids are kept in files.
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

start() { # name, jar, args...: starts a GatewayBenchServer role and echoes its port
  local name=$1 role_jar=$2; shift 2
  # Serial GC with a 768 MiB young generation: a collection every few seconds, of a few MiB live, on one thread.
  # Parallel GC on a 256 MiB heap collected every second, and on two cores shared with wrk its two GC threads
  # waited for each other: pauses of 5-15 ms, up to 490 ms when the machine was busy (bench/README.md).
  java -Xms1g -Xmx1g -Xmn768m -XX:+UseSerialGC -cp "$role_jar" dev.backlane.bench.gateway.GatewayBenchServer "$@" >"$work/$name.out" 2>&1 &
  echo $! >"$work/$name.pid"
  for _ in $(seq 300); do
    if grep -q '^listening' "$work/$name.out" 2>/dev/null; then awk '/^listening/ {print $2}' "$work/$name.out"; return; fi
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$work/$name.out" >&2; exit 1
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
load() { awk '{print $1}' /proc/loadavg; }
rotate() { # the words of $1, the first moved to the end: the next round's order of targets taking turns
  local first=${1%% *} rest=${1#* }
  if [ "$rest" = "$1" ]; then echo "$1"; else echo "$rest $first"; fi
}

#!/usr/bin/env bash
# Requests per second with the spend log on and off: the gateway jar on a data directory of its
# own (embedded H2), the mock model (no upstream time, so the gateway's own cost shows), a
# virtual key made at first start, and the bench load generator (dev.gatehouse.bench.Throughput)
# with C connections for D seconds after a warm-up. Runs off, on, off, on and prints each run's
# requests per second and the spend rows written.
#   bench/spend.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS]
# Pinning: the gateway on core 0 (its JVM told it has one processor), the load generator on core 1.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
seconds=${1:-20}
connections=${2:-32}
warmup=${3:-20}
jar=server/target/gatehouse.jar
if [ ! -f "$jar" ] || [ ! -f bench/target/classes/dev/gatehouse/bench/Throughput.class ]; then
    ./mvnw -B -ntp -q -DskipTests package
fi
hdr_version=$(sed -n 's:.*<hdrhistogram.version>\(.*\)</hdrhistogram.version>.*:\1:p' pom.xml)
cp="bench/target/classes:${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$hdr_version/HdrHistogram-$hdr_version.jar"
port=${BENCH_PORT:-18950}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

wait_port() { for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$1/health/liveness" && return; sleep 0.1; done; echo "no gateway on $1"; exit 1; }

# First start on the embedded defaults: it makes a virtual key for the mock models.
"$JAVA_HOME/bin/java" -jar "$jar" serve $GATEHOUSE_ROOT_FLAG --data-dir "$work/data" --port "$port" >"$work/first.log" 2>&1 &
pid=$!
wait_port "$port"
for _ in $(seq 100); do [ -s "$work/data/first-start-keys.txt" ] && break; sleep 0.1; done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
key=$(grep -o 'gtw_vk_[A-Za-z0-9_-]*' "$work/data/first-start-keys.txt" | head -1)
[ -n "$key" ] || { echo "no virtual key in first-start-keys.txt"; exit 1; }


run() { # $1 = true|false
    cat >"$work/gatehouse.yaml" <<YAML
server: {host: 127.0.0.1, port: $port}
spend: {enabled: $1}
models:
  - name: gatehouse-mock
    provider: mock
    model: gatehouse-mock
YAML
    taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -jar "$jar" serve $GATEHOUSE_ROOT_FLAG --config "$work/gatehouse.yaml" \
        --data-dir "$work/data" >"$work/serve.log" 2>&1 &
    pid=$!
    wait_port "$port"
    result=$(taskset -c 1 "$JAVA_HOME/bin/java" -Dbench.model=gatehouse-mock -cp "$cp" dev.gatehouse.bench.Throughput \
        --target "spend-$1=http://127.0.0.1:$port/v1/chat/completions;authorization=Bearer $key" \
        --connections "$connections" --seconds "$seconds" --warmup-seconds "$warmup")
    written=$(curl -s "http://127.0.0.1:$port/metrics" | sed -n 's/^gatehouse_spend_rows_written_total //p')
    dropped=$(curl -s "http://127.0.0.1:$port/metrics" | sed -n 's/^gatehouse_spend_rows_dropped_total //p')
    echo "$result; spend rows written ${written:-none}, dropped ${dropped:-none}"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
for round in $(seq "${ROUNDS:-2}"); do run false; run true; done

#!/usr/bin/env bash
# What tracing costs: requests per second with traces off and on (every request sampled,
# telemetry.sample_ratio 1.0), each span exported over OTLP/HTTP to a collector that keeps
# nothing (dev.gatehouse.bench.OtlpSink). The gateway calls a fake OpenAI upstream
# (dev.gatehouse.bench.FakeUpstream, instant answers), so each request has its server span, its
# attempt span and its upstream call span. Runs off, on, off, on, … and prints each run's
# requests per second, then the exports the collector received.
#   bench/tracing.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS]      ROUNDS=3 by default
# The warm-up is long (90 s by default): on one processor the JIT compiler is still busy after
# 20 s (a third of the CPU), and the code tracing adds takes it longer to compile, so a short
# warm-up measures the compiler, not the steady state.
# Pinning: the gateway on core 0 (its JVM told it has one processor); the load generator, the
# fake upstream and the collector on core 1.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
seconds=${1:-20}
connections=${2:-32}
warmup=${3:-90}
jar=server/target/gatehouse.jar
if [ ! -f "$jar" ] || [ ! -f bench/target/classes/dev/gatehouse/bench/OtlpSink.class ]; then
    ./mvnw -B -ntp -q -DskipTests package
fi
hdr_version=$(sed -n 's:.*<hdrhistogram.version>\(.*\)</hdrhistogram.version>.*:\1:p' pom.xml)
cp="bench/target/classes:${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$hdr_version/HdrHistogram-$hdr_version.jar"
base=${BENCH_PORT_BASE:-18960}
port=$base upstream_port=$((base + 1)) sink_port=$((base + 2))
work=$(mktemp -d)
pids=()
pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
wait_port() {
    for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
    echo "nothing listens on port $1" >&2; exit 1
}

taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream --port "$upstream_port" \
    >"$work/upstream.log" 2>&1 &
pids+=($!)
taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.OtlpSink --port "$sink_port" >"$work/sink.log" 2>&1 &
pids+=($!)
wait_port "$upstream_port"
wait_port "$sink_port"
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model --data-dir "$work/data" \
    2>"$work/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')

run() { # $1 = off|on
    telemetry=""
    [ "$1" = on ] && telemetry="telemetry: {otlp_endpoint: \"http://127.0.0.1:$sink_port\", sample_ratio: 1.0}"
    cat >"$work/gatehouse.yaml" <<YAML
server: {host: 127.0.0.1, port: $port}
$telemetry
models:
  - name: bench-model
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$upstream_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
YAML
    BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -jar "$jar" serve $GATEHOUSE_ROOT_FLAG \
        --config "$work/gatehouse.yaml" --data-dir "$work/data" >"$work/serve-$1.log" 2>&1 &
    pid=$!
    wait_port "$port"
    taskset -c 1 "$JAVA_HOME/bin/java" -Dbench.model=bench-model -cp "$cp" dev.gatehouse.bench.Throughput \
        --target "traces-$1=http://127.0.0.1:$port/v1/chat/completions;authorization=Bearer $key" \
        --connections "$connections" --seconds "$seconds" --warmup-seconds "$warmup"
    dropped=$(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^gatehouse_trace_spans_dropped_total' || true)
    [ "$1" = on ] && echo "  ${dropped:-no drop counter}"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
for _ in $(seq "${ROUNDS:-3}"); do run off; run on; done
echo "collector received: $(curl -s "http://127.0.0.1:$sink_port/stats")"

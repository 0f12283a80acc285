#!/usr/bin/env bash
# The benchmark: fake OpenAI upstreams, Gatehouse and the peer gateway (Portkey's, from npm),
# measured by the Java load generator in bench/ (docs/benchmarks.md has the method). Scenarios:
#   1 added latency at concurrency 1 (plain, and streaming with the time to first token)
#   2 open-loop rate sweep against the instant fake      3 the same against a 20 ms fake
#   4 concurrent streams (64 chunks, 20 ms apart)         5 memory (idle, peak, after) and CPU
#   bench/run.sh            the full run, about 10 minutes once built (13 from a fresh clone)
#   bench/run.sh --quick    short runs, about 4 minutes once built; for checking, not for quoting
# Pinning: both gateways on core 0 (Gatehouse's JVM told it has one processor), the fake
# upstreams and the load generator on core 1. Writes bench/results/<date>/summary.md and
# HdrHistogram logs per scenario. Everything listens on 127.0.0.1 only.
# The gateway jar and the bench classes are built only when missing: after changing code,
# run ./mvnw -DskipTests package first, or the run measures the previous build.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh

quick=false
[ "${1:-}" = --quick ] && quick=true
if $quick; then
    rounds=7; plain_s=1; stream_s=1; sweep_s=2; warmup_first=6; warmup=2; streams_s=3; mode=quick
    levels=128,1000; cpu_s=3; settle_s=3
else
    rounds=7; plain_s=5; stream_s=3; sweep_s=5; warmup_first=20; warmup=5; streams_s=6; mode=full
    levels=128,500,1000,2000,4000,8000; cpu_s=10; settle_s=10
fi
rates=500,1000,2000,4000,6000,8000,12000,16000
base=${BENCH_PORT_BASE:-18900}
fake_port=$((base + 1)) gatehouse_port=$((base + 2)) portkey_port=$((base + 3))
slow_port=$((base + 4)) stream_port=$((base + 5))
out=bench/results/$(date -u +%Y-%m-%d-%H%M)-$mode
mkdir -p "$out"

# Build what is missing: the gateway jar, the bench classes, the peer's node_modules.
jar=server/target/gatehouse.jar
if [ ! -f "$jar" ] || [ ! -d bench/target/classes/dev ]; then
    ./mvnw -B -ntp -q -DskipTests package
fi
hdr_version=$(sed -n 's:.*<hdrhistogram.version>\(.*\)</hdrhistogram.version>.*:\1:p' pom.xml)
cp="bench/target/classes:${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$hdr_version/HdrHistogram-$hdr_version.jar"
portkey=bench/peer/node_modules/@portkey-ai/gateway/build/start-server.js
# Installed again when package-lock.json changed since (npm records what it installed in
# node_modules/.package-lock.json): a stale install would measure other versions than pinned.
if [ ! -f "$portkey" ] || [ bench/peer/package-lock.json -nt bench/peer/node_modules/.package-lock.json ]; then
    (cd bench/peer && npm ci --no-audit --no-fund)
fi

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
wait_port() {
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1; see $out/*.log" >&2
    exit 1
}

# Up to 8,000 streams: a gateway holds two sockets per stream, the generator and a fake one each.
ulimit -n "$(ulimit -Hn)"
# Scenarios 1-2: instant answers, 20 chunks with no pause; 3: answers after 20 ms; 4: 64 chunks 20 ms apart.
fake=(taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream)
"${fake[@]}" --port "$fake_port" --chunks 20 --interval-ms 0 >"$out/fake.log" 2>&1 &
pids+=($!)
"${fake[@]}" --port "$slow_port" --delay-ms 20 >"$out/fake-20ms.log" 2>&1 &
pids+=($!)
"${fake[@]}" --port "$stream_port" --chunks 64 --interval-ms 20 >"$out/fake-stream.log" 2>&1 &
pids+=($!)
cat >"$out/gatehouse.yaml" <<YAML
models:
  - name: bench-model
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$fake_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
  - name: bench-model-20ms
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$slow_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
  - name: bench-stream
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$stream_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
YAML
# Every model route needs a virtual key: make one in a fresh store before the gateway starts.
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model,bench-model-20ms,bench-stream \
    --data-dir "$out/data" \
    2>"$out/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')
# GATEHOUSE_JVM_FLAGS: extra JVM flags for the gateway (e.g. -Xmx256m), named in the summary.
# shellcheck disable=SC2086
BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 ${GATEHOUSE_JVM_FLAGS:-} \
    -jar "$jar" serve --config "$out/gatehouse.yaml" --port "$gatehouse_port" --data-dir "$out/data" \
    >"$out/gatehouse.log" 2>&1 &
gatehouse_pid=$!
pids+=($gatehouse_pid)
# loopback.cjs: Portkey's start script listens on every interface; this keeps it on 127.0.0.1.
NODE_ENV=production taskset -c 0 node --require ./bench/peer/loopback.cjs "$portkey" --port="$portkey_port" --headless \
    >"$out/portkey.log" 2>&1 &
portkey_pid=$!
pids+=($portkey_pid)
for port in "$fake_port" "$slow_port" "$stream_port" "$gatehouse_port" "$portkey_port"; do wait_port "$port"; done

# The three targets for one fake: direct, through Gatehouse (its model for that fake), through Portkey.
targets() {
    local port=$1 model=$2
    echo "direct=http://127.0.0.1:$port/v1/chat/completions"
    echo "gatehouse=http://127.0.0.1:$gatehouse_port/v1/chat/completions;authorization=Bearer $key;model=$model"
    echo "portkey=http://127.0.0.1:$portkey_port/v1/chat/completions;x-portkey-provider=openai;x-portkey-custom-host=http://127.0.0.1:$port/v1;authorization=Bearer sk-bench"
}
{
    echo "# Gatehouse benchmark, $(date -u '+%Y-%m-%d %H:%M UTC') ($mode)"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
    echo "- Gatehouse $(git rev-parse --short HEAD), $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p), -XX:ActiveProcessorCount=1 ${GATEHOUSE_JVM_FLAGS:-}"
    echo "- Portkey gateway $(sed -n 's/.*"version": "\(.*\)".*/\1/p' bench/peer/node_modules/@portkey-ai/gateway/package.json | head -1), Node $(node --version)"
    echo "- pinned: both gateways on core 0; fake upstream and load generator on core 1"
    echo "- fake upstreams: instant (20 stream chunks, no pause) for scenarios 1-2; 20 ms before answering for 3; 64 stream chunks 20 ms apart for 4"
    echo "- latencies in ms, measured by the load generator to the response's last byte unless said otherwise"
    echo "- load average before the run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/summary.md"

# Scenario 5's idle memory: both gateways started and settled, before any request.
sleep 3
bench() {
    local scenario=$1 port=$2 model=$3
    shift 3
    local t=() spec
    while IFS= read -r spec; do t+=(--target "$spec"); done < <(targets "$port" "$model")
    taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.Bench "$scenario" "$@" --out "$out" "${t[@]}"
}
bench memory-idle "$fake_port" bench-model --pid gatehouse=$gatehouse_pid --pid portkey=$portkey_pid
bench latency "$fake_port" bench-model --rounds "$rounds" --seconds "$plain_s" --warmup-seconds "$warmup_first"
bench latency "$fake_port" bench-model --stream --rounds "$rounds" --seconds "$stream_s" --warmup-seconds "$warmup"
bench sweep "$fake_port" bench-model --rates "$rates" --seconds "$sweep_s" --warmup-seconds "$warmup" \
    --title "open-loop rate sweep, instant upstream"
bench sweep "$slow_port" bench-model-20ms --scenario sweep-plain-20ms --rates "$rates" --seconds "$sweep_s" \
    --warmup-seconds "$warmup" --connections 512 --title "open-loop rate sweep, upstream answering after 20 ms"
bench streams "$stream_port" bench-stream --levels "$levels" --seconds "$streams_s" --ramp-seconds 2 --stall-ms 200 \
    --warmup-seconds "$warmup"
bench resources "$fake_port" bench-model --pid gatehouse=$gatehouse_pid --pid portkey=$portkey_pid \
    --seconds "$cpu_s" --settle-seconds "$settle_s" --warmup-seconds 0 --clk-tck "$(getconf CLK_TCK)"
echo "- load average after the run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/summary.md"
echo "results in $out"

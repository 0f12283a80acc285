#!/usr/bin/env bash
# The benchmark: a fake OpenAI upstream, Gatehouse and the peer gateway (Portkey's, from npm),
# measured by the Java load generator in bench/ (docs/benchmarks.md has the method).
#   bench/run.sh            the full run, about 10 minutes
#   bench/run.sh --quick    short runs, about 2-3 minutes; for checking, not for quoting
# Pinning: both gateways on core 0 (Gatehouse's JVM told it has one processor), the fake
# upstream and the load generator on core 1. Writes bench/results/<date>/summary.md and
# one HdrHistogram log per scenario. Everything listens on 127.0.0.1 only.
# The gateway jar and the bench classes are built only when missing: after changing code,
# run ./mvnw -DskipTests package first, or the run measures the previous build.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh

quick=false
[ "${1:-}" = --quick ] && quick=true
if $quick; then
    rounds=7; plain_s=1.5; stream_s=1; sweep_s=2; warmup_first=10; warmup=3; mode=quick
else
    rounds=7; plain_s=8; stream_s=5; sweep_s=8; warmup_first=30; warmup=10; mode=full
fi
rates=500,1000,2000,4000,8000
base=${BENCH_PORT_BASE:-18900}
fake_port=$((base + 1)) gatehouse_port=$((base + 2)) portkey_port=$((base + 3))
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
[ -f "$portkey" ] || (cd bench/peer && npm ci --no-audit --no-fund)

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

taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream \
    --port "$fake_port" --chunks 20 --interval-ms 0 >"$out/fake.log" 2>&1 &
pids+=($!)
cat >"$out/gatehouse.yaml" <<YAML
models:
  - name: bench-model
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$fake_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
YAML
# Every model route needs a virtual key: make one in a fresh store before the gateway starts.
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model --data-dir "$out/data" \
    2>"$out/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')
BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 \
    -jar "$jar" serve --config "$out/gatehouse.yaml" --port "$gatehouse_port" --data-dir "$out/data" \
    >"$out/gatehouse.log" 2>&1 &
pids+=($!)
NODE_ENV=production taskset -c 0 node "$portkey" --port="$portkey_port" --headless >"$out/portkey.log" 2>&1 &
pids+=($!)
wait_port "$fake_port"; wait_port "$gatehouse_port"; wait_port "$portkey_port"

targets=(
    --target "direct=http://127.0.0.1:$fake_port/v1/chat/completions"
    --target "gatehouse=http://127.0.0.1:$gatehouse_port/v1/chat/completions;authorization=Bearer $key"
    --target "portkey=http://127.0.0.1:$portkey_port/v1/chat/completions;x-portkey-provider=openai;x-portkey-custom-host=http://127.0.0.1:$fake_port/v1;authorization=Bearer sk-bench"
)
{
    echo "# Gatehouse benchmark, $(date -u '+%Y-%m-%d %H:%M UTC') ($mode)"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
    echo "- Gatehouse $(git rev-parse --short HEAD), $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p), -XX:ActiveProcessorCount=1"
    echo "- Portkey gateway $(sed -n 's/.*"version": "\(.*\)".*/\1/p' bench/peer/node_modules/@portkey-ai/gateway/package.json | head -1), Node $(node --version)"
    echo "- pinned: both gateways on core 0; fake upstream and load generator on core 1"
    echo "- fake upstream: instant; streams 20 chunks with no pause, then a final chunk and [DONE]"
    echo "- latencies in ms, measured by the load generator to the response's last byte"
} >"$out/summary.md"

bench() { taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.Bench "$@" --out "$out" "${targets[@]}"; }
bench latency --rounds "$rounds" --seconds "$plain_s" --warmup-seconds "$warmup_first"
bench latency --stream --rounds "$rounds" --seconds "$stream_s" --warmup-seconds "$warmup"
bench sweep --rates "$rates" --seconds "$sweep_s" --warmup-seconds "$warmup"
echo "results in $out"

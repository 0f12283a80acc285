#!/usr/bin/env bash
# What the response cache saves and the guardrails cost, through the whole gateway.
#   guardrails  requests per second with the secret scan off and on as it is by default
#               (secrets: block), for a "Hello" prompt and a 1 KB prompt of ordinary prose
#               (-Dbench.prompt-bytes), C closed-loop connections.
#   cache       the same chat request to a model without a cache (the gateway calls a fake OpenAI
#               upstream that answers instantly, dev.gatehouse.bench.FakeUpstream) and to a model
#               with one (every request after the first a hit): latency with one connection,
#               as the client sees it and as the gateway's own gatehouse_request_duration_seconds
#               says (its mean over one more measured run, from /metrics before and after), then
#               requests per second with C connections.
# Each pair runs alternately, ROUNDS times (3 by default), on a fresh gateway each run;
# PROMPTS="1024" measures the guardrails with the 1 KB prompt only (default "0 1024", 0: "Hello").
#   bench/cache-guardrails.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS] [guardrails|cache|both]
# Pinning: the gateway on core 0 (its JVM told it has one processor); the load generator and the
# fake upstream on core 1.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
seconds=${1:-20}
connections=${2:-32}
warmup=${3:-60}
what=${4:-both}
jar=server/target/gatehouse.jar
if [ ! -f "$jar" ] || [ ! -f bench/target/classes/dev/gatehouse/bench/Throughput.class ]; then
    ./mvnw -B -ntp -q -DskipTests package
fi
hdr_version=$(sed -n 's:.*<hdrhistogram.version>\(.*\)</hdrhistogram.version>.*:\1:p' pom.xml)
cp="bench/target/classes:${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$hdr_version/HdrHistogram-$hdr_version.jar"
base=${BENCH_PORT_BASE:-18970}
port=$base upstream_port=$((base + 1))
work=$(mktemp -d)
upstream=""
pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$upstream" ] && kill "$upstream" 2>/dev/null
    wait 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
wait_port() {
    for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
    echo "nothing listens on port $1" >&2; exit 1
}

taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream --port "$upstream_port" \
    >"$work/upstream.log" 2>&1 &
upstream=$!
wait_port "$upstream_port"
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model,bench-cached --data-dir "$work/data" \
    2>"$work/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')

serve() { # $1 = the guardrails section (may be empty)
    cat >"$work/gatehouse.yaml" <<YAML
server: {host: 127.0.0.1, port: $port}
$1
models:
  - name: bench-model
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$upstream_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
  - name: bench-cached
    provider: openai
    model: bench-model
    base_url: http://127.0.0.1:$upstream_port/v1
    api_key: env:BENCH_UPSTREAM_KEY
    allow_private_network: true
    cache: {ttl_seconds: 3600}
YAML
    BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -jar "$jar" serve $GATEHOUSE_ROOT_FLAG \
        --config "$work/gatehouse.yaml" --data-dir "$work/data" >"$work/serve.log" 2>&1 &
    pid=$!
    wait_port "$port"
}
halt() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
load() { # $1 = name, $2 = model, $3 = connections, $4 = prompt bytes, $5 = warm-up seconds
    taskset -c 1 "$JAVA_HOME/bin/java" -Dbench.prompt-bytes="$4" -cp "$cp" dev.gatehouse.bench.Throughput \
        --target "$1=http://127.0.0.1:$port/v1/chat/completions;authorization=Bearer $key;model=$2" \
        --connections "$3" --seconds "$seconds" --warmup-seconds "$5"
}

guardrails() { # $1 = off|on, $2 = prompt bytes
    section=""
    [ "$1" = off ] && section="guardrails: {secrets: {action: off}}"
    serve "$section"
    prompt=$([ "$2" = 0 ] && echo hello || echo "${2}B")
    load "secret-scan-$1-$prompt" bench-model "$connections" "$2" "$warmup"
    halt
}
served() { # the sum and count of the chat route's request durations, as /metrics has them now
    curl -s "http://127.0.0.1:$port/metrics" | awk '/^gatehouse_request_duration_seconds_(sum|count)\{route="chat_completions"/ {printf "%s ", $2}'
}
cache() { # $1 = bench-model|bench-cached
    serve ""
    load "$1-1conn" "$1" 1 0 "$warmup"
    read -r sum0 count0 <<<"$(served)"
    load "$1-1conn-again" "$1" 1 0 0 >/dev/null
    read -r sum1 count1 <<<"$(served)"
    awk -v s="$sum1" -v s0="$sum0" -v c="$count1" -v c0="$count0" -v n="$1" \
        'BEGIN {printf "%s-1conn: served in %.1f µs on average (gatehouse_request_duration_seconds, %d requests)\n", n, (s - s0) / (c - c0) * 1e6, c - c0}'
    load "$1-${connections}conn" "$1" "$connections" 0 10
    curl -s "http://127.0.0.1:$port/metrics" | grep -E '^gatehouse_cache_(hits|misses)_total' | sed 's/^/  /' || true
    halt
}
for _ in $(seq "${ROUNDS:-3}"); do
    if [ "$what" != cache ]; then
        for bytes in ${PROMPTS:-0 1024}; do guardrails off "$bytes"; guardrails on "$bytes"; done
    fi
    if [ "$what" != guardrails ]; then
        cache bench-model; cache bench-cached
    fi
done

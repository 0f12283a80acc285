#!/usr/bin/env bash
# The benchmark: fake OpenAI upstreams, Gatehouse and the peer gateway (Portkey's, from npm),
# measured by the Java load generator in bench/ (docs/benchmarks.md has the method). Scenarios:
#   1 added latency at concurrency 1 (plain, and streaming with the time to first token)
#   2 open-loop rate sweep against the instant fake      3 the same against a 20 ms fake
#   4 concurrent streams (64 chunks, 20 ms apart)         5 memory (idle, peak, after) and CPU
#   6 warm start: a fresh gateway measured second by second from "listening"
#   7 memory at 10,000 requests/s, and the soak: 2,000 requests/s of plain requests, streams and
#     cancelled streams, the gateway's RSS and heap recorded over time
#   bench/run.sh                      the full run, about 45 minutes once built (30 of them the soak)
#   bench/run.sh --quick              short runs, about 7 minutes once built; for checking, not for quoting
#   bench/run.sh --soak-minutes N     the soak's length (default 30, or 1 with --quick)
#   bench/run.sh --only warmstart     scenario 6 alone, Gatehouse alone (with --quick: 10 s and 5 s
#                                     starts), for comparing JVM flags such as the AOT cache
#   GATEHOUSE_JAR=path bench/run.sh   measures that jar (an older build, for before and after)
#   GATEHOUSE_JVM_FLAGS='…'           JVM flags for the gateway after bin/gatehouse's own, named in the summary
#   GATEHOUSE_AOT=off                 the gateway without its ahead-of-time cache
#   STREAM_INTERVAL_MS=N              the streaming fake's chunk interval (default 20)
# Pinning: both gateways on core 0 (Gatehouse's JVM told it has one processor), the fake
# upstreams and the load generator on core 1 (both non-blocking, one thread each). Writes
# bench/results/<date>/summary.md, HdrHistogram logs, CSV files and an SVG chart per scenario; a
# full run also copies the charts to docs/benchmarks/, which docs/benchmarks.md shows. Everything
# listens on 127.0.0.1 only.
# The gateway jar and the bench classes are built when missing or older than their sources.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
. bench/common.sh

quick=false
soak_minutes=
only=
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true ;;
        --soak-minutes) soak_minutes=$2; shift ;;
        --only) only=$2; shift ;;
        *) echo "usage: bench/run.sh [--quick] [--soak-minutes N] [--only warmstart]" >&2; exit 2 ;;
    esac
    shift
done
if $quick; then
    rounds=7; plain_s=1; stream_s=1; sweep_s=2; warmup_first=6; warmup=2; streams_s=3; mode=quick
    levels=128,1000; cpu_s=3; settle_s=3; warm_s=10; warm_stream_s=5; at_rate_s=5; soak_minutes=${soak_minutes:-1}
    rates=500,2000,8000,16000,32000,40000
    expected=$((6 + soak_minutes))
else
    rounds=7; plain_s=5; stream_s=3; sweep_s=5; warmup_first=20; warmup=5; streams_s=6; mode=full
    levels=128,500,1000,2000,4000,8000,10000; cpu_s=10; settle_s=10; warm_s=30; warm_stream_s=10; at_rate_s=20
    soak_minutes=${soak_minutes:-30}
    # 40,000: the direct target's row there is the harness's own ceiling in this run.
    rates=500,1000,2000,4000,8000,12000,16000,20000,24000,28000,32000,40000
    expected=$((15 + soak_minutes))
fi
# STREAM_INTERVAL_MS: the streaming fake's chunk interval (default 20 ms, a fast model's token
# rate). 10,000 streams at 20 ms are 500,000 chunks a second through the fake and the generator
# on one core; a longer interval lets the top levels be resolved. A stall is ten intervals.
stream_interval_ms=${STREAM_INTERVAL_MS:-20}
base=${BENCH_PORT_BASE:-18900}
fake_port=$((base + 1)) gatehouse_port=$((base + 2)) portkey_port=$((base + 3))
slow_port=$((base + 4)) stream_port=$((base + 5))
case "$only" in
    "") ;;
    warmstart) mode=$mode-warmstart expected=2 ;;
    *) echo "bench/run.sh: --only takes warmstart" >&2; exit 2 ;;
esac
out=bench/results/$(date -u +%Y-%m-%d-%H%M)-$mode
mkdir -p "$out"
soak_note=" (the soak $soak_minutes of them)"
[ -z "$only" ] || soak_note=""
echo "bench/run.sh ($mode): expect about $expected minutes once built$soak_note; results in $out"

# Build what is missing: the gateway jar, the bench classes, the peer's node_modules.
# GATEHOUSE_JAR names another gateway jar to measure (built elsewhere, e.g. from an older commit).
jar=${GATEHOUSE_JAR:-server/target/gatehouse.jar}
if [ -n "${GATEHOUSE_JAR:-}" ] && [ ! -f "$jar" ]; then
    echo "GATEHOUSE_JAR=$jar: no such file" >&2
    exit 1
fi
# Built again when a source or POM is newer than what was built, so a run never measures a
# previous build by mistake (the bench classes' marker is the Bench class itself).
bench_class=bench/target/classes/dev/gatehouse/bench/Bench.class
if [ ! -f "$jar" ] || [ ! -f "$bench_class" ] \
    || [ -n "$(find pom.xml ./*/pom.xml core/src server/src bench/src -newer "$bench_class" -print -quit)" ] \
    || { [ -z "${GATEHOUSE_JAR:-}" ] && [ -n "$(find pom.xml ./*/pom.xml core/src server/src -newer "$jar" -print -quit)" ]; }; then
    ./mvnw -B -ntp -q -DskipTests package
fi
jar=$(absolute_path "$jar")
cp=$(bench_class_path)
portkey=bench/peer/node_modules/@portkey-ai/gateway/build/start-server.js
# Installed again when package-lock.json changed since (npm records what it installed in
# node_modules/.package-lock.json): a stale install would measure other versions than pinned.
# (--only warmstart measures Gatehouse alone, and needs no peer.)
if [ -z "$only" ] && { [ ! -f "$portkey" ] || [ bench/peer/package-lock.json -nt bench/peer/node_modules/.package-lock.json ]; }; then
    (cd bench/peer && npm ci --no-audit --no-fund)
fi
# A gateway that refuses to run as root without --allow-root gets it when this runs as root;
# an older jar that does not know the option is run without it.
# (The help is read whole first: grep -q leaving a pipe early would fail it under pipefail.)
serve_flags=()
if [ "$(id -u)" = 0 ]; then
    serve_help=$("$JAVA_HOME/bin/java" -jar "$jar" serve --help 2>&1 || true)
    if [[ $serve_help == *--allow-root* ]]; then
        serve_flags=(--allow-root)
    fi
fi
# The fakes and the load generator: one core between them, so the JVM is told so (its GC and JIT
# threads sized for it) and uses the serial collector, the cheapest on one core.
bench_java=(taskset -c 1 "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:ActiveProcessorCount=1)
export BENCH_RUN_LABEL="bench/run.sh $mode, $(date -u '+%Y-%m-%d %H:%M UTC'), Gatehouse $(git rev-parse --short HEAD)${GATEHOUSE_JAR:+ (jar: ${GATEHOUSE_JAR##*/})}"

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

# Open files: at 10,000 streams a gateway holds two sockets per stream (20,000 and its own files),
# the load generator and a fake one each. Raising the hard limit takes CAP_SYS_RESOURCE (where
# even root lacks it, the caller must: prlimit, LimitNOFILE=, a container's --ulimit nofile=);
# otherwise the levels above what the limit allows can not be held, and the summary says so.
max_level=${levels##*,}
need=$((2 * max_level + 256))
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$need" ]; then
    ulimit -Hn "$need" 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)"
nofile_note=
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
    # The top level becomes the most streams the limit allows a gateway (two sockets each, and
    # 256 files for the rest: it holds about 15 idle), so that the run measures as many as it can.
    cap=$((($(ulimit -n) - 256) / 2 / 100 * 100))
    levels=$(tr ',' '\n' <<<"$levels" | awk -v cap="$cap" '$1 < cap { print } END { print cap }' | paste -sd,)
    nofile_note="open files limited to $(ulimit -n) (hard limit), under the $need that $max_level streams need, so the top level is $cap streams: raise the hard limit (ulimit -Hn as root, or LimitNOFILE=)"
    echo "warning: $nofile_note" >&2
fi
# Scenarios 1-2 and 5-6: instant answers, 20 chunks with no pause; 3: answers after 20 ms; 4 and the
# soak's streams: 64 chunks 20 ms apart.
fake=("${bench_java[@]}" -cp "$cp" dev.gatehouse.bench.FakeUpstream)
"${fake[@]}" --port "$fake_port" --chunks 20 --interval-ms 0 >"$out/fake.log" 2>&1 &
pids+=($!)
"${fake[@]}" --port "$slow_port" --delay-ms 20 >"$out/fake-20ms.log" 2>&1 &
pids+=($!)
"${fake[@]}" --port "$stream_port" --chunks 64 --interval-ms "$stream_interval_ms" >"$out/fake-stream.log" 2>&1 &
pids+=($!)
{
    echo "models:"
    bench_model_yaml bench-model "$fake_port"
    bench_model_yaml bench-model-20ms "$slow_port"
    bench_model_yaml bench-stream "$stream_port"
} >"$out/gatehouse.yaml"
# Every model route needs a virtual key: make one in a fresh store before the gateway starts.
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model,bench-model-20ms,bench-stream \
    --data-dir "$out/data" \
    2>"$out/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')
export BENCH_UPSTREAM_KEY=sk-bench
# How each gateway starts: Gatehouse with bin/gatehouse's JVM options and ahead-of-time cache
# (GATEHOUSE_AOT=off: without the cache), then GATEHOUSE_JVM_FLAGS, all named in the summary.
# The warm-start scenario starts them the same way.
launcher_jvm_options "$jar"
gatehouse_flags="$launcher_options${GATEHOUSE_JVM_FLAGS:+ $GATEHOUSE_JVM_FLAGS}"
gatehouse_cmd="taskset -c 0 $JAVA_HOME/bin/java -XX:ActiveProcessorCount=1 $gatehouse_flags -jar $jar serve ${serve_flags[*]} --config $out/gatehouse.yaml --port $gatehouse_port --data-dir $out/data"
# loopback.cjs: Portkey's start script listens on every interface; this keeps it on 127.0.0.1.
portkey_cmd="env NODE_ENV=production taskset -c 0 node --require ./bench/peer/loopback.cjs $portkey --port=$portkey_port --headless"
for port in "$fake_port" "$slow_port" "$stream_port"; do wait_port "$port" "$out/*.log"; done

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
    echo "- Gatehouse $(git rev-parse --short HEAD)${GATEHOUSE_JAR:+, jar $GATEHOUSE_JAR}, $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p), -XX:ActiveProcessorCount=1 ${gatehouse_flags//$PWD\//}"
    [ -n "$only" ] || echo "- Portkey gateway $(sed -n 's/.*"version": "\(.*\)".*/\1/p' bench/peer/node_modules/@portkey-ai/gateway/package.json | head -1), Node $(node --version)"
    echo "- pinned: both gateways on core 0; fake upstreams and load generator (non-blocking, one thread each) on core 1"
    echo "- fake upstreams: instant (20 stream chunks, no pause) for scenarios 1-2 and the warm start; 20 ms before answering for 3; 64 stream chunks $stream_interval_ms ms apart for 4 and the soak's streams"
    echo "- latencies in ms, measured by the load generator to the response's last byte unless said otherwise"
    echo "- open files: $(ulimit -n)${nofile_note:+ — $nofile_note}"
    echo "- load average before the run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/summary.md"

bench() {
    local scenario=$1 port=$2 model=$3
    shift 3
    local t=() spec
    while IFS= read -r spec; do t+=(--target "$spec"); done < <(targets "$port" "$model")
    "${bench_java[@]}" -cp "$cp" dev.gatehouse.bench.Bench "$scenario" "$@" --out "$out" "${t[@]}"
}
# Scenario 6 first, while no gateway runs: each gateway started fresh (twice: plain, then streams)
# and measured from the moment it listens, then stopped.
launches=(--launch "gatehouse=$gatehouse_cmd")
[ -n "$only" ] || launches+=(--launch "portkey=$portkey_cmd")
bench warmstart "$fake_port" bench-model "${launches[@]}" \
    --seconds "$warm_s" --stream-seconds "$warm_stream_s" --connections 16 --streams 2
if [ "$only" = warmstart ]; then
    echo "- load average after the run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/summary.md"
    echo "results in $out"
    exit 0
fi

# The gateways for scenarios 1-5 and 7.
$gatehouse_cmd >"$out/gatehouse.log" 2>&1 &
gatehouse_pid=$!
pids+=($gatehouse_pid)
$portkey_cmd >"$out/portkey.log" 2>&1 &
portkey_pid=$!
pids+=($portkey_pid)
for port in "$gatehouse_port" "$portkey_port"; do wait_port "$port" "$out/*.log"; done
# Scenario 5's idle memory: both gateways started and settled, before any request.
sleep 3
bench memory-idle "$fake_port" bench-model --pid gatehouse=$gatehouse_pid --pid portkey=$portkey_pid
bench latency "$fake_port" bench-model --rounds "$rounds" --seconds "$plain_s" --warmup-seconds "$warmup_first"
bench latency "$fake_port" bench-model --stream --rounds "$rounds" --seconds "$stream_s" --warmup-seconds "$warmup"
bench sweep "$fake_port" bench-model --rates "$rates" --seconds "$sweep_s" --warmup-seconds "$warmup" \
    --title "open-loop rate sweep, instant upstream"
# 1,024 connections: 40,000/s × 20 ms is 800 requests waiting at once.
bench sweep "$slow_port" bench-model-20ms --scenario sweep-plain-20ms --rates "$rates" --seconds "$sweep_s" \
    --warmup-seconds "$warmup" --connections 1024 --title "open-loop rate sweep, upstream answering after 20 ms"
bench streams "$stream_port" bench-stream --levels "$levels" --seconds "$streams_s" --ramp-seconds 2 \
    --stall-ms $((10 * stream_interval_ms)) \
    --warmup-seconds "$warmup"
bench resources "$fake_port" bench-model --pid gatehouse=$gatehouse_pid --pid portkey=$portkey_pid \
    --seconds "$cpu_s" --settle-seconds "$settle_s" --warmup-seconds 0 --clk-tck "$(getconf CLK_TCK)"
# Scenario 7, Gatehouse only (Portkey keeps up with neither rate): memory at 10,000 plain requests/s,
# then the soak. The heap is read from Gatehouse's own /metrics (loopback: no key needed).
gatehouse_target="gatehouse=http://127.0.0.1:$gatehouse_port/v1/chat/completions;authorization=Bearer $key"
metrics="http://127.0.0.1:$gatehouse_port/metrics"
"${bench_java[@]}" -cp "$cp" dev.gatehouse.bench.Bench memory-at-rate --out "$out" \
    --target "$gatehouse_target;model=bench-model" --pid gatehouse=$gatehouse_pid --metrics "$metrics" \
    --rate 10000 --seconds "$at_rate_s" --connections 512
"${bench_java[@]}" -cp "$cp" dev.gatehouse.bench.Bench soak --out "$out" \
    --target "$gatehouse_target;model=bench-model" --stream-target "$gatehouse_target;model=bench-stream" \
    --pid gatehouse=$gatehouse_pid --metrics "$metrics" --rate 2000 --seconds $((soak_minutes * 60)) \
    --connections 4096 --sample-seconds "$($quick && echo 2 || echo 5)"
echo "- load average after the run (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/summary.md"
# A full run's charts replace those docs/benchmarks.md shows; a quick run's stay in its folder.
if ! $quick; then
    mkdir -p docs/benchmarks
    cp "$out"/*.svg docs/benchmarks/
    echo "charts copied to docs/benchmarks/"
fi
echo "results in $out"

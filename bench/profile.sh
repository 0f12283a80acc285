#!/usr/bin/env bash
# Where Gatehouse's request path spends its CPU: the gateway jar in front of the bench's fake
# OpenAI upstream (instant answers), pinned to core 0 with one processor as in bench/run.sh,
# loaded by dev.gatehouse.bench.Throughput (closed loop, plain chat requests) on core 1, and
# recorded by JFR (settings=profile: execution samples every 10 ms per thread) after the warm-up.
# dev.gatehouse.bench.JfrProfile then counts the samples by area, top frame and first Gatehouse
# frame, and Throughput's requests per second are printed beside them.
#   bench/profile.sh [SECONDS] [CONNECTIONS] [WARMUP_SECONDS]     (defaults 20 16 20)
#   TRACES=1 bench/profile.sh …   the same with every request traced and exported over OTLP to
#                                 dev.gatehouse.bench.OtlpSink (on core 1)
#   PROMPT_BYTES=1024 bench/profile.sh …   requests with a 1 KB prompt of plain prose instead of "Hello"
#   GATEHOUSE_JAR=path bench/profile.sh …   profiles that jar (an older build, for before and after)
#   STREAM=1 bench/profile.sh …   streamed chat requests (20 chunks from the fake, no pause) instead of plain ones
# Writes bench/results/<date>-profile/profile.md and gatehouse.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
. bench/common.sh
seconds=${1:-20}
connections=${2:-16}
warmup=${3:-20}
jar=${GATEHOUSE_JAR:-server/target/gatehouse.jar}
if [ -z "${GATEHOUSE_JAR:-}" ]; then
    build_jar_if_stale
fi
bench_classes_if_stale JfrProfile
jar=$(absolute_path "$jar")
cp=$(bench_class_path)
base=${BENCH_PORT_BASE:-18900}
fake_port=$((base + 11)) port=$((base + 12)) sink_port=$((base + 13))
out=bench/results/$(date -u +%Y-%m-%d-%H%M)-profile
mkdir -p "$out"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream --port "$fake_port" --chunks 20 --interval-ms 0 >"$out/fake.log" 2>&1 &
pids+=($!)
telemetry=""
if [ "${TRACES:-0}" = 1 ]; then
    taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.OtlpSink --port "$sink_port" >"$out/sink.log" 2>&1 &
    pids+=($!)
    telemetry="telemetry: {otlp_endpoint: \"http://127.0.0.1:$sink_port\", sample_ratio: 1.0}"
fi
{
    echo "$telemetry"
    echo "models:"
    bench_model_yaml bench-model "$fake_port"
} >"$out/gatehouse.yaml"
key=$("$JAVA_HOME/bin/java" -jar "$jar" keys create bench --models bench-model --data-dir "$out/data" \
    2>"$out/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')
# bin/gatehouse's JVM options and ahead-of-time cache, as users run it.
launcher_jvm_options "$jar"
# shellcheck disable=SC2086 # the options are words on purpose
BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 $launcher_options \
    "-XX:StartFlightRecording=delay=${warmup}s,duration=${seconds}s,settings=profile,filename=$out/gatehouse.jfr" \
    -jar "$jar" serve $GATEHOUSE_ROOT_FLAG --config "$out/gatehouse.yaml" --port "$port" --data-dir "$out/data" >"$out/gatehouse.log" 2>&1 &
pids+=($!)
wait_port "$fake_port" "$out/*.log"; wait_port "$port" "$out/*.log"
{
    echo "# Gatehouse profile, $(date -u '+%Y-%m-%d %H:%M UTC'), Gatehouse $(git rev-parse --short HEAD)${GATEHOUSE_JAR:+ (jar: ${GATEHOUSE_JAR##*/})}"
    echo
    echo "- load: closed loop, $connections connections, $([ "${STREAM:-}" = 1 ] && echo streamed || echo plain) chat requests (prompt: ${PROMPT_BYTES:-0} bytes, 0 is \"Hello\"), ${warmup} s warm-up, ${seconds} s recorded"
    echo "- traces: $([ "${TRACES:-0}" = 1 ] && echo "every request, exported over OTLP" || echo off)"
    echo "- load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/profile.md"
# The gateway's CPU time while recorded: read when the warm-up ends and when the load stops.
gateway_pid=${pids[-1]}
(sleep "$warmup"; cpu_ticks "$gateway_pid" >"$out/cpu-start") &
result=$(taskset -c 1 "$JAVA_HOME/bin/java" -Dbench.prompt-bytes="${PROMPT_BYTES:-0}" -cp "$cp" dev.gatehouse.bench.Throughput \
    --target "gatehouse=http://127.0.0.1:$port/v1/chat/completions;authorization=Bearer $key" \
    --connections "$connections" --seconds "$seconds" --warmup-seconds "$warmup" $([ "${STREAM:-}" = 1 ] && echo --stream))
cpu_end=$(cpu_ticks "$gateway_pid")
requests=$(echo "$result" | sed -n 's/.* \([0-9]*\) ok.*/\1/p')
echo "- throughput while recorded: $result" >>"$out/profile.md"
cpu_start=$(cat "$out/cpu-start")
echo "- gateway CPU while recorded: $(awk -v a="$cpu_start" -v b="$cpu_end" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / t }') s, $(cpu_micros_per_request "$cpu_start" "$cpu_end" "$requests") µs per request" >>"$out/profile.md"
echo "- load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/profile.md"
echo >>"$out/profile.md"
for _ in $(seq 100); do [ -s "$out/gatehouse.jfr" ] && break; sleep 0.2; done
sleep 1
"$JAVA_HOME/bin/java" -cp bench/target/classes dev.gatehouse.bench.JfrProfile "$out/gatehouse.jfr" 25 "$requests" >>"$out/profile.md"
cat "$out/profile.md"

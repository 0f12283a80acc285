#!/usr/bin/env bash
# Before and after on a noisy machine: two gateway jars measured in turn, round after round,
# under the same load, so that what the machine's other work does to one it does to the other.
# Each round starts each jar afresh (bin/gatehouse's JVM options and ahead-of-time cache, pinned
# to core 0, told it has one processor) in front of the bench's instant fake upstream, reads its
# idle RSS 10 s after it listens, loads it closed loop from core 1 (dev.gatehouse.bench.Throughput:
# plain chat requests, or streamed with STREAM=1) for the warm-up and then the measured seconds,
# and reads the gateway's CPU time over the measured seconds and its RSS at the end.
#   bench/compare.sh BEFORE.jar AFTER.jar [ROUNDS] [SECONDS] [WARMUP_SECONDS] [CONNECTIONS]
#                                           (defaults 3 10 30 16)
# Writes bench/results/<date>-compare/compare.md: one row per jar and round, then the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
. bench/common.sh
[ $# -ge 2 ] || { echo "usage: bench/compare.sh BEFORE.jar AFTER.jar [ROUNDS] [SECONDS] [WARMUP_SECONDS] [CONNECTIONS]" >&2; exit 2; }
jars=("$1" "$2")
rounds=${3:-3} seconds=${4:-10} warmup=${5:-30} connections=${6:-16}
for jar in "${jars[@]}"; do [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 1; }; done
jars=("$(absolute_path "$1")" "$(absolute_path "$2")")
bench_classes_if_stale Throughput
cp=$(bench_class_path)
base=${BENCH_PORT_BASE:-18900}
fake_port=$((base + 21)) port=$((base + 22))
out=bench/results/$(date -u +%Y-%m-%d-%H%M)-compare
mkdir -p "$out"
kind=$([ "${STREAM:-}" = 1 ] && echo streamed || echo plain)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.FakeUpstream --port "$fake_port" --chunks 20 \
    --interval-ms 0 >"$out/fake.log" 2>&1 &
pids+=($!)
wait_port "$fake_port" "$out/*.log"
{
    echo "models:"
    bench_model_yaml bench-model "$fake_port"
} >"$out/gatehouse.yaml"
# Each jar's JVM options (and its ahead-of-time cache, made now when missing), and a key in its own store.
declare -A options keys
for i in 0 1; do
    launcher_jvm_options "${jars[$i]}"
    options[$i]=$launcher_options
    keys[$i]=$("$JAVA_HOME/bin/java" -jar "${jars[$i]}" keys create bench --models bench-model --data-dir "$out/data-$i" \
        2>"$out/keys-$i.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*')
done
{
    echo "# Before and after: bench/compare.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), Gatehouse $(git rev-parse --short HEAD)"
    echo
    echo "- before: ${jars[0]##*/}; after: ${jars[1]##*/}; each with bin/gatehouse's JVM options and its ahead-of-time cache"
    echo "- load: closed loop, $connections connections, $kind chat requests to the instant fake, ${warmup} s warm-up, ${seconds} s measured; $rounds rounds, the jars in turn"
    echo "- load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| jar | round | idle RSS, MB | req/s | p50, ms | p99, ms | CPU per request, µs | RSS after, MB |"
    echo "|---|---|---|---|---|---|---|---|"
} >"$out/compare.md"
for round in $(seq "$rounds"); do
    for i in 0 1; do
        name=$([ "$i" = 0 ] && echo before || echo after)
        # shellcheck disable=SC2086 # the options are words on purpose
        BENCH_UPSTREAM_KEY=sk-bench taskset -c 0 "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 ${options[$i]} \
            -jar "${jars[$i]}" serve $GATEHOUSE_ROOT_FLAG --config "$out/gatehouse.yaml" --port "$port" \
            --data-dir "$out/data-$i" >"$out/gatehouse-$name-$round.log" 2>&1 &
        pid=$!
        pids+=("$pid")
        wait_port "$port" "$out/*.log"
        sleep 10
        idle=$(rss_mb "$pid")
        (sleep "$warmup"; cpu_ticks "$pid" >"$out/cpu-start") &
        result=$(taskset -c 1 "$JAVA_HOME/bin/java" -cp "$cp" dev.gatehouse.bench.Throughput \
            --target "gatehouse=http://127.0.0.1:$port/v1/chat/completions;authorization=Bearer ${keys[$i]}" \
            --connections "$connections" --seconds "$seconds" --warmup-seconds "$warmup" \
            $([ "${STREAM:-}" = 1 ] && echo --stream))
        cpu_end=$(cpu_ticks "$pid")
        after=$(rss_mb "$pid")
        kill "$pid"
        wait "$pid" 2>/dev/null || true
        # "gatehouse: 1332 req/s, 26653 ok, 0 errors, p50 10.871 ms, p99 35.553 ms"
        read -r rate ok p50 p99 < <(sed -n 's/.*: \([0-9]*\) req\/s, \([0-9]*\) ok, .* p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms/\1 \2 \3 \4/p' <<<"$result")
        cpu_us=$(cpu_micros_per_request "$(cat "$out/cpu-start")" "$cpu_end" "$ok")
        echo "| $name | $round | $idle | $rate | $p50 | $p99 | $cpu_us | $after |" >>"$out/compare.md"
        echo "$name round $round: idle ${idle} MB, $result, ${cpu_us} µs CPU per request, ${after} MB after" >&2
    done
done
{
    echo
    echo "Medians over the rounds:"
    echo
    echo "| jar | idle RSS, MB | req/s | p50, ms | p99, ms | CPU per request, µs | RSS after, MB |"
    echo "|---|---|---|---|---|---|---|"
    for name in before after; do
        grep "^| $name |" "$out/compare.md" | awk -F'|' -v name="$name" '
            { for (c = 4; c <= 9; c++) v[c, NR] = $c + 0; n = NR }
            END {
                printf "| %s |", name
                for (c = 4; c <= 9; c++) {
                    for (i = 1; i <= n; i++) a[i] = v[c, i]
                    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                    m = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
                    printf " %s |", m
                }
                print ""
            }'
    done
    echo
    echo "- load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$out/compare.md"
cat "$out/compare.md"

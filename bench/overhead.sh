#!/usr/bin/env bash
# A first, simple measurement until the benchmark harness exists: starts the gateway on its
# embedded defaults (the mock provider, so no upstream time), sends WARMUP then N plain chat
# requests one at a time with curl, and reports the median, p90 and p99 of the
# x-gatehouse-overhead-ms header, and the start time.
#   bench/overhead.sh [N] [WARMUP]
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh
n=${1:-1000}
warmup=${2:-2000}
jar=server/target/gatehouse.jar
[ -f "$jar" ] || ./mvnw -B -ntp -q -DskipTests package

log=$(mktemp)
data=$(mktemp -d)
start_ns=$(date +%s%N)
"$JAVA_HOME/bin/java" -jar "$jar" serve $GATEHOUSE_ROOT_FLAG --port 0 --data-dir "$data" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$log" "$data"' EXIT
url=""
while [ -z "$url" ]; do
    url=$(sed -n 's/.* listening on \(http:[^ ]*\)$/\1/p' "$log")
    sleep 0.01
done
echo "start: $(( ($(date +%s%N) - start_ns) / 1000000 )) ms from launch to listening"
# The first start keeps a virtual key for the mock models in its keys file (output that is not a
# terminal gets only the file's path).
key=""
while [ -z "$key" ]; do
    grep -q first-start-keys.txt "$log" && key=$(grep -o 'gtw_vk_[A-Za-z0-9_-]*' "$data/first-start-keys.txt" \
        | head -1 || true)
    sleep 0.01
done

body='{"model":"gatehouse-mock","messages":[{"role":"user","content":"Hello"}]}'
request() {
    curl -s -o /dev/null -D - "$url/v1/chat/completions" -H 'content-type: application/json' \
        -H "authorization: Bearer $key" -d "$body" \
        | tr -d '\r' | sed -n 's/^x-gatehouse-overhead-ms: //p'
}
for _ in $(seq "$warmup"); do request >/dev/null; done
samples=$(for _ in $(seq "$n"); do request; done | sort -n)
pick() { echo "$samples" | awk -v q="$1" -v n="$n" 'NR == int(q * n + 0.999) {print; exit}'; }
echo "x-gatehouse-overhead-ms over $n requests (after $warmup warm-up): p50 $(pick 0.5)  p90 $(pick 0.9)  p99 $(pick 0.99)"

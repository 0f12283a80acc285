#!/usr/bin/env bash
# The micro-benchmarks of the hot paths (bench/src/main/java, JMH 1.37): per provider (OpenAI,
# Anthropic, Gemini, Bedrock) the request mapping, the response mapping and the decoding of a
# 20-token stream, the OpenAI front door's parse and writes, and the secret scan of 1, 8 and 64 KB
# prompts (docs/guardrails.md); with -prof gc for the bytes
# allocated per operation. Pinned to one core like the gateway in bench/run.sh.
#   bench/jmh.sh                 the full run, about 4 minutes (1 fork, 3 x 2 s warm-up, 5 x 2 s measured)
#   bench/jmh.sh --quick         1 x 1 s warm-up, 2 x 1 s measured; for checking, not for quoting
#   bench/jmh.sh [--quick] REGEX only the benchmarks matching REGEX
# Writes bench/results/<date>-jmh/jmh.txt (and jmh.json).
set -euo pipefail
cd "$(dirname "$0")/.."
. build/common.sh

iterations=(-wi 3 -w 2s -i 5 -r 2s)
if [ "${1:-}" = --quick ]; then
    iterations=(-wi 1 -w 1s -i 2 -r 1s)
    shift
fi
out=bench/results/$(date -u +%Y-%m-%d-%H%M)-jmh
mkdir -p "$out"
# The bench classes (with the generated JMH harness) and their runtime classpath.
# The whole reactor: with -pl, the parent POM would come from the local repository and fail
# the lockfile check.
./mvnw -B -ntp -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
{
    echo "# JMH, $(date -u '+%Y-%m-%d %H:%M UTC'), Gatehouse $(git rev-parse --short HEAD)"
    echo "# $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p); pinned to core 0, -XX:ActiveProcessorCount=1"
    echo "# load average before (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/jmh.txt"
taskset -c 0 "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main "${iterations[@]}" -f 1 \
    -jvmArgsAppend -XX:ActiveProcessorCount=1 -prof gc -rf json -rff "$out/jmh.json" "$@" | tee -a "$out/jmh.txt"
echo "# load average after (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/jmh.txt"
echo "results in $out"

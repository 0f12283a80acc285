# What the bench scripts share (sourced after build/common.sh, from the checkout's top folder):
# the bench classes built when stale, their class path, waiting for a port, and the gateway's
# configuration for an OpenAI-format fake upstream.

# Builds the bench classes (and what they need) when marker class $1 is missing or older than
# their sources.
bench_classes_if_stale() {
    local marker=bench/target/classes/dev/gatehouse/bench/$1.class
    if [ ! -f "$marker" ] || [ -n "$(find bench/src bench/pom.xml -newer "$marker" -print -quit)" ]; then
        ./mvnw -B -ntp -q -DskipTests -pl bench -am package
    fi
}

# The class path of the bench classes: them and HdrHistogram, from the local Maven repository.
bench_class_path() {
    local version
    version=$(sed -n 's:.*<hdrhistogram.version>\(.*\)</hdrhistogram.version>.*:\1:p' pom.xml)
    echo "bench/target/classes:${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$version/HdrHistogram-$version.jar"
}

# Waits up to 30 s for something to listen on loopback port $1; says where to look ($2) if nothing does.
wait_port() {
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1; see $2" >&2
    exit 1
}

# One deployment of Gatehouse's configuration: model $1 served by the OpenAI-format fake on port $2.
bench_model_yaml() {
    printf '%s\n' "  - name: $1" "    provider: openai" "    model: bench-model" \
        "    base_url: http://127.0.0.1:$2/v1" "    api_key: env:BENCH_UPSTREAM_KEY" "    allow_private_network: true"
}

# Process $1's CPU time so far (user and system), in clock ticks (/proc/PID/stat fields 14 and 15,
# counted after the command name, which may hold spaces).
cpu_ticks() {
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# Microseconds of CPU per request: ticks $1 to $2 spent on $3 requests.
cpu_micros_per_request() {
    awk -v a="$1" -v b="$2" -v t="$(getconf CLK_TCK)" -v n="$3" 'BEGIN { printf "%.1f", (b - a) / t * 1e6 / n }'
}

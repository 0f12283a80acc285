# The JVM settings Gatehouse's launchers give a gateway, written once: sourced by the release
# bundle's bin/gatehouse and by the source tree's bin/gatehouse. POSIX sh. docs/server.md
# ("JVM settings") has the table of flags and why each; docs/benchmarks.md the measurements.
#
#   GATEHOUSE_HEAP       the maximum heap (default 256m)
#   GATEHOUSE_JAVA_OPTS  extra JVM options, placed last so that they win
#   GATEHOUSE_AOT=off    neither use nor make the ahead-of-time cache

# Prints the settings for a JVM of major version $1, space-separated on one line.
gatehouse_jvm_settings() {
    gh_major=$1
    gh_heap=${GATEHOUSE_HEAP:-256m}
    case $gh_heap in
        '' | *[!0-9kKmMgG]* | [!0-9]*)
            echo "gatehouse: GATEHOUSE_HEAP=$gh_heap is not a heap size such as 256m or 1g" >&2
            return 1 ;;
    esac
    # The processors this process may run on (taskset, a container's cpuset); the JVM sees the same.
    gh_cpus=$(nproc 2>/dev/null || echo 1)
    # Serial: one collector thread, no concurrent machinery; its young collections of a gateway's
    # few MB of live data take a millisecond or two. Measured against G1 and Parallel on 2 cores
    # (docs/benchmarks.md): idle RSS like Parallel's and below G1's, the lowest RSS after load;
    # CPU per request too noisy there to choose by. Above 2 cores Parallel collects the young
    # generation on every core, with the same heap layout (not measured: no such machine).
    if [ "$gh_cpus" -le 2 ]; then gh_gc=-XX:+UseSerialGC; else gh_gc=-XX:+UseParallelGC; fi
    # A collector in GATEHOUSE_JAVA_OPTS replaces this one (the JVM refuses two).
    case " ${GATEHOUSE_JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) gh_gc='' ;; esac
    # A small initial heap that grows under load, and gives memory back when the load is gone.
    printf '%s' "-Xms8m -Xmx$gh_heap -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30${gh_gc:+ $gh_gc}"
    printf ' %s' -XX:ReservedCodeCacheSize=48m -XX:+ExitOnOutOfMemoryError
    # 8-byte object headers: a product flag from JDK 25 (JEP 519), experimental before.
    if [ "$gh_major" -ge 25 ]; then printf ' %s' -XX:+UseCompactObjectHeaders; fi
    # The C heap keeps what the start freed (the jar's self-check, the catalog, the database's
    # first statements): 14 MB of idle RSS, given back by trimming it every 5 s (a product flag
    # from JDK 22; a trim of an idle heap takes well under a millisecond).
    if [ "$gh_major" -ge 22 ]; then printf ' %s' -XX:TrimNativeHeapInterval=5000; fi
    echo
}

# The ahead-of-time cache (JEP 483, 514, 515): classes loaded and linked, and method profiles,
# from a training run, mapped at start. A cache only works with the JVM, jar and options it was
# made with; $CACHE.key records them, and a cache whose key differs is made again. A cache that
# still does not fit (the JVM checks too) is only lost: the JVM logs an [aot] error and runs.

# The key of a cache for java $1, jar $2 and options $3: paths, sizes and times, and the options.
gatehouse_aot_key() {
    printf '%s|%s\n' "$(stat -L -c '%n %s %Y' "$1" "$2")" "$3"
}

# Whether cache $1 was made for key $2.
gatehouse_aot_current() {
    [ -s "$1" ] && [ -f "$1.key" ] && [ "$(cat "$1.key")" = "$2" ]
}

# Makes cache $3 for java $1 and jar $2 with options $4 (words): serves the built-in mock model
# and an OpenAI deployment whose upstream is the training gateway itself (so that the upstream
# client, the OpenAI provider and its stream parsing are trained too, not only the mock), on a
# loopback port and a throwaway data directory; sends plain and streamed chats to both, and
# Anthropic messages; stops the gateway cleanly, and the JVM writes the cache as it exits.
# Returns non-zero, having said why, when it could not; the gateway then starts without a cache.
gatehouse_aot_train() {
    gh_java=$1 gh_jar=$2 gh_cache=$3 gh_opts=$4
    command -v curl >/dev/null 2>&1 || { echo "gatehouse: no curl, so no ahead-of-time cache" >&2; return 1; }
    gh_dir=$(dirname "$gh_cache")
    mkdir -p "$gh_dir" && [ -w "$gh_dir" ] || { echo "gatehouse: $gh_dir is not writable, so no ahead-of-time cache" >&2; return 1; }
    gh_work=$(mktemp -d) || return 1
    echo "gatehouse: making the ahead-of-time cache $gh_cache (a training run of up to a minute, once per jar)" >&2
    gh_ok=false
    # The training gateway reads nothing of the real one's: no database, data directory or keys.
    # shellcheck disable=SC2086 # the options are words on purpose
    gh_key=$(env -u GATEHOUSE_DATABASE_URL -u GATEHOUSE_DATABASE_USER -u GATEHOUSE_DATABASE_PASSWORD \
        -u GATEHOUSE_DATA_DIR -u GATEHOUSE_MASTER_KEY -u GATEHOUSE_MASTER_KEY_FILE \
        "$gh_java" $gh_opts -jar "$gh_jar" keys create aot-training --models gatehouse-mock,aot-upstream \
        --data-dir "$gh_work/data" 2>"$gh_work/keys.log" | grep -o 'gtw_vk_[A-Za-z0-9_-]*' | head -1)
    gh_tries=0
    while [ -n "$gh_key" ] && [ $gh_tries -lt 3 ] && ! $gh_ok; do
        gh_tries=$((gh_tries + 1))
        # A port from 20000 to 52767 that nothing listens on now; another one if serve can not bind it.
        gh_port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') / 2))
        gatehouse_aot_config "$gh_port" >"$gh_work/gatehouse.yaml"
        # shellcheck disable=SC2086 # the options are words on purpose
        env -u GATEHOUSE_DATABASE_URL -u GATEHOUSE_DATABASE_USER -u GATEHOUSE_DATABASE_PASSWORD \
            -u GATEHOUSE_DATA_DIR -u GATEHOUSE_MASTER_KEY -u GATEHOUSE_MASTER_KEY_FILE GATEHOUSE_AOT_TRAINING_KEY="$gh_key" \
            "$gh_java" $gh_opts -XX:AOTCacheOutput="$gh_work/gatehouse.aot" -jar "$gh_jar" \
            serve --config "$gh_work/gatehouse.yaml" --port "$gh_port" --data-dir "$gh_work/data" ${gh_allow_root:-} \
            >"$gh_work/serve.log" 2>&1 &
        gh_pid=$!
        gh_url='' gh_i=0
        while [ $gh_i -lt 1200 ] && kill -0 "$gh_pid" 2>/dev/null; do
            gh_url=$(sed -n 's/.* listening on \(http:[^ ]*\)$/\1/p' "$gh_work/serve.log" 2>/dev/null)
            [ -n "$gh_url" ] && break
            sleep 0.1
            gh_i=$((gh_i + 1))
        done
        if [ -n "$gh_url" ]; then
            gatehouse_aot_requests "$gh_url" "$gh_key" 2400 >"$gh_work/requests.cfg"
            # One connection, kept alive; every answer's status is checked below.
            curl -K "$gh_work/requests.cfg" >"$gh_work/statuses" 2>&1 || true
            if [ "$(grep -c '^200$' "$gh_work/statuses")" -ge 2280 ]; then gh_ok=true; fi
        fi
        kill -TERM "$gh_pid" 2>/dev/null
        wait "$gh_pid" || true
        [ -n "$gh_url" ] && break
    done
    if $gh_ok && [ -s "$gh_work/gatehouse.aot" ] && mv "$gh_work/gatehouse.aot" "$gh_cache.new" \
        && mv "$gh_cache.new" "$gh_cache"; then
        gatehouse_aot_key "$gh_java" "$gh_jar" "$gh_opts" >"$gh_cache.key"
        echo "gatehouse: ahead-of-time cache made: $gh_cache ($(wc -c <"$gh_cache") bytes)" >&2
    else
        echo "gatehouse: the training run failed, so no ahead-of-time cache; its log:" >&2
        tail -20 "$gh_work/keys.log" "$gh_work/serve.log" >&2 2>/dev/null
        sort "$gh_work/statuses" 2>/dev/null | uniq -c | head -5 >&2
        rm -f "$gh_cache.new"
        gh_ok=false
    fi
    rm -rf "$gh_work"
    $gh_ok
}

# The training gateway's configuration for port $1: the mock model, and an OpenAI deployment
# whose upstream is the gateway's own mock (the key comes from GATEHOUSE_AOT_TRAINING_KEY).
gatehouse_aot_config() {
    printf '%s\n' 'models:' '  - name: gatehouse-mock' '    provider: mock' '    model: gatehouse-mock' '  - name: aot-upstream' \
        '    provider: openai' '    model: gatehouse-mock' "    base_url: http://127.0.0.1:$1/v1" \
        '    api_key: env:GATEHOUSE_AOT_TRAINING_KEY' '    allow_private_network: true'
}

# A curl configuration of $3 requests to gateway $1 with virtual key $2, in turn: a chat, a
# streamed chat, an Anthropic message, a streamed one, all to the mock model; then a chat and a
# streamed chat through the OpenAI deployment. Each writes its status on a line.
gatehouse_aot_requests() {
    gh_n=0
    while [ $gh_n -lt "$3" ]; do
        [ $gh_n -gt 0 ] && echo next
        case $((gh_n % 6)) in 4 | 5) gh_model=aot-upstream ;; *) gh_model=gatehouse-mock ;; esac
        gh_body="\\\"model\\\":\\\"$gh_model\\\",\\\"messages\\\":[{\\\"role\\\":\\\"user\\\",\\\"content\\\":\\\"Hello $gh_n\\\"}]"
        case $((gh_n % 6)) in
            0) printf 'url = "%s/v1/chat/completions"\ndata = "{%s}"\n' "$1" "$gh_body" ;;
            1) printf 'url = "%s/v1/chat/completions"\ndata = "{%s,\\"stream\\":true}"\n' "$1" "$gh_body" ;;
            2) printf 'url = "%s/v1/messages"\ndata = "{%s,\\"max_tokens\\":64}"\n' "$1" "$gh_body" ;;
            3) printf 'url = "%s/v1/messages"\ndata = "{%s,\\"max_tokens\\":64,\\"stream\\":true}"\n' "$1" "$gh_body" ;;
            4) printf 'url = "%s/v1/chat/completions"\ndata = "{%s}"\n' "$1" "$gh_body" ;;
            5) printf 'url = "%s/v1/chat/completions"\ndata = "{%s,\\"stream\\":true}"\n' "$1" "$gh_body" ;;
        esac
        printf 'header = "content-type: application/json"\nheader = "authorization: Bearer %s"\n' "$2"
        printf 'header = "anthropic-version: 2023-06-01"\noutput = "/dev/null"\nsilent\nwrite-out = "%%{http_code}\\n"\n'
        gh_n=$((gh_n + 1))
    done
}

# Sets gh_options to what a launcher runs java $1 (major version $2) with on jar $3: the
# settings, the ahead-of-time cache $4 when it exists for them or can be made now ($4 empty:
# none), then GATEHOUSE_JAVA_OPTS, last so that they win. The launcher sets gh_allow_root to
# --allow-root when its caller gave serve that, so that the training gateway runs as root too.
gatehouse_launch_options() {
    gh_options=$(gatehouse_jvm_settings "$2") || return 1
    gh_options="$gh_options${GATEHOUSE_JAVA_OPTS:+ $GATEHOUSE_JAVA_OPTS}"
    [ -n "$4" ] && [ "${GATEHOUSE_AOT:-}" != off ] && [ "$2" -ge 25 ] || return 0
    gh_want=$(gatehouse_aot_key "$1" "$3" "$gh_options")
    if gatehouse_aot_current "$4" "$gh_want"; then
        :
    elif [ -f "$4.failed" ] && [ "$(cat "$4.failed")" = "$gh_want${gh_allow_root:+ --allow-root}" ]; then
        # A training run failed for this jar and these options: every start would wait for it
        # again. `gatehouse aot` (or deleting the file) tries again.
        echo "gatehouse: no ahead-of-time cache: its training run failed before ($4.failed)" >&2
        return 0
    elif gatehouse_aot_train "$1" "$3" "$4" "$gh_options"; then
        rm -f "$4.failed"
    else
        # (With --allow-root it is another run: serve refuses root without it.)
        echo "$gh_want${gh_allow_root:+ --allow-root}" >"$4.failed" 2>/dev/null || true
        return 0
    fi
    # -Xlog:aot*=error: JDK 25.0.3 warns at every start about one adapter it can not link from
    # the cache (and makes it anew); errors, such as a cache that does not fit, are still logged.
    gh_options="$(gatehouse_jvm_settings "$2") -XX:AOTCache=$4 -Xlog:aot*=error${GATEHOUSE_JAVA_OPTS:+ $GATEHOUSE_JAVA_OPTS}"
}

# Sourced by the project's scripts (bin/, build/, .ci/run).

# Points JAVA_HOME at a JDK 21 or newer: keeps a JAVA_HOME that is new enough, otherwise
# looks in the usual places.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]-* /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ]; then
            JAVA_HOME="$candidate"
            break
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "Gatehouse needs a JDK 21 or newer: install one and set JAVA_HOME to it." >&2
        exit 1
    fi
fi
export JAVA_HOME

# The project's own local Maven repository (see .mvn/gatehouse-settings.xml), unless the
# caller names another.
GATEHOUSE_REPO=${GATEHOUSE_REPO:-$HOME/.m2/gatehouse-repository}

# Copies the working tree (tracked and new files, no build output) into directory $1.
copy_tree() {
    mkdir -p "$1"
    git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$1"
}

# The reproducible build's timestamp (project.build.outputTimestamp), in seconds since 1970.
output_epoch() {
    date -d "$(sed -n 's:.*<project.build.outputTimestamp>\(.*\)</project.build.outputTimestamp>.*:\1:p' pom.xml)" +%s
}

# serve refuses to run as root unless given --allow-root (docs/server.md). The scripts' own
# gateways, which CI runs as root, pass this: --allow-root when run as root, nothing otherwise.
GATEHOUSE_ROOT_FLAG=$([ "$(id -u)" = 0 ] && echo --allow-root || true)

# The project version, from the parent POM.
project_version() {
    sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml
}

# Builds server/target/gatehouse.jar with the project's own pinned Maven when it is missing or
# older than the sources, checking every dependency against the lockfiles on the way.
build_jar_if_stale() {
    local top jar
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    jar=$top/server/target/gatehouse.jar
    if [ ! -f "$jar" ] || [ -n "$(find "$top/pom.xml" "$top"/*/pom.xml "$top"/core/src "$top"/server/src \
        -newer "$jar" -print -quit 2>/dev/null)" ]; then
        echo "Building Gatehouse (server/target/gatehouse.jar)..." >&2
        (cd "$top" && ./mvnw -B -ntp -q -DskipTests package) >&2
    fi
}

# The absolute path of an existing file $1. The ahead-of-time cache's key names the jar as given,
# so a jar named two ways (bin/gatehouse names it absolutely) would make the cache again.
absolute_path() {
    echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

# Sets launcher_options to the JVM options bin/gatehouse runs jar $1 with: the release bundle's
# settings and, on JDK 25, the ahead-of-time cache beside the jar (made by a training run when it
# is missing or stale; GATEHOUSE_AOT=off leaves it out). The bench scripts measure what users run.
launcher_jvm_options() {
    . "$(dirname "${BASH_SOURCE[0]}")/bundle/lib/jvm-options.sh"
    local gh_allow_root=$GATEHOUSE_ROOT_FLAG
    gatehouse_launch_options "$JAVA_HOME/bin/java" "$(java_major "$JAVA_HOME")" "$1" "${1%.jar}.aot"
    launcher_options=$gh_options
}

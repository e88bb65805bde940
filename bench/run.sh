#!/usr/bin/env bash
# Runs one benchmark harness: bench/run.sh <name> [args...]
#   names: see bench/README.md (each is a class dev.newsflow.bench.<Name>Benchmark).
# Builds the project (tests skipped) with the bench profile in one reactor (nothing is
# installed into the shared ~/.m2), then runs the harness on its own JVM. Results print to
# stdout; quote them as ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh <name> [args...]}"; shift
cp_file=bench/target/classpath.txt
# Each module of the reactor writes the file in turn; bench comes last, so its classpath (the
# reactor's freshly built jars, not ~/.m2 copies) is what remains.
mvn -B -q -Pbench -DskipTests -pl bench -am package dependency:build-classpath \
    -Dmdep.outputFile="$(pwd)/$cp_file" >/dev/null
class="dev.newsflow.bench.${name}"
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "bench/target/classes:$(cat "$cp_file")" "$class" "$@"

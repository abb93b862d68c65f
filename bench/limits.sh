#!/usr/bin/env bash
# Benchmark: how promptcheck lives within a provider's rate limit (issue 23). Each scenario starts
# the stub (../shared/bench/llm-stub.js) in its RATE_LIMIT mode (an allowance of LIMIT requests per
# second, sliding window; beyond it 429 with Retry-After and, unless RATE_HEADERS=0, retry-after-ms
# and OpenAI's x-ratelimit-* headers on every answer), runs N trials through `java -jar`, and prints
# the wall time against the ideal (N / LIMIT seconds), the calls the stub refused with 429 (from its
# /stats), the trials that did not pass, and what promptcheck itself counted (results.json limits).
#
#   bench/limits.sh                          the scenarios below, REPS=3 each
#   REPS=1 SCENARIOS="5:60:8:1" bench/limits.sh
#   JAR=/tmp/promptcheck-before.jar bench/limits.sh      another build, for before/after tables
#
# A scenario is LIMIT:N:CONCURRENCY:HEADERS[:RPM] (HEADERS 1 = x-ratelimit-* sent, 0 = Retry-After
# alone, as providers without headers answer; RPM = a --rpm given by the user, 0 = none).
# Needs node and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
stub="${LLM_STUB:-$root/../shared/bench/llm-stub.js}"
[ -f "$stub" ] || { echo "bench: no stub at $stub (set LLM_STUB)" >&2; exit 3; }
jar="${JAR:-$root/target/promptcheck.jar}"
if [ -z "${JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; }; then
  mvn -B -q -o -DskipTests package >&2
fi
port="${PORT:-18124}"
latency="${LATENCY_MS:-50}"
reps="${REPS:-3}"
scenarios="${SCENARIOS:-5:60:8:1 50:300:16:1 30:300:16:1 30:300:16:0 30:300:16:1:1800}"
work=$(mktemp -d)
trap 'kill "${stub_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

suite() { # N cases, each answered with its own input echoed
  mkdir -p "$work/prompts"
  {
    echo "name: limits"
    echo "model: openai:stub"
    echo "messages: [{role: user, content: '{{input}}'}]"
    echo "evaluators: [{name: echoes, string: {contains: '{{input}}'}}]"
    echo "testData:"
    for i in $(seq 1 "$1"); do echo "  - input: question $i"; done
  } >"$work/prompts/limits.prompt.yml"
}

printf '%-28s %4s %8s %8s %7s %8s %9s %10s\n' scenario rep wall_s ideal_s x_ideal refused not_pass waited_ms
for s in $scenarios; do
  IFS=: read -r limit n conc headers rpm <<<"$s"
  rpm="${rpm:-0}"
  suite "$n"
  for rep in $(seq 1 "$reps"); do
    RATE_LIMIT="$limit" RATE_WINDOW_MS=1000 RATE_HEADERS="$headers" LATENCY_MS="$latency" PORT="$port" \
      node "$stub" 2>/dev/null &
    stub_pid=$!
    for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/stats" >/dev/null 2>&1 && break; sleep 0.1; done
    rm -rf "$work/out"
    start=$(date +%s.%N)
    (cd "$work" && OPENAI_BASE_URL="http://127.0.0.1:$port/v1" java -jar "$jar" run prompts --cache off \
      --concurrency "$conc" --rpm "$rpm" --out out --run-id r --quiet >/dev/null 2>"$work/err") || true
    end=$(date +%s.%N)
    stats=$(curl -fs "http://127.0.0.1:$port/stats")
    kill "$stub_pid"; wait "$stub_pid" 2>/dev/null || true; stub_pid=
    python3 - "$s" "$rep" "$start" "$end" "$limit" "$n" "$stats" "$work/out/r/results.json" <<'EOF'
import json, sys
s, rep, start, end, limit, n, stats, results = sys.argv[1:]
wall = float(end) - float(start); ideal = int(n) / int(limit)
st = json.loads(stats)
try:
    r = json.load(open(results))
    passed = r["summary"]["passedTests"]
    lim = r.get("limits") or {}
    waited = sum(m.get("waitedMs", 0) for m in lim.values()) if lim else "-"
except Exception:
    passed, waited = 0, "-"
print(f"{s:<28} {rep:>4} {wall:8.2f} {ideal:8.2f} {wall/ideal:7.2f} {st['rejected429']:8d} {int(n)-passed:9d} {waited!s:>10}")
EOF
  done
done

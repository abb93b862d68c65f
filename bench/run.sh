#!/usr/bin/env bash
# Benchmark: N trials at concurrency C through the real openai: client path against a local
# OpenAI-compatible stub with a fixed latency. Prints wall time against the ideal N x latency / C,
# CPU per trial and peak RSS of the promptcheck process (JVM start included).
#
#   bench/run.sh [N] [LATENCY_MS] [CONCURRENCY]      defaults: 2000 50 32
#
# Needs node for the stub (../shared/bench/llm-stub.js, or LLM_STUB=path) and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}; latency=${2:-50}; c=${3:-32}
stub="${LLM_STUB:-../shared/bench/llm-stub.js}"
port=${PORT:-18090}
work=$(mktemp -d)
trap 'kill $stub_pid 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/prompts" "$work/test-data"
python3 - "$n" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
with open(f"{work}/test-data/cases.jsonl", "w") as f:
    for i in range(n):
        f.write(json.dumps({"input": f"def f{i}(xs):\n    return [x for x in xs if xs.count(x) > 1]"}) + "\n")
with open(f"{work}/prompts/bench.prompt.yml", "w") as f:
    f.write("""name: bench
model: openai:bench-model
messages:
  - {role: system, content: You review Python code for performance.}
  - {role: user, content: '{{input}}'}
testData: ../test-data/cases.jsonl
evaluators:
  - name: sections
    headers: {expect: [Performance Analysis, Optimized Implementation], order: true}
  - name: code
    regex: '```python'
""")
PY
PORT=$port LATENCY_MS=$latency node "$stub" 2>/dev/null & stub_pid=$!
sleep 0.5
# through the launcher, as users run it (JVM flags and class-data-sharing archive included); a short
# warm-up run first, so the build and the archive the launcher records are not part of the measurement
( cd "$work" && OPENAI_BASE_URL=http://127.0.0.1:$port/v1 OPENAI_API_KEY=bench "$OLDPWD/promptcheck" run prompts \
    --filter 'f1(' --cache off --format json --quiet --fail-on none --run-id warmup >/dev/null )
start=$(date +%s%N)
( cd "$work" && OPENAI_BASE_URL=http://127.0.0.1:$port/v1 OPENAI_API_KEY=bench /usr/bin/time -f '%U %S %M' -o "$work/time.txt" \
    "$OLDPWD/promptcheck" run prompts \
    --concurrency "$c" --cache off --format json --quiet --fail-on none --run-id bench )
end=$(date +%s%N)
read -r user sys rss < "$work/time.txt"
served=$(curl -s "http://127.0.0.1:$port/stats")
python3 - "$n" "$latency" "$c" "$start" "$end" "$user" "$sys" "$rss" "$served" "$work" <<'PY'
import json, sys
n, lat, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wall = (int(sys.argv[5]) - int(sys.argv[4])) / 1e9
cpu = float(sys.argv[6]) + float(sys.argv[7])
rss_mb = int(sys.argv[8]) / 1024
ideal = n * lat / 1000 / c
res = json.load(open(sys.argv[10] + "/reports/bench/results.json"))["summary"]
print(f"trials {n}  latency {lat} ms  concurrency {c}  stub {sys.argv[9]}")
print(f"passed {res['passed']}  failed {res['failed']}  errors {res['errors']}")
print(f"wall {wall:.2f} s  ideal {ideal:.2f} s  ratio {wall / ideal if ideal else float('nan'):.2f}x")
print(f"cpu {cpu:.2f} s (user {float(sys.argv[6]):.2f}, sys {float(sys.argv[7]):.2f}) = {cpu * 1000 / n:.3f} ms per trial (JVM start included)")
print(f"peak RSS {rss_mb:.0f} MB")
PY

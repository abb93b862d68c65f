#!/usr/bin/env bash
# Regenerates test-data/recordings/ from the hand-written samples in test-data/demo-responses.yaml.
# Needs node (for ../shared/bench/llm-stub.js, which only provides request keys) and python3 with PyYAML.
# Run it after changing a demo prompt, since a recording is keyed by the exact request.
set -euo pipefail
cd "$(dirname "$0")/.."
stub="${LLM_STUB:-../shared/bench/llm-stub.js}"
port=18093
PORT=$port node "$stub" >/dev/null 2>&1 & stub_pid=$!
trap 'kill $stub_pid 2>/dev/null || true' EXIT
sleep 0.5
export OPENAI_BASE_URL=http://127.0.0.1:$port/v1 OPENAI_API_KEY=unused
rm -rf test-data/recordings
work=$(mktemp -d)
mkdir -p "$work/suite" && cp -r prompts test-data evaluators "$work/suite/"
models=(--model openai:gpt-4 --model openai:gpt-4o-mini)   # two models on the same suite
# pass 1: the demo's model calls, recorded (keyed by request) and cached (keyed by request and
# endpoint) at once; both then get the hand-written sample texts
(cd "$work/suite" && "$OLDPWD/promptcheck" run prompts "${models[@]}" --record "$OLDPWD/test-data/recordings" \
  --cache refresh --format json --out "$work/reports" --quiet --fail-on none)
python3 bench/fill-demo-responses.py model test-data/recordings
python3 bench/fill-demo-responses.py model "$work/suite/.promptcheck-cache"
# pass 2: judge calls see the sample answers (served from that cache) and are recorded too
(cd "$work/suite" && "$OLDPWD/promptcheck" run prompts "${models[@]}" --judge openai:gpt-4o-mini --record "$OLDPWD/test-data/recordings" \
  --format json --out "$work/reports" --quiet --fail-on none)
python3 bench/fill-demo-responses.py judge test-data/recordings
# pass 2 recorded the cached model answers again, under its own label: put the samples' label back
python3 bench/fill-demo-responses.py model test-data/recordings
rm -rf "$work"
echo "recordings: $(ls test-data/recordings | wc -l) files in test-data/recordings"

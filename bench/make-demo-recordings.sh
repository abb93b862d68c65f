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
# pass 1: the demo's model calls, keyed by their requests
./promptcheck run prompts --record test-data/recordings --cache off --format json --out "$work/reports" --quiet --fail-on none
python3 bench/fill-demo-responses.py model
# pass 2: judge calls see the sample answers (served from a cache seeded with them) and are recorded too
mkdir -p "$work/suite" && cp -r prompts test-data evaluators "$work/suite/"
cp -r test-data/recordings "$work/suite/.promptcheck-cache"
(cd "$work/suite" && "$OLDPWD/promptcheck" run prompts --judge openai:gpt-4o-mini --record "$OLDPWD/test-data/recordings" \
  --format json --out "$work/reports" --quiet --fail-on none)
python3 bench/fill-demo-responses.py judge
rm -rf "$work"
echo "recordings: $(ls test-data/recordings | wc -l) files in test-data/recordings"

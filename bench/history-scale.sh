#!/usr/bin/env bash
# Benchmark of `promptcheck history` at the issue's scale (issue 22): NIGHTS nights × CASES cases ×
# 3 models (default 365 × 2,000 × 3 = 2.19 M trials). Steps:
#   1. one real night: `promptcheck run` of FILES prompt files (CASES cases in all) against 3 models
#      on the loopback stub (../shared/bench/llm-stub.js, or LLM_STUB=path), its results.json the
#      template (kept in $WORK/template, made once);
#   2. NIGHTS run folders made from it by bench/HistoryScale.java with promptcheck's own JsonReport
#      (flaky and flipping cases, a model drift from night 300, a prompt edit on night 200; made once);
#   3. timed: `java -jar target/promptcheck.jar history $WORK/runs --out $WORK/history` from an empty
#      index, then again (nothing new), under GNU time (wall, CPU, peak RSS);
#   4. history.sqlite's and history.html's sizes, and the page's open time in headless Chromium
#      (bench/open-page.js over the DevTools protocol: navigate to load event and painted).
#
#   bench/history-scale.sh                        the issue's scale
#   NIGHTS=30 CASES=200 bench/history-scale.sh    a quick look
#   WORK=/tmp/hs REGEN=1 bench/history-scale.sh   another folder; REGEN=1 makes the nights again
#
# Needs GNU time (apt-get install time), node and chromium (apt-get install chromium). The nights
# take ~2.5 GB in $WORK (default target/history-scale).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
NIGHTS=${NIGHTS:-365}
CASES=${CASES:-2000}
FILES=${FILES:-4}
PORT=${PORT:-18123}
WORK=${WORK:-$root/target/history-scale}
stub="${LLM_STUB:-$root/../shared/bench/llm-stub.js}"
jar="$root/target/promptcheck.jar"
[ -x /usr/bin/time ] || { echo "history-scale: needs GNU time at /usr/bin/time" >&2; exit 3; }
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -o -q package -DskipTests -Dmaven.test.skip >&2
fi
mkdir -p "$WORK"
gen="$root/target/bench-history"
if [ ! -f "$gen/HistoryScale.class" ] || [ bench/HistoryScale.java -nt "$gen/HistoryScale.class" ]; then
  mkdir -p "$gen"
  javac -d "$gen" -cp "$jar" bench/HistoryScale.java
fi

# 1. the template night
shape="$NIGHTS-$CASES-$FILES"
if [ ! -f "$WORK/template/night/results.json" ] || [ "$(cat "$WORK/shape" 2>/dev/null)" != "$shape" ]; then
  [ -f "$stub" ] || { echo "history-scale: no stub at $stub (set LLM_STUB)" >&2; exit 3; }
  rm -rf "$WORK/template" "$WORK/runs" "$WORK/history"
  mkdir -p "$WORK/template/prompts"
  per=$((CASES / FILES))
  for f in $(seq 1 "$FILES"); do
    {
      echo "name: suite $f"
      echo "description: synthetic suite $f of the history benchmark"
      echo "messages:"
      echo "  - {role: system, content: 'You summarise support tickets as Markdown with a Summary and a Details section.'}"
      echo "  - {role: user, content: 'Ticket {{id}}: {{input}}'}"
      echo "evaluators:"
      echo "  - {name: summary, string: {contains: '## '}}"
      echo "  - {name: echoes, string: {contains: '{{id}}'}}"
      echo "testData:"
      for i in $(seq 1 "$per"); do
        echo "  - {id: 't$f-$i', input: 'the customer reports that feature $i of area $f stops working after the update; steps to reproduce attached'}"
      done
    } >"$WORK/template/prompts/suite-$f.prompt.yml"
  done
  PORT=$PORT node "$stub" 2>/dev/null &
  stub_pid=$!
  trap 'kill $stub_pid 2>/dev/null || true' EXIT
  sleep 0.5
  (cd "$WORK/template" && OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" OPENAI_API_KEY=bench \
    java -jar "$jar" run prompts --model openai:model-a --model openai:model-b --model openai:model-c \
      --cache off --run-id night --format json --fail-on none --quiet --out "$WORK/template") >&2
  kill $stub_pid; trap - EXIT
  echo "$shape" >"$WORK/shape"
fi

# 2. the nights
if [ -n "${REGEN:-}" ] || [ "$(ls "$WORK/runs" 2>/dev/null | wc -l)" != "$NIGHTS" ]; then
  rm -rf "$WORK/runs" "$WORK/history"
  java -Xmx3g -cp "$jar:$gen" HistoryScale "$WORK/template/night/results.json" "$WORK/runs" "$NIGHTS" >&2
fi
trials=$(( $(find "$WORK/runs" -name results.json | wc -l) * $(grep -c '"trialId"' "$WORK/template/night/results.json") ))
echo "nights: $(ls "$WORK/runs" | wc -l), trials: $trials, results.json in all: $(du -sh "$WORK/runs" | cut -f1)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# 3. index from empty, then again
timed() { # label, then the command: prints wall, CPU and peak RSS from GNU time
  local label=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/$label.out" 2>&1 || { cat "$WORK/$label.out" >&2; true; }
  awk -v l="$label" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
    END { printf "%-12s wall %6.1f s  cpu %6.1f s  peak RSS %5d MiB\n", l, w, u + s, r / 1024 }' "$WORK/time.txt"
}
rm -rf "$WORK/history"
sync
timed index java -jar "$jar" history "$WORK/runs" --out "$WORK/history"
timed incremental java -jar "$jar" history "$WORK/runs" --out "$WORK/history"
grep -h "runs (" "$WORK/index.out" "$WORK/incremental.out" || true
ls -l "$WORK/history" | awk 'NR > 1 { printf "%-16s %8.1f MiB\n", $9, $5 / 1048576 }'

# 4. the page in Chromium
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  node --experimental-websocket bench/open-page.js "$WORK/history/history.html" "${REPS:-3}" 2>/dev/null \
    || node bench/open-page.js "$WORK/history/history.html" "${REPS:-3}"
else
  echo "no chromium: page open time not measured (apt-get install chromium)"
fi

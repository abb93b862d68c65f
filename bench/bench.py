#!/usr/bin/env python3
"""The yardstick behind bench/run.sh (read that file's header for the options).

For every trial count N and stub latency L it writes an N-case suite, then runs, REPS times in
alternating order so machine load falls on all alike: the floor (bench/Floor.java), promptcheck
through plain `java -jar` and promptcheck through the launcher. Each run is timed with GNU time
(user+sys CPU of the whole process tree, peak RSS of its largest process). It prints medians with
(min-max): wall, wall/ideal (ideal = N x L / C), wall/floor of the same repetition, CPU per trial,
peak RSS, and the time promptcheck spent writing its reports (last report file written minus the
journal's last line).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

PROMPT = """name: bench
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
"""


PROMPTFOO_CONFIG = """description: bench
prompts:
  - id: bench
    raw: '[{"role": "system", "content": "You review Python code for performance."}, {"role": "user", "content": "{{input}}"}]'
providers:
  - id: openai:chat:bench-model
    config: {apiBaseUrl: "BASE", apiKey: bench}
tests: file://tests.json
defaultTest:
  assert:
    - type: regex
      value: 'Performance Analysis[\\s\\S]*Optimized Implementation'
    - type: contains
      value: '```python'
"""


def promptfoo_suite(work, n, base):
    """The same cases and checks for promptfoo: its config, and the cases as a JSON list of vars."""
    with open(f"{work}/promptfooconfig.yaml", "w") as f:
        f.write(PROMPTFOO_CONFIG.replace("BASE", base))
    with open(f"{work}/tests.json", "w") as f:
        json.dump([{"vars": {"input": f"def f{i}(xs):\n    return [x for x in xs if xs.count(x) > 1]"}}
                   for i in range(n)], f)


def suite(work, n):
    os.makedirs(f"{work}/prompts", exist_ok=True)
    os.makedirs(f"{work}/test-data", exist_ok=True)
    with open(f"{work}/test-data/cases.jsonl", "w") as f:
        for i in range(n):
            f.write(json.dumps({"input": f"def f{i}(xs):\n    return [x for x in xs if xs.count(x) > 1]"}) + "\n")
    with open(f"{work}/prompts/bench.prompt.yml", "w") as f:
        f.write(PROMPT)


def timed(cmd, cwd, env):
    """Runs cmd under GNU time: (wall s, cpu s, peak MiB, exit code)."""
    out = os.path.join(cwd, "time.txt")
    start = time.monotonic()
    rc = subprocess.call(["/usr/bin/time", "-f", "%U %S %M", "-o", out] + cmd, cwd=cwd, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - start
    user, sys_, rss = open(out).read().split()[-3:]
    return wall, float(user) + float(sys_), int(rss) / 1024, rc


def report_seconds(run_dir):
    journal = os.path.join(run_dir, "results.jsonl")
    files = [os.path.join(run_dir, f) for f in ("results.json", "junit.xml", "summary.md", "report.html")]
    files = [f for f in files if os.path.exists(f)]
    if not files or not os.path.exists(journal):
        return float("nan")
    return max(os.path.getmtime(f) for f in files) - os.path.getmtime(journal)


def fmt(values, spec):
    values = [v for v in values if v == v]
    if not values:
        return "-"
    return f"{statistics.median(values):{spec}} ({min(values):{spec}}-{max(values):{spec}})"


def main():
    root, jar, floor_cp, stub = sys.argv[1:5]
    sizes = [int(x) for x in os.environ.get("SIZES", "2000 10000 100000").split()]
    latencies = [int(x) for x in os.environ.get("LATENCIES", "0 50").split()]
    reps = int(os.environ.get("REPS", "5"))
    c = int(os.environ.get("CONCURRENCY", "32"))
    tools = os.environ.get("TOOLS", "floor jar launcher").split()
    port = int(os.environ.get("PORT", "18090"))
    java = os.environ.get("JAVA", "java")
    print(f"# {time.strftime('%Y-%m-%d %H:%M:%S')}  load {os.getloadavg()}  cpus {os.cpu_count()}  reps {reps}  C={c}")
    for lat in latencies:
        stub_proc = subprocess.Popen(["node", stub], env=dict(os.environ, PORT=str(port), LATENCY_MS=str(lat)),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.7)
        try:
            for n in sizes:
                rows = {t: [] for t in tools}
                with tempfile.TemporaryDirectory() as work:
                    suite(work, n)
                    base = f"http://127.0.0.1:{port}/v1"
                    env = dict(os.environ, OPENAI_BASE_URL=base, OPENAI_API_KEY="sk-bench-0123456789abcdefghijklmnopqrstuvwxyz")
                    env.pop("PROMPTCHECK_JVM", None)
                    pc_args = ["run", "prompts", "--concurrency", str(c), "--cache", "off", "--quiet",
                               "--fail-on", "none", "--format", "json,junit,md,html"]
                    # warm-up, untimed: page cache, the launcher's and the jar's class-data archives
                    subprocess.call([f"{root}/promptcheck"] + pc_args[:1] + ["prompts", "--filter", "f1(", "--cache", "off",
                                    "--quiet", "--fail-on", "none", "--run-id", "warm-l"], cwd=work, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    subprocess.call([java, "-jar", jar] + ["run", "prompts", "--filter", "f1(", "--cache", "off",
                                    "--quiet", "--fail-on", "none", "--run-id", "warm-j"], cwd=work, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    promptfoo = os.environ.get("PROMPTFOO")  # path to promptfoo's entrypoint.js
                    if "promptfoo" in tools:
                        promptfoo_suite(work, n, base)
                    pf_env = dict(env, PROMPTFOO_DISABLE_TELEMETRY="1", PROMPTFOO_DISABLE_UPDATE="1",
                                  PROMPTFOO_DISABLE_SHARING="1", PROMPTFOO_CACHE_ENABLED="false",
                                  PROMPTFOO_CONFIG_DIR=f"{work}/.promptfoo", IS_CI="1")
                    for r in range(reps):
                        order = tools if r % 2 == 0 else list(reversed(tools))
                        for t in order:
                            run_id = f"{t}-{r}"
                            if t == "floor":
                                cmd = [java, "-cp", floor_cp, "Floor", f"{work}/test-data/cases.jsonl", base, str(c)]
                            elif t == "floor-tuned":
                                # the floor in promptcheck's tuned JVM (cli/TunedJvm.FLAGS: C1 only, serial GC):
                                # the default JVM's C2 compiles all run long and weighs on the floor's
                                # CPU per trial (8,000 vs 2,000 trials, loaded machine: 0.52 vs 0.17 ms)
                                cmd = [java, "-XX:+UseSerialGC", "-Xmn24m", "-XX:TieredStopAtLevel=1", "-cp", floor_cp,
                                       "Floor", f"{work}/test-data/cases.jsonl", base, str(c)]
                            elif t == "jar":
                                cmd = [java, "-jar", jar] + pc_args + ["--run-id", run_id]
                            elif t == "promptfoo":
                                cmd = [os.environ.get("PROMPTFOO_NODE", "node"), promptfoo, "eval", "-c",
                                       "promptfooconfig.yaml", "-j", str(c), "--no-cache", "--no-progress-bar",
                                       "--no-write", "--no-table", "-o", f"pf-{r}.json"]
                            else:
                                cmd = [f"{root}/promptcheck"] + pc_args + ["--run-id", run_id]
                            wall, cpu, rss, rc = timed(cmd, work, pf_env if t == "promptfoo" else env)
                            rep = (report_seconds(f"{work}/reports/{run_id}")
                                   if t in ("jar", "launcher") else float("nan"))
                            rows[t].append((wall, cpu, rss, rep, rc))
                            if t in ("jar", "launcher"):
                                subprocess.call(["rm", "-rf", f"{work}/reports/{run_id}"])
                ideal = n * lat / 1000 / c
                floor_walls = [w for (w, *_rest) in rows.get("floor", [])]
                print(f"\nN={n} latency={lat} ms C={c} ideal {ideal:.3f} s  load now {os.getloadavg()[0]:.1f}")
                print(f"{'':9} {'wall s':>22} {'x ideal':>19} {'x floor':>19} {'CPU ms/trial':>22} {'peak MiB':>19} {'reports s':>19} exit")
                for t in tools:
                    rs = rows[t]
                    walls = [x[0] for x in rs]
                    xi = [w / ideal for w in walls] if ideal else []
                    xf = [w / f for w, f in zip(walls, floor_walls)] if floor_walls else []
                    print(f"{t:9} {fmt(walls, '.2f'):>22} {fmt(xi, '.2f'):>19} {fmt(xf, '.2f'):>19} "
                          f"{fmt([x[1] * 1000 / n for x in rs], '.3f'):>22} {fmt([x[2] for x in rs], '.0f'):>19} "
                          f"{fmt([x[3] for x in rs], '.2f'):>19} {sorted(set(x[4] for x in rs))}")
                sys.stdout.flush()
        finally:
            stub_proc.terminate()
            stub_proc.wait()


if __name__ == "__main__":
    main()

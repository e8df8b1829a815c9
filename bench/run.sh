#!/usr/bin/env bash
# Speed benchmark: the kit (SameDiff on ND4J) against PyTorch on the same
# networks, same machine, same thread count, synthetic inputs (only speed is
# measured). Prints and saves build/bench/compare.md with each ratio kit/PyTorch
# (below 1.0: the kit is faster). Usage: bench/run.sh [--quick]
#   --quick: fewer pairs/iterations, for a smoke run of the command itself.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
threads="${BENCH_THREADS:-$(nproc)}"
orl_pairs=15000; koch_iters=5; compact_iters=20
if [ "${1:-}" = --quick ]; then orl_pairs=1280; koch_iters=1; compact_iters=3; fi

"$KIT_PYTHON" -c 'import torch' 2>/dev/null || apt_install python3-torch
mkdir -p build/bench
say "building lib and its test classes"
cp="$(bench_classpath)"

say "kit (SameDiff), $threads threads"
# The kernel's JVM options (its GC and malloc settings change a step's time), with
# the memory limits raised for Koch's full network (scripts/common.sh).
opts="$(big_model_java_opts)"
echo "JVM options: $opts"
# shellcheck disable=SC2086
OMP_NUM_THREADS=$threads java $opts -cp "$cp" org.siamesekit.bench.TrainingBench \
  --orl-pairs $orl_pairs --koch-iters $koch_iters --compact-iters $compact_iters --out build/bench/kit.txt
say "PyTorch $("$KIT_PYTHON" -c 'import torch; print(torch.__version__)'), $threads threads"
"$KIT_PYTHON" bench/torch_bench.py --threads "$threads" --orl-pairs $orl_pairs --koch-iters $koch_iters | tee build/bench/torch.txt

"$KIT_PYTHON" - "$threads" "$orl_pairs" <<'PY' | tee build/bench/compare.md
import platform, subprocess, sys
def read(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if len(parts) == 4:
            out[(parts[1], parts[2])] = parts[3]
    return out
kit, torch = read("build/bench/kit.txt"), read("build/bench/torch.txt")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Machine: {cpu}, {sys.argv[1]} threads; kit backend {kit.get(('all', 'backend'), '?')}; "
      f"load average at start {kit.get(('all', 'loadavg_1min_start'), '?')}\n")
print("| measurement | kit | PyTorch | kit/PyTorch |")
print("| --- | --- | --- | --- |")
rows = [("orl", "seconds_per_epoch", f"ORL network, seconds per epoch ({int(sys.argv[2]):,} pairs, batch 128)", True),
        ("orl", "embed_images_per_second", "ORL network, embedding throughput (images/s)", False),
        ("koch", "seconds_per_iteration", "Koch network, seconds per iteration (batch 32)", True),
        ("koch", "embed_images_per_second", "Koch network, embedding throughput (images/s)", False)]
for net, metric, label, time_like in rows:
    k, t = kit.get((net, metric)), torch.get((net, metric))
    if k is None or t is None:
        print(f"| {label} | {k or 'not run'} | {t or 'not run'} | |")
        continue
    k, t = float(k), float(t)
    # A ratio of times; for throughputs, the inverse, so that below 1.0 always means the kit is faster.
    ratio = k / t if time_like else t / k
    print(f"| {label} | {k:.3f} | {t:.3f} | {ratio:.2f} |")
PY
say "saved build/bench/kit.txt, build/bench/torch.txt, build/bench/compare.md"

#!/usr/bin/env bash
# Speed benchmark: the kit (SameDiff on ND4J) against PyTorch on the same
# networks, same machine, synthetic inputs (only speed is measured), each at its
# defaults using every core: the kit with one worker whose ops use every core,
# PyTorch with as many threads as cores. The kit also runs with one data-parallel
# worker per core (each on one op thread). Prints and saves build/bench/compare.md
# with each ratio kit/PyTorch (below 1.0: the kit is faster).
# Usage: bench/run.sh [--quick]
#   --quick: fewer pairs/iterations, for a smoke run of the command itself.
# BENCH_THREADS=n: run everything on n threads (OMP_NUM_THREADS, PyTorch's threads).
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
# Both sides get this many threads; PyTorch's is set explicitly, since its own default
# (torch.get_num_threads()) was 2 in one run and 1 in the next on the same 2-core machine.
threads="${BENCH_THREADS:-$(nproc)}"
# Three ORL epochs on each side: the first is reported on its own (the kit's JVM compiles
# SameDiff's code during it), the third as the cost of each further epoch.
orl_pairs=15000; orl_epochs=3; koch_iters=5; compact_iters=20
if [ "${1:-}" = --quick ]; then orl_pairs=1280; orl_epochs=2; koch_iters=1; compact_iters=3; fi

"$KIT_PYTHON" -c 'import torch' 2>/dev/null || apt_install python3-torch
mkdir -p build/bench
say "building lib and its test classes"
cp="$(bench_classpath)"

# The kernel's JVM options (its GC and malloc settings change a step's time), with
# the memory limits raised for Koch's full network (scripts/common.sh).
opts="$(big_model_java_opts)"
echo "JVM options: $opts"
kit() { # kit <output file> [TrainingBench options]
  local out="$1"; shift
  # shellcheck disable=SC2086
  OMP_NUM_THREADS=$threads java $opts -cp "$cp" org.siamesekit.bench.TrainingBench \
    --orl-pairs $orl_pairs --orl-epochs $orl_epochs --koch-iters $koch_iters --compact-iters $compact_iters --out "$out" "$@"
}
say "kit (SameDiff) at its defaults, $threads threads"
kit build/bench/kit.txt
say "PyTorch $("$KIT_PYTHON" -c 'import torch; print(torch.__version__)'), $threads threads"
"$KIT_PYTHON" bench/torch_bench.py --threads "$threads" --orl-pairs $orl_pairs --orl-epochs $orl_epochs --koch-iters $koch_iters | tee build/bench/torch.txt
say "kit (SameDiff) with one worker per core: $threads workers"
kit build/bench/kit-workers.txt --workers "$threads"

"$KIT_PYTHON" - "$threads" "$orl_pairs" "$orl_epochs" <<'PY' | tee build/bench/compare.md
import platform, subprocess, sys
def read(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if len(parts) == 4:
            out[(parts[1], parts[2])] = parts[3]
    return out
kit, torch = read("build/bench/kit.txt"), read("build/bench/torch.txt")
per_core = read("build/bench/kit-workers.txt")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
w, t = kit.get(('all', 'workers'), '?'), kit.get(('all', 'op_threads_per_worker'), '?')
print(f"Machine: {cpu}, {sys.argv[1]} cores; kit backend {kit.get(('all', 'backend'), '?')}; "
      f"kit defaults: {w} workers x {t} op threads, next batch prepared during each step; "
      f"kit, worker per core: {per_core.get(('all', 'workers'), '?')} workers x "
      f"{per_core.get(('all', 'op_threads_per_worker'), '?')} op threads; "
      f"PyTorch {sys.argv[1]} threads; load average (1 min) at the kit runs' start and end: "
      f"{kit.get(('all', 'loadavg_1min_start'), '?')}-{kit.get(('all', 'loadavg_1min_end'), '?')}, "
      f"{per_core.get(('all', 'loadavg_1min_start'), '?')}-{per_core.get(('all', 'loadavg_1min_end'), '?')}\n")
print("| measurement | kit | kit, worker per core | PyTorch | kit/PyTorch | kit worker per core/PyTorch |")
print("| --- | --- | --- | --- | --- | --- |")
epochs = int(sys.argv[3])
rows = [("orl", "seconds_first_epoch", f"ORL network, seconds, first epoch ({int(sys.argv[2]):,} pairs, batch 128)", True),
        ("orl", "seconds_per_epoch", f"ORL network, seconds, epoch {epochs}", True),
        ("orl", "embed_images_per_second", "ORL network, embedding throughput (images/s)", False),
        ("koch", "seconds_per_iteration", "Koch network, seconds per iteration (batch 32)", True),
        ("koch", "embed_images_per_second", "Koch network, embedding throughput (images/s)", False)]
def ratio(k, t, time_like):
    if k is None or t is None:
        return ""
    # A ratio of times; for throughputs, the inverse, so that below 1.0 always means the kit is faster.
    k, t = float(k), float(t)
    return f"{k / t if time_like else t / k:.2f}"
def num(v):
    return "not run" if v is None else f"{float(v):.3f}"
for net, metric, label, time_like in rows:
    k, k1, t = kit.get((net, metric)), per_core.get((net, metric)), torch.get((net, metric))
    print(f"| {label} | {num(k)} | {num(k1)} | {num(t)} | {ratio(k, t, time_like)} | {ratio(k1, t, time_like)} |")
PY
say "saved build/bench/kit.txt, build/bench/kit-workers.txt, build/bench/torch.txt, build/bench/compare.md"

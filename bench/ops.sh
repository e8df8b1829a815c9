#!/usr/bin/env bash
# Single ND4J ops on the presets' shapes (max pooling with and without oneDNN,
# the first layer's weight gradient two ways, ReLU's gradient two ways, a bias
# gradient two ways), in milliseconds per call, and whether ND4J's close()
# frees memory; the lines are appended to build/bench/ops.txt. Usage: bench/ops.sh
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
threads="${BENCH_THREADS:-$(nproc)}"
cp="$(bench_classpath)"
# shellcheck disable=SC2046
OMP_NUM_THREADS=$threads java $(big_model_java_opts) -cp "$cp" org.siamesekit.bench.OpBench

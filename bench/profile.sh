#!/usr/bin/env bash
# Where a training step's time goes, op by op (SameDiff listener timing):
#   bench/profile.sh [orl|fashion|fashionTwoConv|kochCompact|koch] [pairs per batch] [steps] [shapes]
# (pairs per batch: 128 = 128 separate pairs; 128all = 128 images in groups of 4 and all
# their pairs, notebook 03's CPU batches)
# (shapes: one line per op type and input -> output shape instead of per op type)
# Prints the table and saves it to build/bench/profile-<network>.txt.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
threads="${BENCH_THREADS:-$(nproc)}"
cp="$(bench_classpath)"
opts="$(kernel_java_opts)"
[ "${1:-}" = koch ] && opts="$(big_model_java_opts)" # it does not fit the kernel's limits
# shellcheck disable=SC2086
OMP_NUM_THREADS=$threads java $opts -cp "$cp" org.siamesekit.bench.OpProfile "$@" \
  | tee "build/bench/profile-${1:-orl}.txt"

#!/usr/bin/env bash
# What each ND4J/SameDiff workaround buys now (docs/nd4j-workarounds.md): the
# median training step with all workarounds on and with each switched off, on
# the ORL and compact Omniglot networks, configurations interleaved. Prints and
# saves build/bench/workarounds.md. Usage: bench/workarounds.sh [--quick]
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
threads="${BENCH_THREADS:-$(nproc)}"
args=(--rounds 7 --steps 5)
if [ "${1:-}" = --quick ]; then args=(--rounds 1 --steps 2); fi
say "building lib and its test classes"
cp="$(bench_classpath)"
say "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $threads threads; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
# shellcheck disable=SC2046
OMP_NUM_THREADS=$threads java $(kernel_java_opts) -cp "$cp" org.siamesekit.models.samediff.WorkaroundBench \
  "${args[@]}" --out build/bench/workarounds.md

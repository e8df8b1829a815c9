#!/usr/bin/env bash
# What each ND4J/SameDiff workaround buys now (docs/nd4j-workarounds.md): the
# median training step with all workarounds on and with each switched off, on
# the ORL and compact Omniglot networks, configurations interleaved; then the
# peak resident memory of N steps, one JVM per configuration. Prints and saves
# build/bench/workarounds.md. Usage: bench/workarounds.sh [--quick]
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
threads="${BENCH_THREADS:-$(nproc)}"
args=(--rounds 7 --steps 5); mem_steps=40
if [ "${1:-}" = --quick ]; then args=(--rounds 1 --steps 2); mem_steps=3; fi
say "building lib and its test classes"
cp="$(bench_classpath)"
out=build/bench/workarounds.md
main=org.siamesekit.models.samediff.WorkaroundBench
say "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $threads threads; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2046
OMP_NUM_THREADS=$threads java $(kernel_java_opts) -cp "$cp" $main "${args[@]}" --out "$out" | grep -v '^Added differentiated op'
{
  echo
  echo "Peak resident memory of $mem_steps training steps, one JVM per configuration (kernel's JVM options):"
  echo
  echo "| network | configuration | peak RSS (MiB) |"
  echo "| --- | --- | --- |"
  for net in orl compact; do
    for off in none stepMemory inputConv2D; do
      flag=(); [ "$off" = none ] || flag=(-Dsiamesekit.nd4j.$off=false)
      # shellcheck disable=SC2046
      rss=$(OMP_NUM_THREADS=$threads java $(kernel_java_opts) "${flag[@]}" -cp "$cp" $main --memory $net --steps $mem_steps \
        | sed -n 's/^peak_rss_mib //p')
      echo "| $net | $([ "$off" = none ] && echo 'all on' || echo "siamesekit.nd4j.$off=false") | $rss |"
    done
  done
} | tee -a "$out"
say "saved $out"

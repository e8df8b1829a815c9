#!/usr/bin/env bash
# Why the kit does not call Nd4j.pullRows (docs/nd4j-workarounds.md): gathers
# images from two threads under constant garbage collection, first as the kit
# once did (pullRows of a temporary reshape), then with LabelledImages.gather.
# Each mode runs in its own JVM; a crash leaves an hs_err file in build/bench/.
#   bench/pullrows.sh [seconds per mode]   (default 120)
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
seconds="${1:-120}"
cp="$(bench_classpath)"
mkdir -p build/bench
for mode in pullRows gather; do
  say "$mode, $seconds s"
  log="build/bench/pullrows-$mode.txt"
  rc=0
  # A 1 MB young generation: a collection every few batches, as in a long notebook run
  java -Xms64m -Xmn1m -Xmx768m -XX:+UseSerialGC -XX:ErrorFile=build/bench/hs_err_pullrows_%p.log \
    -cp "$cp" org.siamesekit.bench.PullRowsStress "$mode" "$seconds" > "$log" 2>&1 || rc=$?
  grep -E 'batches|SIGSEGV|Problematic|^# C ' "$log" | tail -4
  echo "$mode: exit status $rc$([ "$rc" -gt 128 ] && echo " (killed by signal $((rc - 128)))")"
done

#!/usr/bin/env bash
# Faces over folds of people: ORL's 40 people in 4 folds of 10 test people (25
# training and 5 validation people from the other 30). For the tutorial's network,
# the kit's face network and pixel L2, on aligned photos and under a door camera's
# shifts, tilts, zooms and light: a line per fold (appended to build/bench/faces.txt),
# mean ± sd tables, and as the last lines
#   mean: net auc A acc B top1 C; pixels auc A' acc B' top1 C'
#   camera mean: net auc ... (camera on)
#   bench/faces.sh [quick] [key=value ...]     e.g. bench/faces.sh folds=1 steps=300 camera=off
# Keys (see lib/src/test/java/org/siamesekit/bench/FacesBench.java): quick, folds, steps,
# tutorial, tutorialSteps, camera, seed, margin, lr.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
args=()
for a in "$@"; do [ "$a" = quick ] && args+=(quick=1) || args+=("$a"); done
cp="$(bench_classpath)"
java -cp "$cp" org.siamesekit.data.DataCli ensure orl >/dev/null
# shellcheck disable=SC2046
java $(kernel_java_opts) -cp "$cp" org.siamesekit.bench.FacesBench "${args[@]}"

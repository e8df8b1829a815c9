#!/usr/bin/env bash
# Notebook 03's CPU recipe, part by part: trains one Omniglot configuration with
# the notebook's split and seed and prints its 20-way accuracy on the evaluation
# alphabets; the line is appended to build/bench/omniglot.txt.
#   bench/omniglot.sh [key=value ...]     e.g. batches=pairs net=compact16
# Keys (see lib/src/test/java/org/siamesekit/bench/OmniglotRecipe.java): batches,
# pairs, classes, images, rotations, distort, net, iterations, every, lr, downsample,
# workers.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
cp="$(bench_classpath)"
(cd "$KIT_ROOT" && java -cp "lib/target/classpath/*" org.siamesekit.data.DataCli ensure omniglot >/dev/null)
# shellcheck disable=SC2046
java $(kernel_java_opts) -cp "$cp" org.siamesekit.bench.OmniglotRecipe "$@"

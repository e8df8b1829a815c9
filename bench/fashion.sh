#!/usr/bin/env bash
# Notebook 02's training, recipe by recipe: trains one Fashion-MNIST configuration
# with the notebook's split, pairs and seed and prints its test pair accuracy at
# the threshold chosen on validation pairs; the line is appended to
# build/bench/fashion.txt.
#   bench/fashion.sh [key=value ...]     e.g. batches=all perclass=8 iterations=6000
# Keys (see lib/src/test/java/org/siamesekit/bench/FashionRecipe.java): batches,
# net (two, one, flat, vgg), images, epochs, batch, perclass, iterations, every, lr, decay, margin,
# flip, patience.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
cp="$(bench_classpath)"
(cd "$KIT_ROOT" && java -cp "lib/target/classpath/*" org.siamesekit.data.DataCli ensure fashion >/dev/null)
# shellcheck disable=SC2046
java $(kernel_java_opts) -cp "$cp" org.siamesekit.bench.FashionRecipe "$@"

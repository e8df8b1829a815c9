#!/usr/bin/env bash
# Dataset loading benchmark: loads ORL (400), Fashion-MNIST (70,000) and
# Omniglot (32,460) into LabelledImages and prints seconds and images/s;
# the table is saved to build/bench/load.txt.
#   bench/load.sh [runs]        (default 2 runs per dataset)
# Fills data/ from $SIAMESE_KIT_DATA_MIRROR when set, like DataCli ensure.
source "$(dirname "$0")/../scripts/common.sh"
cd "$KIT_ROOT"
cp="$(bench_classpath)"
exec java -Xmx6g -cp "$cp" org.siamesekit.data.LoadBenchmark "$@"

#!/usr/bin/env bash
# Dataset loading benchmark: loads ORL (400), Fashion-MNIST (70,000) and
# Omniglot (32,460) into LabelledImages and prints seconds and images/s;
# the table is saved to build/bench/load.txt.
#   bench/load.sh [runs]        (default 2 runs per dataset)
# Fills data/ from $SIAMESE_KIT_DATA_MIRROR when set, like DataCli ensure.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -pl lib test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx6g -cp "lib/target/test-classes:lib/target/classes:$(cat lib/target/bench.classpath)" \
    org.siamesekit.data.LoadBenchmark "$@"

#!/usr/bin/env bash
# The kernel's Jupyter-level tests, for CI and by hand:
#   1. the protocol test (real cells through jupyter_client),
#   2. Jupyter's own kernel test suite (Debian's python3-jupyter-kernel-test),
#   3. the start-reliability test, SIAMESE_KERNEL_STARTS starts (default 100;
#      100 took 218 s on an idle-ish 2-core machine, 337 s under heavy load),
#      two at a time.
# Builds nothing: needs kernel/target/siamese-kit-kernel.jar and lib/target/classpath
# (mvn -pl lib,kernel -am package). Exits non-zero if either test fails.
set -uo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
py=/usr/bin/python3
status=0

echo "== kernel protocol test"
"$py" "$here/test_protocol.py" || status=1

echo "== Jupyter's kernel test suite (jupyter_kernel_test)"
"$py" "$here/test_jupyter_kernel_test.py" || status=1

echo "== kernel start reliability: ${SIAMESE_KERNEL_STARTS:-100} starts"
"$py" "$here/start_stress.py" "${SIAMESE_KERNEL_STARTS:-100}" || status=1

exit $status

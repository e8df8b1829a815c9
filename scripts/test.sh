#!/usr/bin/env bash
# All the kit's tests: installs what is missing, builds, runs the Java unit
# tests (lib, kernel), the fault-injection group, the kernel's protocol and
# start tests through jupyter_client, checks the notebooks' style
# (scripts/check_notebook_style.py) and executes every notebook headless in quick
# mode, runs the README's Java example (scripts/check_readme.py), and runs the
# notebooks again in headless Chromium through Jupyter Notebook and through the
# kit's JupyterLab (scripts/browser/, lab/).
# Prints a closing 'N passed, N failed' line over the test groups.
source "$(dirname "$0")/common.sh"
prepare_kit

passed=0; failed=0; failures=()
group() {
  local name="$1"; shift
  say "=== $name"
  if "$@"; then passed=$((passed+1)); else failed=$((failed+1)); failures+=("$name"); fi
}
group "Java unit tests (mvn test)" bash -c "cd '$KIT_ROOT' && mvn -B $(maven_profile_args) test"
# Damaged and hostile files, kill -9 mid-write, faked nvidia-smi GPUs (JUnit tag "faults").
group "fault injection (mvn test -Dgroups=faults)" bash -c \
  "cd '$KIT_ROOT' && mvn -B $(maven_profile_args) -pl lib -am test -Dgroups=faults -Dsurefire.failIfNoSpecifiedTests=false -Dkit.test.excludedGroups=none"
group "kernel protocol and start tests" bash "$KIT_ROOT/kernel/src/test/python/run_all.sh"
# The committed notebooks' style first (the checker checks itself, then the notebooks); they
# are executed either way, so one run reports both.
group "notebooks: style, and executed headless (quick mode)" bash -c "
  '$KIT_PYTHON' '$KIT_ROOT/scripts/check_notebook_style.py' --self-test \
    && '$KIT_PYTHON' '$KIT_ROOT/scripts/check_notebook_style.py'; style=\$?
  bash '$KIT_ROOT/scripts/run-notebooks.sh' --quick \
    && '$KIT_PYTHON' '$KIT_ROOT/scripts/check_notebooks.py' '$KIT_ROOT/build/notebooks' \
    && exit \$style"
group "README's Java example in the kernel (quick mode)" "$KIT_PYTHON" "$KIT_ROOT/scripts/check_readme.py"
# The checker is checked first (a fixture that must pass, one that must fail), then every notebook.
group "notebooks in headless Chromium through Jupyter Notebook (quick mode)" \
  bash -c "bash '$KIT_ROOT/scripts/browser/run-browser-test.sh' --self-test && bash '$KIT_ROOT/scripts/browser/run-browser-test.sh'"

group "notebooks in headless Chromium through the kit's JupyterLab (quick mode)" \
  bash -c "bash '$KIT_ROOT/scripts/browser/run-browser-test.sh' --lab --self-test && bash '$KIT_ROOT/scripts/browser/run-browser-test.sh' --lab"

[ ${#failures[@]} -eq 0 ] || say "failed groups: ${failures[*]}"
echo "test groups: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

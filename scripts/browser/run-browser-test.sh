#!/usr/bin/env bash
# The kit in a real browser: starts classic Jupyter Notebook on the loopback
# with a random token, opens every notebook in headless Chromium, runs all
# cells from the page in the kit's kernel "Java (Siamese kit)" in quick mode,
# and checks that charts show as PNG images and no cell fails. Keeps a
# full-page screenshot per notebook in build/browser/<name>.png.
#
#   scripts/browser/run-browser-test.sh              # every notebooks/*.ipynb
#   scripts/browser/run-browser-test.sh a.ipynb ...  # these notebooks
#   scripts/browser/run-browser-test.sh --self-test  # checks the checker: a fixture
#       that must pass and one that must fail (tests/browser/*.ipynb)
#   scripts/browser/run-browser-test.sh --lab ...    # the same in the kit's JupyterLab
#       (lab/, built by scripts/lab/build-lab.sh, served by lab/kit_lab.py);
#       screenshots in build/browser-lab/. There Lab's Select Kernel dialog picks
#       the kernel for 00-smoke (its copy names none), and on 00-smoke Tab
#       completion and interrupting from the toolbar are checked too.
#
# The notebooks run from a copy in build/browser/notebooks (the committed ones
# are never modified; the executed copies are build artefacts). Installs
# Debian's chromium and npm when missing, and playwright-core (pinned in
# scripts/browser/package-lock.json) into scripts/browser/node_modules.
# Env: SIAMESE_KIT_BROWSER_TIMEOUT (s per notebook, default 1800),
#      SIAMESE_KIT_QUICK (default 1 here).
source "$(dirname "$0")/../common.sh"

here="$KIT_ROOT/scripts/browser"

self_test=0
lab=0
files=()
for a in "$@"; do
  case "$a" in
    --self-test) self_test=1 ;;
    --lab) lab=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) die "run-browser-test: unknown option '$a'" ;;
    *) [ -f "$a" ] || die "run-browser-test: notebook '$a' not found"; files+=("$(realpath "$a")") ;;
  esac
done
if [ "$lab" = 1 ]; then out="$KIT_ROOT/build/browser-lab"; else out="$KIT_ROOT/build/browser"; fi
outname="${out#"$KIT_ROOT"/}"
if [ "$self_test" = 1 ]; then
  files=("$KIT_ROOT/tests/browser/pass-chart.ipynb" "$KIT_ROOT/tests/browser/broken-cell.ipynb")
elif [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=("$KIT_ROOT"/notebooks/*.ipynb)
  shopt -u nullglob
  [ ${#files[@]} -gt 0 ] || die "run-browser-test: no notebooks in $KIT_ROOT/notebooks"
fi

# --- what the test needs ----------------------------------------------------
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v npm >/dev/null 2>&1 || apt_install npm
# Reinstalled when the lock file changes (its hash is kept beside the modules).
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$here/node_modules/playwright-core/package.json" ] \
   || [ "$(cat "$here/node_modules/.kit-lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing playwright-core (no browser download) into scripts/browser/node_modules"
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$here/node_modules/.kit-lock-sha256"
fi
[ "$lab" = 0 ] || bash "$KIT_ROOT/scripts/lab/build-lab.sh"
if [ ! -f "$KIT_ROOT/kernel/target/siamese-kit-kernel.jar" ] || [ ! -f "$KIT_ROOT/lib/target/classpath/siamese-kit-lib.jar" ]; then
  build_kit
fi

# --- a private Jupyter: own kernelspec, config and runtime folders ------------
rm -rf "$out/notebooks" "$out/jupyter"
mkdir -p "$out/notebooks" "$out/jupyter/config" "$out/jupyter/runtime"
private_kernelspec "$out/jupyter"
if [ "$self_test" = 0 ] && [ -d "$KIT_ROOT/notebooks" ]; then
  # The whole folder, as notebooks may read files beside them.
  cp -r "$KIT_ROOT/notebooks/." "$out/notebooks/"
  find "$out/notebooks" -name .ipynb_checkpoints -prune -exec rm -rf {} +
fi
names=()
for nb in "${files[@]}"; do
  base="$(basename "$nb")"
  [ -f "$out/notebooks/$base" ] || cp "$nb" "$out/notebooks/$base"
  names+=("$out/notebooks/$base")
done
ui_checks=()
if [ "$lab" = 1 ] && [ -f "$out/notebooks/00-smoke.ipynb" ]; then
  # 00-smoke's copy names no kernel, so that Lab asks and the test picks one
  # in Lab's dialog (the other notebooks start the kernel their metadata names).
  "$KIT_PYTHON" - "$out/notebooks/00-smoke.ipynb" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    nb = json.load(f)
nb["metadata"].pop("kernelspec", None)
nb["metadata"].pop("language_info", None)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(nb, f, indent=1, ensure_ascii=False)
PY
  ui_checks=(--ui-checks 00-smoke)
fi

port="$("$KIT_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$KIT_PYTHON" -c 'import secrets; print(secrets.token_hex(24))')"
log="$out/notebook-server.log"
root_flag=(); [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
export JUPYTER_PATH="$out/jupyter" JUPYTER_CONFIG_DIR="$out/jupyter/config" JUPYTER_RUNTIME_DIR="$out/jupyter/runtime"
export SIAMESE_KIT_QUICK="${SIAMESE_KIT_QUICK:-1}"
# setsid: the server and the kernels it starts form one process group, ended together.
if [ "$lab" = 1 ]; then
  say "starting the kit's $(lab_version) on 127.0.0.1:$port (log: $outname/notebook-server.log)"
  setsid "$KIT_PYTHON" "$KIT_ROOT/lab/kit_lab.py" --no-browser --ServerApp.ip=127.0.0.1 \
    --ServerApp.port="$port" --ServerApp.port_retries=0 \
    --ServerApp.token="$token" --ServerApp.password='' --ServerApp.root_dir="$out/notebooks" \
    --ServerApp.allow_remote_access=False \
    --KitLab.user_settings_dir="$out/jupyter/lab-user-settings" \
    --KitLab.workspaces_dir="$out/jupyter/lab-workspaces" "${root_flag[@]}" >"$log" 2>&1 &
else
  say "starting Jupyter Notebook on 127.0.0.1:$port (log: $outname/notebook-server.log)"
  setsid "$KIT_JUPYTER" notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
    --NotebookApp.token="$token" --NotebookApp.password='' \
    --NotebookApp.notebook_dir="$out/notebooks" \
    --NotebookApp.allow_remote_access=False "${root_flag[@]}" >"$log" 2>&1 &
fi
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$server" 2>/dev/null || true
  fi
}
trap stop_server EXIT INT TERM

for _ in $(seq 1 120); do
  if "$KIT_PYTHON" - "$port" "$token" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/status?token={sys.argv[2]}", timeout=2).read()
PY
  kill -0 "$server" 2>/dev/null || { tail -n 20 "$log" >&2; die "the notebook server exited; see $log"; }
  sleep 0.5
done

drive_browser() {
  local driver=browser-test.mjs
  [ "$lab" = 1 ] && driver=lab-test.mjs
  (cd "$here" && node "$driver" "${ui_checks[@]}" --url "http://127.0.0.1:$port" --token "$token" --shots "$out" \
     --timeout "${SIAMESE_KIT_BROWSER_TIMEOUT:-1800}" "${names[@]}")
}

status=0
if [ "$self_test" = 1 ]; then
  # The checker itself: the good fixture passes, the broken one is caught. Its
  # expected failure stays in results.txt, so that the first failure line in a
  # test log is always a real one.
  drive_browser >"$out/results.txt" 2>"$out/self-test.log" || true
  if grep -q '^ok   pass-chart ' "$out/results.txt" && grep -q '^FAIL broken-cell:' "$out/results.txt"; then
    say "self-test: the browser test passes a good notebook (pass-chart) and catches a broken one (broken-cell)"; exit 0
  fi
  cat "$out/self-test.log" "$out/results.txt" >&2
  say "self-test FAILED: expected 'ok pass-chart' and 'FAIL broken-cell' in $outname/results.txt"; exit 1
fi

drive_browser | tee "$out/results.txt" || status=1

if [ "$status" != 0 ]; then
  # What a failure in CI needs to be understood without the machine: the kernels'
  # own output (the server log holds their stderr) and the memory left.
  {
    echo "--- browser test failed; last 40 lines of $outname/notebook-server.log:"
    tail -n 40 "$log"
    echo "--- memory (free -m):"
    free -m 2>/dev/null || true
    echo "--- failures:"
    grep '^FAIL' "$out/results.txt" || echo "(no FAIL line: the browser driver itself stopped; see above)"
  } >&2
fi
exit $status

#!/usr/bin/env bash
# Executes notebooks headless in the kit's kernel into build/notebooks/
# (executed .ipynb and .html). Usage: run-notebooks.sh [--quick] [notebook.ipynb ...]
# Without names, runs every notebooks/*.ipynb. The committed notebooks are never
# modified: executed copies are build artefacts.
source "$(dirname "$0")/common.sh"

quick=0
files=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    *) files+=("$a") ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(ls "$KIT_ROOT"/notebooks/*.ipynb)
fi
if [ "$quick" = 1 ]; then export SIAMESE_KIT_QUICK=1; else export SIAMESE_KIT_QUICK="${SIAMESE_KIT_QUICK:-0}"; fi

out="$KIT_ROOT/build/notebooks"
mkdir -p "$out"
private_kernelspec "$out/jupyter"
export JUPYTER_PATH="$out/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Cells run with notebooks/ as the working directory, as in an interactive session.
timeout="${SIAMESE_KIT_CELL_TIMEOUT:--1}"
status=0
for nb in "${files[@]}"; do
  nb="$(realpath "$nb")"
  name="$(basename "$nb" .ipynb)"
  say "executing $name ($([ "$SIAMESE_KIT_QUICK" = 1 ] && echo quick || echo full) mode) -> build/notebooks/$name.ipynb"
  start=$(date +%s)
  if (cd "$KIT_ROOT/notebooks" && "$KIT_JUPYTER" nbconvert --to notebook --execute \
        --ExecutePreprocessor.kernel_name=siamese-java \
        --ExecutePreprocessor.timeout="$timeout" \
        --ExecutePreprocessor.startup_timeout=120 \
        --output-dir "$out" --output "$name.ipynb" "$nb" 2> "$out/$name.log"); then
    "$KIT_JUPYTER" nbconvert --to html --output-dir "$out" "$out/$name.ipynb" >>"$out/$name.log" 2>&1 \
      || { say "HTML export of $name failed (see build/notebooks/$name.log)"; status=1; }
    say "$name done in $(( $(date +%s) - start )) s"
  else
    say "$name FAILED after $(( $(date +%s) - start )) s; last lines of build/notebooks/$name.log:"
    tail -n 30 "$out/$name.log" >&2
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# Starts the kit's JupyterLab (JupyterLab 3.6 from npm, served by Debian's
# jupyter-server and jupyterlab-server) in notebooks/, on this machine only.
# Builds what is missing first (the kit, its kernelspec, the datasets, the
# front end). Extra arguments go to the server, e.g. --ServerApp.port=8890 or
# --ServerApp.open_browser=False. Stop it with Ctrl+C.
source "$(dirname "$0")/../common.sh"
case "${1:-}" in -h|--help) sed -n '2,6p' "$0"; exit 0 ;; esac
prepare_kit
bash "$KIT_ROOT/scripts/lab/build-lab.sh"
say "starting the kit's $(lab_version) in notebooks/ (open a notebook; its kernel is 'Java (Siamese kit)')"
root_flag=(); [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
cd "$KIT_ROOT/notebooks"
exec "$KIT_PYTHON" "$KIT_ROOT/lab/kit_lab.py" --ServerApp.ip=127.0.0.1 \
  --ServerApp.root_dir="$KIT_ROOT/notebooks" "${root_flag[@]}" "$@"

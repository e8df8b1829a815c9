#!/usr/bin/env bash
# The kit's main job on a fresh machine: installs what is missing (Debian's
# Jupyter, JDK, Maven), builds lib and the kernel, installs the kernelspec,
# ensures the datasets, then executes every notebook headless into build/.
# Idempotent: each step checks before it acts. Pass --quick for the small
# configuration the tests use.
source "$(dirname "$0")/common.sh"
prepare_kit
bash "$KIT_ROOT/scripts/run-notebooks.sh" "$@"
say "executed notebooks and HTML are in build/notebooks/"
say "to work interactively: cd $KIT_ROOT/notebooks && $KIT_JUPYTER notebook   (pick the kernel 'Java (Siamese kit)')"
say "or in JupyterLab: bash $KIT_ROOT/scripts/lab/start-lab.sh"

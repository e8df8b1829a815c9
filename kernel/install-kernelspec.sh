#!/usr/bin/env bash
# Installs the "siamese-java" Jupyter kernelspec: Java (Siamese kit), running
# kernel/bin/siamese-kit-kernel with lib's jar and dependencies on the classpath.
#
#   kernel/install-kernelspec.sh                 # for this user (default)
#   kernel/install-kernelspec.sh --user
#   kernel/install-kernelspec.sh --prefix DIR    # into DIR/share/jupyter/kernels
#   kernel/install-kernelspec.sh --spec-dir DIR  # only write the spec into DIR/siamese-java
#                                                # (for JUPYTER_PATH=... setups, e.g. tests)
# Re-running replaces the installed spec. Needs the kernel jar built
# (mvn -pl kernel package); lib's classpath (mvn -pl lib package) is checked too.
set -euo pipefail

name="siamese-java"
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
launcher="$here/bin/siamese-kit-kernel"
jar="$here/target/siamese-kit-kernel.jar"
classpath_dir="$repo/lib/target/classpath"
jupyter="${JUPYTER:-/usr/bin/jupyter}"

mode="--user"
prefix=""
spec_root=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --user) mode="--user"; shift ;;
    --prefix) [[ $# -ge 2 ]] || { echo "install-kernelspec: --prefix needs a folder" >&2; exit 2; }
              mode="--prefix"; prefix="$2"; shift 2 ;;
    --spec-dir) [[ $# -ge 2 ]] || { echo "install-kernelspec: --spec-dir needs a folder" >&2; exit 2; }
              mode="--spec-dir"; spec_root="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install-kernelspec: unknown argument '$1' (use --user, --prefix DIR or --spec-dir DIR)" >&2; exit 2 ;;
  esac
done

if [[ ! -f "$jar" ]]; then
  echo "install-kernelspec: kernel jar $jar not found; build it first: mvn -pl kernel package" >&2
  exit 1
fi
if [[ ! -f "$classpath_dir/siamese-kit-lib.jar" ]]; then
  echo "install-kernelspec: warning: $classpath_dir/siamese-kit-lib.jar not found; notebooks need lib built: mvn -pl lib package" >&2
fi

write_spec() {  # $1: the kernelspec folder to (re)create
  mkdir -p "$1"
  "${KIT_PYTHON:-/usr/bin/python3}" - "$1/kernel.json" "$launcher" "$classpath_dir/*" <<'PY'
import json, sys
path, launcher, classpath = sys.argv[1:4]
spec = {
    "argv": [launcher, "{connection_file}"],
    "display_name": "Java (Siamese kit)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"IJAVA_CLASSPATH": classpath},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
  echo "install-kernelspec: wrote $1/kernel.json"
}

if [[ "$mode" == "--spec-dir" ]]; then
  write_spec "$spec_root/$name"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
write_spec "$tmp/$name"
if [[ "$mode" == "--prefix" ]]; then
  echo "install-kernelspec: $jupyter kernelspec install --prefix $prefix --replace --name $name"
  "$jupyter" kernelspec install --prefix "$prefix" --replace --name "$name" "$tmp/$name"
else
  echo "install-kernelspec: $jupyter kernelspec install --user --replace --name $name"
  "$jupyter" kernelspec install --user --replace --name "$name" "$tmp/$name"
fi

#!/usr/bin/env bash
# Builds the kit's JupyterLab front end (lab/: JupyterLab 3.6's extensions from
# npm, pinned by lab/package-lock.json) into build/lab/static, where
# lab/kit_lab.py serves it with Debian's jupyter-server and jupyterlab-server.
# Installs Debian's npm, jupyter-server, jupyterlab-server and MathJax when
# missing. Does nothing when the build is newer than the lock file and lab/'s
# sources; --force rebuilds anyway.
source "$(dirname "$0")/../common.sh"
force=0
for a in "$@"; do
  case "$a" in
    --force) force=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "build-lab: unknown argument '$a'" ;;
  esac
done
ensure_lab_server
lab="$KIT_ROOT/lab"
out="$KIT_ROOT/build/lab/static"
# What the bundle is made from; its hash is kept beside the bundle.
inputs_sum="$(cd "$lab" && cat package-lock.json index.js webpack.config.js | sha256sum | cut -d' ' -f1)"
if [ "$force" = 0 ] && [ -f "$out/bundle.js" ] && [ "$(cat "$out/.kit-inputs-sha256" 2>/dev/null)" = "$inputs_sum" ]; then
  say "JupyterLab front end up to date in build/lab/static ($(lab_version))"
  exit 0
fi
lock_sum="$(sha256sum "$lab/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$lab/node_modules/@jupyterlab/application/package.json" ] \
   || [ "$(cat "$lab/node_modules/.kit-lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing JupyterLab's npm packages (lab/package-lock.json) into lab/node_modules"
  (cd "$lab" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$lab/node_modules/.kit-lock-sha256"
fi
say "bundling the JupyterLab front end ($(lab_version)) into build/lab/static"
rm -rf "$out"
mkdir -p "$KIT_ROOT/build/lab"
(cd "$lab" && KIT_LAB_OUT="$out" node node_modules/webpack-cli/bin/cli.js --no-color >"$KIT_ROOT/build/lab/webpack.log" 2>&1) \
  || { tail -n 30 "$KIT_ROOT/build/lab/webpack.log" >&2; die "webpack failed; see build/lab/webpack.log"; }
[ -f "$out/bundle.js" ] || die "webpack wrote no build/lab/static/bundle.js; see build/lab/webpack.log"
echo "$inputs_sum" > "$out/.kit-inputs-sha256"
say "JupyterLab front end built: build/lab/static ($(du -sh "$out" | cut -f1))"

# Shared by the kit's scripts: paths, logging and the install steps. Source it.
set -euo pipefail
KIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Debian's Jupyter runs under /usr/bin/python3; another python3 (pyenv, conda)
# may come first on PATH and lack it.
KIT_PYTHON="${KIT_PYTHON:-/usr/bin/python3}"
KIT_JUPYTER="${KIT_JUPYTER:-/usr/bin/jupyter}"
export SIAMESE_KIT_ROOT="$KIT_ROOT"
# OpenMP and malloc settings for ND4J's native code (spinning threads, fresh
# pages for every large array), the same as the kernel launcher's: everything the
# scripts start inherits them.
source "$KIT_ROOT/kernel/bin/native-env.sh"

say() { printf '\033[1m[kit]\033[0m %s\n' "$*"; }
die() { printf '[kit] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else die "need root to run: $* (install it by hand or run as root)"; fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Java 17 and Maven.
ensure_java() {
  local need=()
  command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; else say "Java and Maven present: $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"; fi
}

# Jupyter from Debian's packages (no PyPI here).
ensure_jupyter() {
  if [ -x "$KIT_PYTHON" ] && "$KIT_PYTHON" -c 'import notebook, nbconvert, nbclient, jupyter_client, ipykernel' 2>/dev/null \
     && [ -x "$KIT_JUPYTER" ]; then
    say "Jupyter present ($("$KIT_JUPYTER" notebook --version 2>/dev/null || echo '?'))"
  else
    apt_install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
  fi
}

# CUDA backend when a GPU is visible, CPU otherwise.
maven_profile_args() {
  if [ "${SIAMESE_KIT_BACKEND:-}" = cpu ]; then return; fi
  if [ "${SIAMESE_KIT_BACKEND:-}" = cuda ] || { command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; }; then
    echo "-Pcuda"
  fi
}

build_kit() {
  local profile; profile="$(maven_profile_args)"
  say "building lib and kernel (mvn package ${profile:-CPU backend}, tests skipped here)"
  (cd "$KIT_ROOT" && mvn -q -B $profile package -DskipTests)
  [ -d "$KIT_ROOT/lib/target/classpath" ] || die "lib/target/classpath was not built"
}

install_kernel() {
  say "installing the Jupyter kernelspec 'siamese-java'"
  JUPYTER="$KIT_JUPYTER" bash "$KIT_ROOT/kernel/install-kernelspec.sh"
}

# Writes the kernelspec "siamese-java" for this checkout into DIR/kernels. The
# scripts that execute notebooks put DIR first on JUPYTER_PATH, so they start this
# checkout's kernel whatever spec the user has installed (one left by a moved
# checkout would fail at the first notebook with "No such file or directory").
private_kernelspec() {
  JUPYTER="$KIT_JUPYTER" bash "$KIT_ROOT/kernel/install-kernelspec.sh" --spec-dir "$1/kernels" >/dev/null
}

ensure_datasets() {
  say "ensuring datasets in data/ (mirror: ${SIAMESE_KIT_DATA_MIRROR:-none})"
  (cd "$KIT_ROOT" && java -cp "lib/target/classpath/*" org.siamesekit.data.DataCli ensure all)
}

# Everything a notebook needs, in order; each step is idempotent.
prepare_kit() {
  ensure_java
  ensure_jupyter
  build_kit
  install_kernel
  ensure_datasets
}

# Compiles lib with its test classes (where the benchmarks live) and prints the
# classpath to run them with.
bench_classpath() {
  mkdir -p "$KIT_ROOT/build/bench"
  # -am: lib's sibling module (display) and the parent pom come from this checkout.
  (cd "$KIT_ROOT" && mvn -q -B -pl lib -am test-compile \
    && mvn -q -B -pl lib -am dependency:build-classpath -Dmdep.includeScope=test \
         -Dmdep.outputFile="$KIT_ROOT/build/bench/cp.txt" >/dev/null) >&2
  echo "$KIT_ROOT/lib/target/classes:$KIT_ROOT/lib/target/test-classes:$(cat "$KIT_ROOT/build/bench/cp.txt")"
}

# The kernel's JVM options with the memory limits raised, for Koch's full network
# (38.9 M parameters, their gradients and Adam's two moments, ~620 MB, plus 105×105
# activations), which does not fit the kernel's Binder-sized maxphysicalbytes=1280M
# (measured: OutOfMemoryError within its first iterations). Notebooks train it only
# on a GPU; the benchmarks time it on the CPU too.
big_model_java_opts() {
  kernel_java_opts | sed -e 's/-Xmx[^ ]*/-Xmx2g/' -e 's/maxbytes=[^ ]*/maxbytes=3G/' -e 's/maxphysicalbytes=[^ ]*/maxphysicalbytes=5G/'
}

# The JVM options a notebook's kernel runs with (kernel/bin/siamese-kit-kernel's
# defaults, or SIAMESE_KIT_JAVA_OPTS), so that benchmarks time what a notebook gets:
# the young-generation size and the malloc settings change a training step's time.
kernel_java_opts() {
  if [ -n "${SIAMESE_KIT_JAVA_OPTS:-}" ]; then echo "$SIAMESE_KIT_JAVA_OPTS"; return; fi
  sed -n 's/^default_opts="\(.*\)"$/\1/p' "$KIT_ROOT/kernel/bin/siamese-kit-kernel"
}


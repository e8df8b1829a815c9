#!/usr/bin/env python3
"""Peak memory of the kit's kernel per notebook, against Binder's 2 GB.

Executes each notebook headless (nbclient) in the kit's kernel, quick mode by
default, and measures the kernel's process tree (the java process the
kernelspec starts, plus any children): VmRSS polled every 0.2 s and summed
over the tree, and the kernel process's own VmHWM (peak RSS as Linux counts it)
read just before shutdown. Prints a table and writes it to build/memory.md.

  /usr/bin/python3 scripts/measure-memory.py                  # notebooks/*.ipynb + tests/memory/*.ipynb, quick
  /usr/bin/python3 scripts/measure-memory.py --mode both      # quick and full
  /usr/bin/python3 scripts/measure-memory.py --java-opts "-Xmx768m ..." nb.ipynb
  /usr/bin/python3 scripts/measure-memory.py --limit-mib 1900  # exit 1 when a peak is above it

Cells run with the notebook's folder as working directory, from a copy in
build/memory/ (the committed notebooks are not touched); the executed copies
and the models the notebooks save stay there between runs. Run it with Debian's
python (/usr/bin/python3), which has nbclient. Needs lib and kernel built
(mvn -pl lib,kernel -am package -DskipTests).
"""
import argparse
import datetime
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINDER_LIMIT_MIB = 2048
KERNEL = "siamese-java"


def launcher_default_opts() -> str:
    """The JVM options kernel/bin/siamese-kit-kernel uses when SIAMESE_KIT_JAVA_OPTS is unset."""
    for line in (ROOT / "kernel/bin/siamese-kit-kernel").read_text().splitlines():
        if line.startswith("default_opts="):
            return line.split("=", 1)[1].strip().strip('"')
    return "(launcher defaults)"


def proc_status(pid: int) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0])  # kB
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def tree(pid: int) -> list:
    """pid and all its descendants (through /proc/<pid>/task/<tid>/children)."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return pids


class Sampler(threading.Thread):
    """Polls the summed VmRSS of a process tree and keeps the peak."""

    def __init__(self, pid: int, period: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.peak_kb = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss = sum(proc_status(p).get("VmRSS", 0) for p in tree(self.pid))
            self.peak_kb = max(self.peak_kb, rss)
            self.samples += 1
            self._halt.wait(self.period)

    def stop(self):
        self._halt.set()
        self.join()


def kernel_pid(km) -> int:
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) or getattr(km, "kernel", None)
    if process is None:
        raise RuntimeError("cannot find the kernel process (jupyter_client without a local provisioner?)")
    return process.pid


def run_one(src: pathlib.Path, mode: str, work: pathlib.Path, cell_timeout: int) -> dict:
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(src, as_version=4)
    env = dict(os.environ, SIAMESE_KIT_QUICK="1" if mode == "quick" else "0")
    km = KernelManager(kernel_name=KERNEL)
    started = time.monotonic()
    km.start_kernel(cwd=str(src.parent), env=env)
    pid = kernel_pid(km)
    sampler = Sampler(pid)
    sampler.start()
    result, hwm_kb = "ok", 0
    try:
        client = NotebookClient(nb, km=km, timeout=cell_timeout, startup_timeout=180,
                                kernel_name=KERNEL, resources={"metadata": {"path": str(src.parent)}})
        try:
            client.execute()
        except CellExecutionError as e:
            first = [l for l in str(e).splitlines() if l.strip()]
            result = "error: " + (first[-1] if first else type(e).__name__)[:120]
        except Exception as e:  # kernel died (e.g. killed for memory), timeout
            result = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:140]
        # Peak RSS over the whole run as the kernel process saw it, before it exits.
        hwm_kb = proc_status(pid).get("VmHWM", 0)
    finally:
        wall = time.monotonic() - started
        try:
            sampler.stop()
        finally:
            # Never leave a kernel behind, whatever went wrong above.
            try:
                km.shutdown_kernel(now=False)
            except Exception:
                km.shutdown_kernel(now=True)
    nbformat.write(nb, work / f"{src.stem}-{mode}.ipynb")
    return {"notebook": src.name, "mode": mode, "peak_mib": sampler.peak_kb / 1024,
            "hwm_mib": hwm_kb / 1024, "wall_s": wall, "result": result, "samples": sampler.samples}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", type=pathlib.Path)
    ap.add_argument("--mode", choices=["quick", "full", "both"], default="quick")
    ap.add_argument("--java-opts", help="SIAMESE_KIT_JAVA_OPTS for the kernel (default: the launcher's)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "build/memory.md")
    ap.add_argument("--limit-mib", type=float, default=None,
                    help="fail (exit 1) when a peak is above this many MiB")
    ap.add_argument("--cell-timeout", type=int, default=1800)
    args = ap.parse_args()

    sources = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "tests/memory").glob("*.ipynb"))
    if not sources:
        print("measure-memory: no notebooks to run", file=sys.stderr)
        return 2
    for s in sources:
        if not s.is_file():
            print(f"measure-memory: notebook {s} not found", file=sys.stderr)
            return 2
    if not (ROOT / "kernel/target/siamese-kit-kernel.jar").is_file():
        print("measure-memory: kernel jar missing; build first: mvn -pl lib,kernel -am package -DskipTests", file=sys.stderr)
        return 2

    # A private kernelspec and copies of the notebooks (with their folders' files).
    # The executed copies (build/memory/<name>-<mode>.ipynb) and the models the
    # notebooks save (build/memory/notebooks/build/models, so that 04 finds 01's)
    # are kept from earlier runs: a full run takes up to an hour. Delete
    # build/memory to start clean.
    work = ROOT / "build/memory"
    shutil.rmtree(work / "jupyter", ignore_errors=True)
    (work / "jupyter/kernels").mkdir(parents=True)
    subprocess.run(["bash", str(ROOT / "kernel/install-kernelspec.sh"), "--spec-dir", str(work / "jupyter/kernels")],
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, JUPYTER="/usr/bin/jupyter"))
    os.environ["JUPYTER_PATH"] = str(work / "jupyter")
    copies = []
    for s in sources:
        dest_dir = work / "notebooks" / s.resolve().parent.name
        if dest_dir not in [c.parent for c in copies]:  # a fresh copy of each folder, once per run
            shutil.rmtree(dest_dir, ignore_errors=True)
            shutil.copytree(s.resolve().parent, dest_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.png"))
        copies.append(dest_dir / s.name)
    if args.java_opts:
        os.environ["SIAMESE_KIT_JAVA_OPTS"] = args.java_opts
    opts = os.environ.get("SIAMESE_KIT_JAVA_OPTS") or launcher_default_opts()

    modes = ["quick", "full"] if args.mode == "both" else [args.mode]
    rows = []
    print(f"kernel JVM options: {opts}", flush=True)
    for src in copies:
        for mode in modes:
            print(f"running {src.name} ({mode}) ...", flush=True)
            r = run_one(src, mode, work, args.cell_timeout)
            rows.append(r)
            print(f"  peak RSS {r['peak_mib']:.0f} MiB (VmHWM {r['hwm_mib']:.0f} MiB), {r['wall_s']:.1f} s, {r['result']}", flush=True)

    header = "| notebook | mode | peak RSS MiB | VmHWM MiB | headroom to 2 GiB MiB | wall s | result |"
    lines = [header, "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        peak = max(r["peak_mib"], r["hwm_mib"])
        lines.append(f"| {r['notebook']} | {r['mode']} | {r['peak_mib']:.0f} | {r['hwm_mib']:.0f} | "
                     f"{BINDER_LIMIT_MIB - peak:.0f} | {r['wall_s']:.1f} | {r['result']} |")
    table = "\n".join(lines)
    print()
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# Kernel memory per notebook\n\n"
        f"Measured {datetime.datetime.now().isoformat(timespec='seconds')} on {platform.node()} "
        f"({os.cpu_count()} CPUs) with `scripts/measure-memory.py`.\n\n"
        f"Kernel JVM options: `{opts}`\n\n"
        "Peak RSS: the kernel's process tree, VmRSS summed and polled every 0.2 s. "
        "VmHWM: the kernel process's own peak RSS from /proc. Binder's limit (2 GiB) "
        "covers the notebook server too (about 80-100 MiB), so keep the peak below about 1900 MiB.\n\n"
        + table + "\n")
    print(f"\nwritten to {args.out}")
    failed = [r for r in rows if r["result"] != "ok"]
    over = [r for r in rows if args.limit_mib and max(r["peak_mib"], r["hwm_mib"]) > args.limit_mib]
    return 1 if failed or over else 0


if __name__ == "__main__":
    sys.exit(main())

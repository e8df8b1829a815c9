#!/usr/bin/env python3
"""Runs the README's Java example in the kit's kernel, so that it cannot drift
from the library.

Builds a two-cell notebook: the first code cell of
notebooks/01-orl-faces-verification.ipynb (the imports and Kit.setup() that
every notebook starts with; the README says the example runs after them), then
every ```java block of README.md in order, one cell each. Executes it headless
through nbclient in the kernel "siamese-java" of this checkout, in quick mode
(SIAMESE_KIT_QUICK=1) unless SIAMESE_KIT_QUICK is set, with notebooks/ as the
working folder, as scripts/run-notebooks.sh does. Fails when README.md has no
java block, when a cell raises or does not compile, or when the example shows
nothing. The executed copy is written to build/readme/README-example.ipynb.

  /usr/bin/python3 scripts/check_readme.py [README.md]

Needs lib and kernel built and the ORL faces in data/ (scripts/common.sh's
prepare_kit does both; scripts/test.sh runs this as one of its groups).
"""
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
KERNEL = "siamese-java"
SETUP_NOTEBOOK = ROOT / "notebooks" / "01-orl-faces-verification.ipynb"
JAVA_BLOCK = re.compile(r"^```java[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def java_blocks(readme: pathlib.Path) -> list:
    blocks = [b.rstrip() for b in JAVA_BLOCK.findall(readme.read_text(encoding="utf-8"))]
    if not blocks:
        raise SystemExit(f"FAIL {readme}: no ```java block found (the README's example is missing)")
    return blocks


def setup_cell(nbformat) -> str:
    nb = nbformat.read(SETUP_NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.strip():
            return cell.source
    raise SystemExit(f"FAIL {SETUP_NOTEBOOK}: has no code cell to take the imports from")


def private_kernelspec(folder: pathlib.Path) -> None:
    """This checkout's kernelspec in folder/kernels, put first on JUPYTER_PATH
    (the same as run-notebooks.sh, through scripts/common.sh)."""
    subprocess.run(["bash", "-c", 'source "$1/scripts/common.sh" && private_kernelspec "$2"',
                    "check_readme", str(ROOT), str(folder)], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = str(folder) + (os.pathsep + os.environ["JUPYTER_PATH"]
                                                if os.environ.get("JUPYTER_PATH") else "")


def shown(cell) -> list:
    """What a cell showed: its printed text and the MIME types of its displays."""
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            if out and out[-1].startswith("\0"):  # one printed line may come in several messages
                out[-1] += o.get("text", "")
            else:
                out.append("\0" + o.get("text", ""))
        elif o.get("output_type") in ("display_data", "execute_result"):
            data = o.get("data", {})
            out.append("[" + ", ".join(sorted(data)) + "]" if "text/plain" not in data or len(data) > 1
                       else data["text/plain"])
    return [t for s in out for t in [s.lstrip("\0").rstrip()] if t]


def main() -> int:
    readme = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "README.md"
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    blocks = java_blocks(readme)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(setup_cell(nbformat))]
    nb.cells += [nbformat.v4.new_code_cell(b) for b in blocks]
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java (Siamese kit)", "language": "java"}

    out = ROOT / "build" / "readme"
    out.mkdir(parents=True, exist_ok=True)
    private_kernelspec(out / "jupyter")
    os.environ.setdefault("SIAMESE_KIT_QUICK", "1")
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=int(os.environ.get("SIAMESE_KIT_CELL_TIMEOUT", "600")),
                            startup_timeout=180, resources={"metadata": {"path": str(ROOT / "notebooks")}})
    executed = out / "README-example.ipynb"
    try:
        client.execute()
    except CellExecutionError as e:
        nbformat.write(nb, executed)
        print(f"FAIL {readme.name}'s Java example (executed copy: {executed}):\n{e}")
        return 1
    except Exception as e:  # the kernel did not start or died, a cell timed out
        nbformat.write(nb, executed)
        print(f"FAIL {readme.name}'s Java example: {type(e).__name__}: {e}")
        return 1
    nbformat.write(nb, executed)
    problems = []
    for i, cell in enumerate(nb.cells[1:], start=1):
        lines = shown(cell)
        print(f"java block {i}: " + ("\n  ".join([""] + lines) if lines else "(nothing shown)"))
        if not lines:
            problems.append(f"java block {i} showed nothing")
    if problems:
        print(f"FAIL {readme.name}'s Java example: " + "; ".join(problems))
        return 1
    print(f"ok   {readme.name}'s Java example ran in {KERNEL} "
          f"({'quick' if os.environ['SIAMESE_KIT_QUICK'] in ('1', 'true') else 'full'} mode)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks the executed notebooks in build/notebooks: every notebook in
notebooks/ was executed, none holds an error output, and each shows at least
one chart or image (image/png), as every notebook of the kit draws some.
Prints one line per notebook and a closing 'N passed, N failed'."""
import json
import pathlib
import sys

def check(src: pathlib.Path, built: pathlib.Path) -> list:
    problems = []
    if not built.exists():
        return [f"not executed: {built} is missing"]
    nb = json.loads(built.read_text())
    pngs = 0
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("execution_count") is None and cell.get("source"):
            problems.append(f"cell {i} was not executed")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i} raised {out.get('ename')}: {out.get('evalue')}")
            if "image/png" in out.get("data", {}):
                pngs += 1
    if pngs == 0:
        problems.append("no image/png output (charts and images did not render)")
    return problems

def main() -> int:
    built_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "build/notebooks")
    root = pathlib.Path(__file__).resolve().parent.parent
    passed = failed = 0
    for src in sorted((root / "notebooks").glob("*.ipynb")):
        problems = check(src, built_dir / src.name)
        if problems:
            failed += 1
            print(f"FAIL {src.name}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok   {src.name}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks the committed notebooks (notebooks/*.ipynb, or the files named) read
as lessons:
  - no outputs or execution counts are committed;
  - no code line is longer than 100 characters (longer ones scroll out of sight);
  - "the seed" never names the original tutorial ("the tutorial" does), and no
    variable is named seedSomething: `seed` is only for random seeds;
  - no fully qualified class name (org.x.Y, java.x.Y, ...) outside import lines;
  - the last cell is a markdown "## Summary".
Prints one line per notebook and a closing 'N passed, N failed'.
--self-test checks the checker on a notebook that must pass and one that must
fail each rule."""
import json
import pathlib
import re
import sys

MAX_LINE = 100
THE_SEED = re.compile(r"\bthe\s+seed\b", re.IGNORECASE)
SEED_NAME = re.compile(r"\bseed[A-Z]\w*")
# A package path of lower-case parts ending in a class name: java.awt.image.BufferedImage.
QUALIFIED = re.compile(r"\b(?:org|tech|java|javax|com)(?:\.[a-z_][a-z0-9_]*)+\.[A-Z]\w*")
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def source(cell) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def check_cells(cells: list) -> list:
    problems = []
    for i, cell in enumerate(cells):
        kind = cell.get("cell_type")
        text = source(cell)
        if THE_SEED.search(text):
            problems.append(f"cell {i}: says 'the seed' (write 'the tutorial' for the original code,"
                            " 'the random seed' for a seed)")
        if kind != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {i}: outputs committed (clear them)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {i}: execution count committed (clear outputs)")
        for n, line in enumerate(text.split("\n"), 1):
            if len(line) > MAX_LINE:
                problems.append(f"cell {i} line {n}: {len(line)} characters (at most {MAX_LINE})")
            if line.lstrip().startswith("import "):
                continue
            code = STRING.sub('""', line)
            for name in SEED_NAME.findall(code):
                problems.append(f"cell {i} line {n}: variable '{name}' ('seed' is for random seeds)")
            for name in QUALIFIED.findall(code):
                problems.append(f"cell {i} line {n}: fully qualified '{name}' (import it)")
    last = cells[-1] if cells else {}
    if last.get("cell_type") != "markdown" or not source(last).lstrip().startswith("## Summary"):
        problems.append("the last cell is not a markdown '## Summary'")
    return problems


def check(path: pathlib.Path) -> list:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read {path}: {e}"]
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return [f"{path} is not a notebook (no 'cells' list)"]
    return check_cells(nb["cells"])


def self_test() -> int:
    def md(text):
        return {"cell_type": "markdown", "metadata": {}, "source": text}

    def code(text, **extra):
        return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                "source": text, **extra}

    summary = md("## Summary\n\n- one\n")
    good = [md("As in the tutorial, with the random seed."),
            code("import java.awt.image.BufferedImage;\nlong seed = Kit.seed();\n"
                 "String s = \"org.example.Name\";\n" + "x" * MAX_LINE), summary]
    bad = {
        "outputs": [code("1", outputs=[{"output_type": "stream", "text": "1"}]), summary],
        "execution count": [code("1", execution_count=3), summary],
        "long line": [code("x" * (MAX_LINE + 1)), summary],
        "the seed": [md("The seed trains 70 epochs."), summary],
        "the seed across lines": [md("as in the\nseed"), summary],
        "seed name": [code("Pairs seedPairs = null;"), summary],
        "qualified": [code("var c = tech.tablesaw.api.DoubleColumn.create(\"a\");"), summary],
        "qualified array": [code("x.toArray(java.awt.image.BufferedImage[]::new)"), summary],
        "no summary": [md("text")],
    }
    failures = []
    if check_cells(good):
        failures.append(f"good notebook flagged: {check_cells(good)}")
    for name, cells in bad.items():
        if not check_cells(cells):
            failures.append(f"'{name}' not flagged")
    for f in failures:
        print(f"FAIL self-test: {f}")
    print("self-test " + ("failed" if failures else "passed"))
    return 1 if failures else 0


def main(args: list) -> int:
    if args == ["--self-test"]:
        return self_test()
    root = pathlib.Path(__file__).resolve().parent.parent
    paths = [pathlib.Path(a) for a in args] or sorted((root / "notebooks").glob("*.ipynb"))
    passed = failed = 0
    for path in paths:
        problems = check(path)
        if problems:
            failed += 1
            print(f"FAIL {path.name}:\n  " + "\n  ".join(problems))
        else:
            passed += 1
            print(f"ok   {path.name}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Builds an output-free .ipynb for the kit's kernel from a plain-text source
where cells are separated by lines '# %% [markdown]' or '# %%' (code).
Usage: make_notebook.py SOURCE.java.txt OUT.ipynb
Keeps notebooks reviewable as text and guarantees no outputs are committed."""
import json
import sys

def parse(text):
    cells, kind, lines = [], None, []
    def flush():
        if kind is not None:
            src = "\n".join(lines).strip("\n")
            if src:
                cells.append((kind, src))
    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            kind = "markdown" if "[markdown]" in line else "code"
            lines = []
        else:
            lines.append(line)
    flush()
    return cells

def uncomment(src):
    """Markdown lines are written '# text' (or a bare '#') in the source."""
    out = []
    for line in src.splitlines():
        if line.startswith("# "):
            line = line[2:]
        elif line == "#":
            line = ""
        out.append(line)
    return "\n".join(out)

def to_cell(kind, src):
    if kind == "markdown":
        src = uncomment(src)
    lines = src.splitlines(keepends=True)
    if kind == "markdown":
        return {"cell_type": "markdown", "metadata": {}, "source": lines}
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": lines}

def main():
    src, out = sys.argv[1], sys.argv[2]
    nb = {
        "cells": [to_cell(k, s) for k, s in parse(open(src).read())],
        "metadata": {
            "kernelspec": {"display_name": "Java (Siamese kit)", "language": "java", "name": "siamese-java"},
            "language_info": {"name": "java", "codemirror_mode": "java", "file_extension": ".jshell",
                              "mimetype": "text/x-java-source", "pygments_lexer": "java"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"cell-{i:02d}"
    with open(out, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")

if __name__ == "__main__":
    main()

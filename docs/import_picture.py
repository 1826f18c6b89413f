"""Print the import picture docs/ARCHITECTURE.md shows: which top-level parts of app import which.

    uv run python docs/import_picture.py

Parts are app.cli, app.gui and the core's capability packages (app.core.reading, ...); the
modules directly in app/core form "core (shared)". Each cell counts module-to-module imports.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def part(module: str) -> str:
    pieces = module.split(".")
    if pieces[1] != "core":
        return ".".join(pieces[:2])
    if len(pieces) > 3 or (len(pieces) == 3 and pieces[2] in {"reading", "running", "storage", "export"}):
        return ".".join(pieces[:3])
    return "app.core (shared)"


def main() -> None:
    graph = grimp.build_graph("app")
    edges: Counter[tuple[str, str]] = Counter()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            if imported.startswith("app.") and part(importer) != part(imported):
                edges[part(importer), part(imported)] += 1
    parts = sorted({p for edge in edges for p in edge} | {part(m) for m in graph.modules if "." in m})
    print("| imports → | " + " | ".join(p.removeprefix("app.") for p in parts) + " |")
    print("|---|" + "---|" * len(parts))
    for row in parts:
        cells = [str(edges[row, col]) if edges[row, col] else "" for col in parts]
        print(f"| {row.removeprefix('app.')} | " + " | ".join(cells) + " |")
    cycles = [(a, b) for (a, b) in edges if (b, a) in edges and a < b]
    print(f"\nparts importing each other: {cycles or 'none'}")


if __name__ == "__main__":
    main()

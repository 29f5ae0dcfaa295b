"""The layer contracts written in pyproject.toml ([tool.kohtaava-desk.layers]) hold for every import in
kohtaava_desk/ and ui/, including imports inside functions (they are dependencies just the same)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["kohtaava-desk"]["layers"]["order"]


def _package_of(parts: list[str]) -> str | None:
    """kohtaava_desk.<package>... -> <package>; kohtaava_desk.ui (the repository's ui/) -> ui."""
    if not parts or parts[0] != "kohtaava_desk":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def import_graph(files: dict[str, Path] | None = None) -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) -> the names of the files where it happens."""
    if files is None:
        files = {}
        for top, prefix in ((ROOT / "kohtaava_desk", ["kohtaava_desk"]), (ROOT / "ui", ["kohtaava_desk", "ui"])):
            for path in top.rglob("*.py"):
                files[".".join(prefix + list(path.relative_to(top).with_suffix("").parts))] = path
    top_level = {m.split(".")[1] for m in files if m.count(".") >= 1}
    edges: dict[tuple[str, str], list[str]] = {}
    for module, path in files.items():
        parts = module.split(".")
        here = parts[:-1]  # the package a relative import starts from (for __init__ too)
        source = _package_of(parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                target = base + (node.module.split(".") if node.module else [])
                # "from kohtaava_desk import paths" imports the module kohtaava_desk.paths;
                # "from kohtaava_desk import __version__" a name of the package itself.
                if len(target) == 1:
                    targets = [target + [a.name if a.name in top_level else "__init__"] for a in node.names]
                else:
                    targets = [target]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".") for a in node.names]
            else:
                continue
            for target in targets:
                dest = _package_of(target)
                if dest is not None and dest != source:
                    edges.setdefault((source, dest), []).append(path.name)
    return edges


def layer_violations(edges, order: list[list[str]]) -> list[str]:
    rank = {pkg: i for i, layer in enumerate(order) for pkg in layer}
    problems = []
    for (src, dst), where in sorted(edges.items()):
        if src not in rank or dst not in rank:
            problems.append(f"{src} -> {dst}: {src if src not in rank else dst} is in no layer ({where[0]})")
        elif rank[src] >= rank[dst] and not (rank[src] == rank[dst] == len(order) - 1):
            kind = "within one layer" if rank[src] == rank[dst] else "upwards"
            problems.append(f"{src} -> {dst} imports {kind} ({where[0]})")
    return problems


def cycles(edges) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for src, dst in edges:
        graph.setdefault(src, set()).add(dst)
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def test_every_import_follows_the_layers():
    assert layer_violations(import_graph(), _contracts()) == []


def test_no_package_imports_form_a_cycle():
    assert cycles(import_graph()) == []


def test_the_ui_never_imports_the_command_line():
    assert not [k for k in import_graph() if k == ("ui", "cli")]


def test_the_checker_catches_an_upward_import_a_sideways_one_and_a_cycle(tmp_path):
    files = {}
    for module, text in {
        "kohtaava_desk.meeting.a": "from kohtaava_desk.ui import app\n",
        "kohtaava_desk.store.b": "def f():\n    from ..review import c\n",
        "kohtaava_desk.audio.c": "from kohtaava_desk.speech import d\n",
        "kohtaava_desk.speech.d": "import kohtaava_desk.audio.c\n",
    }.items():
        path = tmp_path / f"{module}.py"
        path.write_text(text)
        files[module] = path
    order = [["ui"], ["store", "review"], ["meeting", "audio", "speech"]]
    edges = import_graph(files)
    problems = layer_violations(edges, order)
    assert any(p.startswith("meeting -> ui imports upwards") for p in problems)
    assert any(p.startswith("store -> review imports within one layer") for p in problems)
    assert cycles(edges) == [["audio", "speech", "audio"]]

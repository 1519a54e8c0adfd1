"""The import graph of api/: no cycle among its modules, and no import inside a function
(cross-area references are lazy annotations, never imports at call time)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "api"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted((ROOT / PACKAGE).rglob("*.py"))}


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(statements: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports a module runs when it is imported: at module level, in class bodies and in
    any block but `if TYPE_CHECKING:` (its `else:` does run); never inside a function."""
    for statement in statements:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield statement
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif isinstance(statement, ast.If) and is_type_checking(statement.test):
            yield from runtime_imports(statement.orelse)
        else:
            for field in ("body", "orelse", "finalbody"):
                yield from runtime_imports(getattr(statement, field, []))
            for clause in [*getattr(statement, "handlers", []), *getattr(statement, "cases", [])]:
                yield from runtime_imports(clause.body)


def with_parents(module: str) -> Iterator[str]:
    """Importing a.b.c runs a, a.b and a.b.c."""
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        yield ".".join(parts[:end])


def imported_modules(importer: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield from with_parents(alias.name)
        return
    package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
    if node.level:
        base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
        source = f"{base}.{node.module}" if node.module else base
    else:
        source = node.module or ""
    yield from with_parents(source)
    for alias in node.names:
        if f"{source}.{alias.name}" in MODULES:
            yield f"{source}.{alias.name}"


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(), str(path))
        graph[module] = {
            target
            for node in runtime_imports(tree.body)
            for target in imported_modules(module, node)
            if target in MODULES and target != module
        }
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle as the list of its modules, first one repeated at the end; None if acyclic."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str] | None:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph[module]):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def function_level_imports() -> list[str]:
    found = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                found.extend(
                    f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}"
                    for node in ast.walk(function)
                    if isinstance(node, ast.Import | ast.ImportFrom)
                )
    return sorted(set(found))


def test_the_api_modules_import_each_other_without_a_cycle() -> None:
    cycle = find_cycle(import_graph())

    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_function_in_api_imports_anything() -> None:
    found = function_level_imports()

    assert found == [], f"{len(found)} function-level imports:\n" + "\n".join(found)


def test_the_graph_sees_imports_of_every_form() -> None:
    graph = import_graph()

    assert "api.schema" in graph["api.app"]
    assert "api.relay" in graph["api.schema"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_type_checking_blocks_and_functions_add_no_edge() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import hidden\nelse:\n    import shown_else\n"
        "try:\n    import shown_try\nexcept ImportError:\n    import shown_except\n"
        "class Holder:\n    import shown_class\n"
        "def later():\n    import hidden_function\n"
    )

    assert [ast.unparse(node) for node in runtime_imports(tree.body)] == [
        "from typing import TYPE_CHECKING",
        "import shown_else",
        "import shown_try",
        "import shown_except",
        "import shown_class",
    ]

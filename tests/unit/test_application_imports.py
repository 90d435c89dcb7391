"""app.applications and app.packets do not import each other in a circle: the packet reads the application's engine
facts and referrals (app.applications.facts, .lifecycle), and nothing in the application service reaches for the packet, not even inside a
function. Read from the source with `ast`, so a lazy import counts as much as a top-level one."""
from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def imported_modules(path: Path) -> set[str]:
    """Every module an `import` or `from ... import` anywhere in the file names (`from app import packets` counts as
    app.packets)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def within(package: str, modules: set[str]) -> set[str]:
    return {module for module in modules if module == package or module.startswith(f"{package}.")}


def test_no_module_of_app_applications_imports_app_packets():
    modules = sorted((APP / "applications").glob("*.py"))
    assert [path.name for path in modules] == ["__init__.py", "answers.py", "facts.py", "journey.py", "lifecycle.py",
                                               "submission.py", "tokens.py"]
    packet_imports = {path.name: within("app.packets", imported_modules(path)) for path in modules}
    assert {name: found for name, found in packet_imports.items() if found} == {}


def test_the_application_packet_reads_only_the_engine_facts_and_referrals_of_app_applications():
    imported = within("app.applications", imported_modules(APP / "packets" / "for_application.py"))
    allowed = within("app.applications.facts", imported) | within("app.applications.lifecycle", imported)
    assert imported and allowed == imported


def load_time_imports(path: Path) -> set[str]:
    """The app.applications modules a module imports when it loads (its top-level imports, not those in functions)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(), filename=str(path)).body:
        if isinstance(node, ast.ImportFrom) and node.module == "app.applications":
            found.update(f"app.applications.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.update(within("app.applications", {node.module}))
    return found


def test_the_modules_of_app_applications_load_in_layers_without_a_circle():
    graph = {f"app.applications.{path.stem}": load_time_imports(path)
             for path in (APP / "applications").glob("*.py") if path.stem != "__init__"}
    loaded: list[str] = []
    while remaining := {module: needs - set(loaded) for module, needs in graph.items() if module not in loaded}:
        ready = sorted(module for module, needs in remaining.items() if not needs)
        assert ready, f"import circle among {sorted(remaining)}"
        loaded.extend(ready)
    layers = ["app.applications.journey", "app.applications.facts", "app.applications.answers",
              "app.applications.submission"]
    assert sorted(layers, key=loaded.index) == layers

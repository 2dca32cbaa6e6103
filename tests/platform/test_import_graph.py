"""The house's rooms and what each may import (README, development): read from the source, every
import statement counted, those inside functions too.

- the pure core (`clinical/`, `stats/`, the demo cohort's reader and its generator in the
  repository's tools/) imports no Django and no app;
- the ui kit imports no domain app and no policy;
- the policy reads the models of accounts and patients, nothing else of an app;
- the Django apps import each other one way only: no cycle;
- nothing below the top imports the top (`api/`, `commands/`, `urls`, `navigation`).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import hemorehab

SOURCE = Path(hemorehab.__file__).parent
TOOLS = Path(__file__).resolve().parents[2] / "tools"
APPS = ("accounts", "patients", "assessments", "care", "rehab", "research", "centers")
CORE = ("clinical", "stats")
TOP = ("api", "commands", "demo", "urls", "navigation", "cli", "wsgi", "settings", "__main__")
"""The shells nobody below imports; `demo` is the loader and first start (its cohort reader,
`demo.cohort`, is pure core)."""


def modules() -> dict[str, Path]:
    found = {}
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names), wherever the statement stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def room(module: str) -> str:
    """hemorehab.patients.views.children -> patients; hemorehab.urls -> urls."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


GRAPH = {name: imports(path) for name, path in modules().items()}


def own(names: set[str]) -> set[str]:
    return {n for n in names if n.startswith("hemorehab.")}


def test_the_pure_core_imports_no_django_and_no_app():
    wrong = []
    for module, names in GRAPH.items():
        pure = room(module) in CORE or module == "hemorehab.demo.cohort"
        if not pure:
            continue
        wrong += [f"{module} imports {n}" for n in names if n.split(".")[0] in ("django", "ninja")]
        wrong += [
            f"{module} imports {n}" for n in own(names) if room(n) not in CORE and n != module
        ]
    assert wrong == []


def test_the_demo_generator_imports_no_django_and_no_app():
    files = sorted(TOOLS.rglob("*.py"))
    assert any(f.name == "build_cohort.py" for f in files)
    wrong = []
    for path in files:
        names = imports(path)
        wrong += [
            f"{path.name} imports {n}" for n in names if n.split(".")[0] in ("django", "ninja")
        ]
        wrong += [
            f"{path.name} imports {n}"
            for n in own(names)
            if room(n) not in CORE and not n.startswith("hemorehab.demo.cohort")
        ]
    assert wrong == []


def test_the_installed_package_holds_no_demo_generator():
    assert sorted(p.name for p in (SOURCE / "demo").glob("*.py")) == [
        "__init__.py",
        "cohort.py",
        "first_start.py",
        "load.py",
    ]


def test_the_web_process_starts_without_the_analysis_libraries():
    """Importing the URL configuration (what a server does at start) imports no pandas, scipy,
    statsmodels or matplotlib: the report and exports import them when first asked for."""
    code = (
        "import sys, django; django.setup(); import hemorehab.urls; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pandas', 'scipy', 'statsmodels', 'matplotlib', 'pyreadstat', 'reportlab'}))"
    )
    run = subprocess.run(  # noqa: S603 (this interpreter, a fixed program)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert run.stdout.strip() == "[]", run.stderr


def test_the_ui_kit_imports_no_domain_app_and_no_policy():
    wrong = [
        f"{module} imports {n}"
        for module, names in GRAPH.items()
        if room(module) == "ui"
        for n in own(names)
        if room(n) not in ("ui", "audit", *CORE)
    ]
    assert wrong == []


def test_the_policy_reads_only_the_models_of_accounts_and_patients():
    allowed = {
        "hemorehab.accounts.models",
        "hemorehab.accounts.roles",
        "hemorehab.patients.models",
    }
    wrong = [
        f"{module} imports {n}"
        for module, names in GRAPH.items()
        if room(module) == "policy"
        for n in own(names)
        if room(n) in APPS and not any(n == a or n.startswith(a + ".") for a in allowed)
    ]
    assert wrong == []


def app_graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {app: set() for app in APPS}
    for module, names in GRAPH.items():
        if room(module) in APPS:
            edges[room(module)] |= {room(n) for n in own(names) if room(n) in APPS} - {room(module)}
    return edges


def test_no_cycle_between_apps():
    edges = app_graph()
    cycles = []

    def visit(app: str, path: list[str]) -> None:
        for target in sorted(edges[app]):
            if target in path:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            else:
                visit(target, [*path, target])

    for app in APPS:
        visit(app, [app])
    assert cycles == []


def test_nothing_below_the_top_imports_it():
    wrong = [
        f"{module} imports {n}"
        for module, names in GRAPH.items()
        if room(module) not in TOP
        for n in own(names)
        if room(n) in TOP and n != "hemorehab.demo.cohort"
    ]
    assert wrong == []


def test_the_graph_reads_every_room():
    """The rules above cannot pass by reading nothing."""
    rooms = {room(m) for m in GRAPH}
    assert {*APPS, *CORE, "ui", "policy", "audit", "api", "commands"} <= rooms
    assert app_graph()["rehab"] >= {"patients", "assessments", "care"}

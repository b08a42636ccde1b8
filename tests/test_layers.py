"""The layer contract of the README, checked on every import in the tree (walked with ``ast``).

- metrics/ imports nothing of ours.
- ui/ imports metrics (and ui); data only for typing, under ``if TYPE_CHECKING:``.
- data/ imports data and metrics only.
- In data/ only data/cache.py imports streamlit; nothing in metrics/ does.
- Nothing imports app_pages: app.py names the page files by path.
- Only tests/ and bench/ import devtools.
- report/ never imports streamlit or app_pages (the CLI makes the same document as the page).

"Ours" is the layers (data, metrics, ui, app_pages, bench, cli) and any other package or module at
the repository's root (``OURS``: app, tests, a package added later). Every import counts: at module
level, inside a function, ``from x import y``, relative imports, and ``importlib.import_module``
or ``__import__`` with a literal name. An import inside ``if TYPE_CHECKING:`` is typing-only.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Folders that hold no code of ours (virtualenvs, caches, build output).
SKIPPED_DIRS = frozenset({"__pycache__", "venv", "build", "dist", "node_modules", "site-packages"})
LAYERS = frozenset({"data", "metrics", "ui", "app_pages", "bench", "cli"})


def top_level_names(root: Path = ROOT) -> frozenset[str]:
    """Every importable name at the root: folders holding Python files, and modules (app, cli)."""
    return frozenset(
        path.stem if path.is_file() else path.name
        for path in root.iterdir()
        if not path.name.startswith(".")
        and path.name not in SKIPPED_DIRS
        and (path.suffix == ".py" if path.is_file() else any(path.glob("*.py")))
    )


# The layers and whatever else of ours sits at the root (app, tests, a new package).
OURS = LAYERS | top_level_names()


@dataclass(frozen=True)
class Import:
    """One imported module, where it is imported and how."""

    path: str  # relative to the repository root, with forward slashes
    line: int
    module: str  # absolute dotted name ("data.sql" for ``from .sql import frame`` in data/)
    statement: str  # as written, for the message
    typing_only: bool

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        kind = " (typing only)" if self.typing_only else ""
        return f"{self.path}:{self.line}: {self.statement}{kind}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _from_module(path: str, node: ast.ImportFrom) -> str:
    """The absolute module of ``from ... import``: a relative one counts from the file's package."""
    if node.level == 0:
        return node.module or ""
    package = path.removesuffix(".py").split("/")[:-1]  # data/sub/x.py and data/sub/__init__.py
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports_in(path: str, node: ast.AST, *, typing_only: bool) -> Iterator[Import]:
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.body:
            yield from _imports_in(path, child, typing_only=True)
        for child in node.orelse:
            yield from _imports_in(path, child, typing_only=typing_only)
        yield from _imports_in(path, node.test, typing_only=typing_only)
        return
    if isinstance(node, ast.Import):
        for alias in node.names:
            statement = f"import {alias.name}"
            yield Import(path, node.lineno, alias.name, statement, typing_only)
    elif isinstance(node, ast.ImportFrom):
        names = ", ".join(alias.name for alias in node.names)
        statement = f"from {'.' * node.level}{node.module or ''} import {names}"
        yield Import(path, node.lineno, _from_module(path, node), statement, typing_only)
    elif isinstance(node, ast.Call) and _is_dynamic_import(node):
        name = node.args[0].value
        yield Import(path, node.lineno, name, ast.unparse(node), typing_only)
    for child in ast.iter_child_nodes(node):
        yield from _imports_in(path, child, typing_only=typing_only)


def _is_dynamic_import(call: ast.Call) -> bool:
    function = call.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return (
        name in {"import_module", "__import__"}
        and bool(call.args)
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )


def imports_of(path: str, source: str) -> list[Import]:
    """Every import in one file's source; ``path`` is relative to the repository root."""
    return list(_imports_in(path, ast.parse(source, filename=path), typing_only=False))


def python_files(root: Path = ROOT) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*.py")
        if not any(
            part.startswith(".") or part in SKIPPED_DIRS for part in path.relative_to(root).parts
        )
    )


def tree_imports(root: Path = ROOT) -> list[Import]:
    found: list[Import] = []
    for path in python_files(root):
        relative = path.relative_to(root).as_posix()
        found.extend(imports_of(relative, path.read_text(encoding="utf-8")))
    return found


# --- the rules: each says whether one import breaks it ---------------------------------------


def _in(folder: str, item: Import) -> bool:
    return item.path.startswith(f"{folder}/")


def metrics_imports_ours(item: Import) -> bool:
    return _in("metrics", item) and item.top in OURS - {"metrics"}


def ui_imports_beyond_metrics(item: Import) -> bool:
    if not _in("ui", item) or item.top not in OURS - {"ui", "metrics"}:
        return False
    return not (item.top == "data" and item.typing_only)


def data_imports_beyond_data_and_metrics(item: Import) -> bool:
    return _in("data", item) and item.top in OURS - {"data", "metrics"}


def streamlit_outside_data_cache(item: Import) -> bool:
    in_data_or_metrics = _in("metrics", item) or (
        _in("data", item) and item.path != "data/cache.py"
    )
    return in_data_or_metrics and item.top == "streamlit"


def imports_app_pages(item: Import) -> bool:
    return item.top == "app_pages"


def devtools_outside_tests_and_bench(item: Import) -> bool:
    return item.top == "devtools" and not (
        _in("tests", item) or _in("bench", item) or _in("devtools", item)
    )


def report_imports_streamlit_or_app_pages(item: Import) -> bool:
    return _in("report", item) and item.top in {"streamlit", "app_pages"}


Rule = Callable[[Import], bool]


def breaches(rule: Rule, found: Iterable[Import]) -> list[str]:
    return [str(item) for item in found if rule(item)]


@pytest.fixture(scope="module")
def found() -> list[Import]:
    return tree_imports()


def _assert_kept(rule: Rule, contract: str, found: list[Import]) -> None:
    broken = breaches(rule, found)
    assert not broken, f"{contract}; broken by:\n" + "\n".join(broken)


# --- the contract, one test a rule ----------------------------------------------------------


# Each rule: its test id, the sentence its failure starts with, and the check.
CONTRACT = [
    pytest.param(
        "metrics/ imports nothing of ours",
        metrics_imports_ours,
        id="metrics_imports_nothing_of_ours",
    ),
    pytest.param(
        "ui/ imports ui and metrics; data only under `if TYPE_CHECKING:`",
        ui_imports_beyond_metrics,
        id="ui_imports_metrics_and_data_only_for_typing",
    ),
    pytest.param(
        "data/ imports data and metrics only (no ui, app_pages, cli, bench)",
        data_imports_beyond_data_and_metrics,
        id="data_imports_only_data_and_metrics",
    ),
    pytest.param(
        "in data/ only data/cache.py imports streamlit; nothing in metrics/ does",
        streamlit_outside_data_cache,
        id="only_data_cache_imports_streamlit",
    ),
    pytest.param(
        "nothing imports app_pages (app.py refers to the page files by path)",
        imports_app_pages,
        id="nothing_imports_app_pages",
    ),
    pytest.param(
        "only tests/ and bench/ import devtools (the app never starts servers or browsers)",
        devtools_outside_tests_and_bench,
        id="only_tests_and_bench_import_devtools",
    ),
    pytest.param(
        "report/ never imports streamlit or app_pages (the CLI makes the same document)",
        report_imports_streamlit_or_app_pages,
        id="report_imports_neither_streamlit_nor_app_pages",
    ),
]


@pytest.mark.parametrize(("contract", "rule"), CONTRACT)
def test_the_layer_contract_holds(found, contract, rule):
    _assert_kept(rule, contract, found)


# --- the checker itself: it sees the whole tree and catches what it should ------------------


def test_the_walk_covers_every_layer_of_the_tree(found):
    files = {path.relative_to(ROOT).as_posix() for path in python_files()}
    assert len(files) >= 60, f"only {len(files)} Python files found under {ROOT}"
    for folder, at_least in {
        "metrics": 5,
        "data": 10,
        "ui": 5,
        "app_pages": 5,
        "report": 5,
        "tests": 20,
    }.items():
        in_folder = [path for path in files if path.startswith(f"{folder}/")]
        assert len(in_folder) >= at_least, f"{folder}/: {len(in_folder)} files"
    assert {"app.py", "cli.py", "data/cache.py"} <= files
    assert {*LAYERS, "app", "tests"} <= OURS
    assert not OURS & {"streamlit", "duckdb", "pandas", "numpy"}
    assert not any("/." in f"/{path}" for path in files)
    # Each layer's rule has something to judge: the layers do import each other.
    assert any(_in("ui", item) and item.top == "metrics" for item in found)
    assert any(_in("data", item) and item.top == "metrics" for item in found)
    assert any(item.path == "data/cache.py" and item.top == "streamlit" for item in found)
    assert any(_in("report", item) and item.top == "ui" for item in found)


SYNTHETIC = """
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import streamlit as st

from data.sql import frame
from metrics.periods import quarter_index

if TYPE_CHECKING:
    from data.store import DataVersion
else:
    import bench.harness


def late():
    from app_pages import overview
    from . import sibling
    from ..cli import main
    from devtools.server import running_streamlit
    return importlib.import_module("ui.format")
"""


def test_the_checker_reads_every_kind_of_import_with_file_and_line():
    found = imports_of("metrics/fake.py", SYNTHETIC)
    seen = {(item.line, item.module, item.typing_only) for item in found}
    assert seen >= {
        (7, "streamlit", False),
        (9, "data.sql", False),
        (10, "metrics.periods", False),
        (13, "data.store", True),
        (15, "bench.harness", False),
        (19, "app_pages", False),
        (20, "metrics", False),
        (21, "cli", False),
        (22, "devtools.server", False),
        (23, "ui.format", False),
    }
    assert "metrics/fake.py:13: from data.store import DataVersion (typing only)" in {
        str(item) for item in found
    }


def test_relative_imports_resolve_from_the_package_and_from_an_init():
    source = "from . import a\nfrom .b import c\nfrom .. import d\n"
    modules = [item.module for item in imports_of("data/sub/x.py", source)]
    assert modules == ["data.sub", "data.sub.b", "data"]
    modules = [item.module for item in imports_of("data/sub/__init__.py", source)]
    assert modules == ["data.sub", "data.sub.b", "data"]


@pytest.mark.parametrize(
    ("rule", "path", "expected"),
    [
        (
            metrics_imports_ours,
            "metrics/fake.py",
            [
                "data.sql",
                "data.store",
                "bench.harness",
                "app_pages",
                "cli",
                "devtools.server",
                "ui.format",
            ],
        ),
        (
            ui_imports_beyond_metrics,
            "ui/fake.py",
            ["data.sql", "bench.harness", "app_pages", "cli", "devtools.server"],
        ),
        (
            data_imports_beyond_data_and_metrics,
            "data/fake.py",
            ["bench.harness", "app_pages", "cli", "devtools.server", "ui.format"],
        ),
        (streamlit_outside_data_cache, "data/fake.py", ["streamlit"]),
        (streamlit_outside_data_cache, "metrics/fake.py", ["streamlit"]),
        (streamlit_outside_data_cache, "data/cache.py", []),
        (streamlit_outside_data_cache, "ui/fake.py", []),
        (imports_app_pages, "tests/fake.py", ["app_pages"]),
        (devtools_outside_tests_and_bench, "ui/fake.py", ["devtools.server"]),
        (devtools_outside_tests_and_bench, "tests/fake.py", []),
        (devtools_outside_tests_and_bench, "bench/fake.py", []),
        (metrics_imports_ours, "tests/fake.py", []),
        (report_imports_streamlit_or_app_pages, "report/fake.py", ["streamlit", "app_pages"]),
        (report_imports_streamlit_or_app_pages, "ui/fake.py", []),
    ],
)
def test_each_rule_catches_exactly_its_violations_in_a_synthetic_file(rule, path, expected):
    flagged = [item.module for item in imports_of(path, SYNTHETIC) if rule(item)]
    assert flagged == expected
    assert all(
        message.startswith(f"{path}:") for message in breaches(rule, imports_of(path, SYNTHETIC))
    )


def test_a_broken_rule_fails_naming_the_file_line_and_import():
    found = imports_of("ui/fake.py", SYNTHETIC)
    with pytest.raises(AssertionError) as failure:
        _assert_kept(ui_imports_beyond_metrics, "ui/ imports ui and metrics", found)
    message = str(failure.value)
    assert "ui/fake.py:9: from data.sql import frame" in message
    assert "ui/fake.py:19: from app_pages import overview" in message
    assert "data.store" not in message  # typing only: allowed in ui/

"""The package surface: __all__ is honest, the exception tree is drawn, and importing does no work."""
from __future__ import annotations

import inspect
import subprocess
import sys

from appdb.settings import REPO
from bot import experiments
from bot.experiments import errors


def test_all_is_honest():
    assert sorted(set(experiments.__all__)) == sorted(experiments.__all__)
    for name in experiments.__all__:
        assert hasattr(experiments, name), name
    public = {name for name, value in vars(experiments).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert public == set(experiments.__all__)


def test_every_error_is_exported_drawn_and_has_a_one_line_docstring():
    classes = [value for value in vars(errors).values()
               if isinstance(value, type) and issubclass(value, errors.ExperimentError)]
    assert set(errors.__all__) == {cls.__name__ for cls in classes}
    for cls in classes:
        assert cls.__name__ in experiments.__all__
        assert f" {cls.__name__} " in experiments.__doc__ or f"    {cls.__name__}\n" in experiments.__doc__
        assert cls.__doc__ and "\n" not in cls.__doc__.strip(), cls


def test_import_loads_no_statistics_plotting_or_rasa():
    code = ("import sys, bot.experiments, bot.experiments.cli; "
            "print(sorted(m for m in ('statsmodels', 'scipy', 'matplotlib', 'rasa', 'rasa_sdk') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_never_imports_rasa():
    import ast

    for path in sorted((REPO / "bot" / "experiments").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            assert not [n for n in names if n.split(".")[0] in ("rasa", "rasa_sdk")], path

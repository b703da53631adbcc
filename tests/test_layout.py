"""The folders say where code runs: what each package may import follows from the process it runs in."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


RASA_EXT = sorted((REPO / "bot" / "rasa_ext").glob("*.py"))


@pytest.mark.parametrize("path", RASA_EXT, ids=lambda p: p.name)
def test_what_rasa_loads_imports_rasa_never_the_libraries(path):
    """bot/rasa_ext runs inside .venv-rasa (Python 3.10), where only rasa is installed."""
    forbidden = {"sqlite_utils", "labour_outlook", "internships", "appdb", "actions", "rasa_sdk", "fastapi"}
    names = imported_modules(path)
    assert not {top(n) for n in names} & forbidden, f"{path.name} imports {sorted(names)}"
    others = {n for n in names if top(n) == "bot" and not n.startswith("bot.rasa_ext")}
    assert not others, f"{path.name} imports {sorted(others)} from outside bot/rasa_ext"


def test_every_module_the_rasa_server_loads_is_in_rasa_ext():
    """config.yml, credentials.yml and endpoints.yml name only bot.rasa_ext for our own classes."""
    import yaml

    named = []
    config = yaml.safe_load((REPO / "config.yml").read_text())
    named += [c["name"] for c in config["pipeline"] + config["policies"]]
    named += list(yaml.safe_load((REPO / "credentials.yml").read_text()))
    endpoints = yaml.safe_load((REPO / "endpoints.yml").read_text())
    named += [v["type"] for v in endpoints.values() if isinstance(v, dict) and "type" in v]
    ours = [n for n in named if "." in n]
    assert ours and all(n.startswith("bot.rasa_ext.") for n in ours), ours


@pytest.mark.parametrize("package", ["labour_outlook", "internships", "appdb", "actions", "bot/web"])
def test_the_rest_never_imports_rasa(package):
    """Everything outside bot/rasa_ext runs in .venv (Python 3.11), where Rasa is not installed."""
    for path in sorted((REPO / package).rglob("*.py")):
        names = {top(n) for n in imported_modules(path)}
        assert "rasa" not in names, path

"""The layers keep their arrows: every module of forms, storage, printouts and the use cases
imports in a fresh interpreter without loading Textual (Harlequin's import-hygiene test), and
forms imports nothing else of ours."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
NO_TEXTUAL = [name for name in ("forms", "storage", "printouts", "workflows") if (ROOT / name).is_dir()]

PROBE = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if ".migrations." not in module.name:  # alembic loads its env and versions itself
        importlib.import_module(module.name)
ours = ("tui", "storage", "forms", "printouts", "workflows")
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules if name.split(".")[0] in ours + ("textual",)})))
"""


def loaded_by(package: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, package], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("package", NO_TEXTUAL)
def test_the_package_loads_no_textual_and_no_screens(package: str) -> None:
    loaded = loaded_by(package)
    assert "textual" not in loaded and "tui" not in loaded, loaded


def test_forms_depends_on_nothing_of_ours() -> None:
    assert loaded_by("forms") == {"forms"}

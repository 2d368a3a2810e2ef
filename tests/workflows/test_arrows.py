"""The use cases keep the arrows: importing every workflows module loads neither Textual nor tui."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_workflows_import_no_textual_and_no_tui() -> None:
    modules = sorted(f"workflows.{p.stem}" for p in (ROOT / "workflows").glob("*.py") if p.stem != "__init__")
    code = (f"import sys\nfor name in {modules!r}: __import__(name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'tui'}))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]"

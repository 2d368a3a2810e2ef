"""Lazy re-exports for the screen, widget and dialog folders: `from tui.screens import DeskScreen`
works, yet importing one module does not import its siblings before the first paint."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` that imports `name` from `package.where[name]` on first use."""

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return __getattr__

"""Base models: frozen, and validated by a schema built on first use rather than at import,
so that the first screen paints before any profile or form is needed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class StrictModel(FrozenModel):
    """Unknown keys are errors: a typo in a profile is reported, not ignored."""

    model_config = ConfigDict(extra="forbid")

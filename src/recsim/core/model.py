"""The pydantic base every recsim model shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Strict model: unknown keys are errors and attribute docstrings document fields."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

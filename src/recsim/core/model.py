"""The pydantic base every recsim model shares."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Strict model: unknown keys are errors and attribute docstrings document fields."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


Severity = Annotated[int, Field(ge=1, le=4)]
"""How much a finding weighs: 1 (low) to 4 (patient safety or an unlawful disclosure).

recsim.core.scoring.SEVERITY_POINTS turns it into points."""


class ContentModel(Model):
    """A model of a content file recsim ships (read by recsim.core.content.load_content).

    Start-up pays nothing for it: its validator is built on first use, not at
    import, and its attribute docstrings are for the content author reading the
    code, not read at run time (that parses the module's source once per class).
    """

    model_config = ConfigDict(defer_build=True, use_attribute_docstrings=False)

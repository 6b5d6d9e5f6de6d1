"""The coding task: encounters to code with ICD-10-CM FY2026 (task kind ``coding``).

Cases come from the built-in library (``recsim/tasks/coding_cases/*.yaml``),
drawn for the scenario's setting and tags, and from cases written in the
scenario itself.
"""

from recsim.tasks.coding.task import TASK, CodingTask

__all__ = ["TASK", "CodingTask"]

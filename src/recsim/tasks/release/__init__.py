"""Release of information: requests decided by the HIPAA Privacy Rule (task kind ``release``)."""

from recsim.tasks.release.task import TASK, ReleaseTask

__all__ = ["TASK", "ReleaseTask"]

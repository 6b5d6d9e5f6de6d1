"""What the app asks before it submits an attempt or quits: the body of each confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt


def submit_question(*, total: int, answered: int, unfinished: int) -> str:
    """Before submitting: what is answered, what will score as missed, and that it is final."""
    lines = [f"You have answered {answered:,} of {total:,} items."]
    if answered < total:
        lines.append(f"{total - answered:,} unanswered will score as missed.")
    if unfinished:
        lines.append(f"{unfinished:,} with unfinished changes will be submitted as they stand.")
    lines.append("After submitting you cannot change any answer.")
    return "\n".join(lines)


def quit_question(attempt: Attempt | None, *, play_argument: str, trainee: str) -> str:
    """Before quitting: how to carry on later, where the results are, or that nothing is lost."""
    if attempt is not None and not attempt.submitted:
        clock = ""
        if attempt.remaining() is not None:
            clock = (
                " The time limit keeps running while recsim is closed."
                if attempt.clock_mode == "wall"
                else " The clock stops while recsim is closed."
            )
        return (
            "Your work so far is saved. To carry on later, run\n"
            f'  recsim play {play_argument} --trainee "{trainee}"\n'
            f"and press Enter to resume where you stopped.{clock}"
        )
    if attempt is not None:
        return f"Your results file is saved at\n  {attempt.row.results_path or ''}"
    return "Nothing has been started, so there is nothing to save."

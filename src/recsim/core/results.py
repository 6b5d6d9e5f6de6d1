"""The results file a finished attempt writes (DESIGN.md, "Data and state").

It holds the scenario's identity and content hash, the seed and trainee, the
raw answers, the access audit trail, the event chain with timestamps, the
scorecard (never trusted by ``recsim grade``: it re-scores) and a digest over
all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recsim import __version__
from recsim.core.events import content_digest
from recsim.core.scoring import Scorecard

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt

RESULTS_FORMAT = 1


def results_document(attempt: Attempt, card: Scorecard) -> dict[str, Any]:
    """The JSON document of a submitted attempt, digest included."""
    row = attempt.row
    events = attempt.events()
    document: dict[str, Any] = {
        "recsim_results": RESULTS_FORMAT,
        "recsim_version": __version__,
        "attempt": row["id"],
        "scenario": {
            "id": row["scenario_id"],
            "title": row["scenario_title"],
            "path": row["scenario_path"],
            "content_hash": row["content_hash"],
        },
        "trainee": row["trainee"],
        "seed": row["seed"],
        "mode": row["mode"],
        "time_limit_seconds": row["time_limit"],
        "started_at": row["started_at"],
        "submitted_at": row.get("submitted_at"),
        "elapsed_seconds": row["elapsed"],
        "answers": attempt.answers,
        "opened": [
            {"mrn": o.mrn, "reason": o.reason, "item": o.item, "at": o.at} for o in attempt.opened
        ],
        "events": [
            {
                "seq": e.seq,
                "at": e.at,
                "type": e.type,
                "item": e.item,
                "data": e.data,
                "digest": e.digest,
            }
            for e in events
        ],
        "scorecard": card.model_dump(mode="json"),
    }
    document["digest"] = content_digest(document)
    return document

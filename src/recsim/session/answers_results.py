"""Results files from answers collected elsewhere (``recsim play --answers FILE --results OUT``).

The answers are replayed through a real attempt, in a private attempt store
that is thrown away: the charts opened first, in the file's order, then each
answer, then the submission. The results file that comes out is like any
other (digest, event chain, scorecard), so ``recsim grade`` grades it with
the class; its times are those of the replay, not of the original work.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from recsim.core.answers import AnswersFile
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Scorecard
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.forms import make_variant
from recsim.session.grading import parse_answers
from recsim.session.submit import read_scorecard, submit


def results_from_answers(
    loaded: LoadedScenario, answers: AnswersFile, trainee: str, out: Path, *, source: str
) -> tuple[Scorecard | None, Path]:
    """Replay ``answers`` as ``trainee``'s attempt and write its results file to ``out``.

    ``out`` is a ``.json`` file that must not exist yet, or a folder (the file
    gets recsim's usual name there). Raises
    :class:`recsim.session.grading.AnswersMismatch` before anything is written
    when the answers do not fit the trainee's form, and ``FileExistsError``
    rather than overwrite a file. A sealed form's results carry no scorecard (None).
    """
    parse_answers(make_variant(loaded, trainee), answers, source)  # every problem before any work
    with tempfile.TemporaryDirectory(prefix="recsim-replay-") as work:
        store = Store(Path(work) / "attempts.sqlite3")
        try:
            attempt = session.begin(store, loaded, trainee)
            for opened in answers.opened:
                attempt.open_record(opened.mrn, reason=opened.reason, item=opened.item)
            for item_id, raw in answers.answers.items():
                attempt.answer(item_id, raw)
            written = submit(store, attempt, results_folder=Path(work) / "results")
            card = None if loaded.sealed is not None else read_scorecard(written)
        finally:
            store.close()
        target = out / written.name if out.suffix.lower() != ".json" else out
        if target.exists():
            raise FileExistsError(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written, target)  # byte for byte: the digest holds
    return card, target

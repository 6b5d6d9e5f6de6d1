"""Grading a class: 200 results files read, checked and re-scored (budget: 1.5x scoring alone).

A class of attempts is played first through the session API (not timed): the
20-minute audit exam, every trainee answering every chart. The figure is
``grade_files`` over their results files: reading, the tamper-evidence checks,
finding the scenario, rebuilding each trainee's form and re-scoring. The
baseline, measured in the same run, is the re-scoring alone (each form rebuilt
and the same answers scored, no files and no checks), so the budget is what
the checks and the file handling may add. Item analysis and the CSV export of
the same class are reported alongside.

    python bench/bench_grade.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, peak_memory, report, spread, timed

from recsim.core.answers import AnswersFile
from recsim.core.grading import gradebook_csv, gradebook_rows, item_analysis, read_results
from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.grading import score_answers
from recsim.session.kinds import task_kind
from recsim.session.regrade import ScenarioFinder, grade_files
from recsim.session.submit import submit

EXAM = Path(__file__).resolve().parents[1] / "scenarios" / "hospital-audit-exam.yaml"
RATIO_BUDGET = 1.5


def play_class(folder: Path, count: int) -> tuple[LoadedScenario, list[Path]]:
    """``count`` trainees sit the exam; returns their results files."""
    loaded = load_checked(EXAM)
    store = Store(folder / "attempts.sqlite3")
    paths = []
    for number in range(count):
        attempt = session.begin(
            store,
            loaded,
            f"Trainee {number:03d}",
            clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        )
        for slot in attempt.grader.form.slots:
            item = attempt.open_item(slot.id)
            answer = task_kind(item.kind).key_answer(item)
            if answer is not None and number % 3:  # a third of the class leaves some charts clean
                attempt.answer(slot.id, answer.model_dump(mode="json"))
        paths.append(submit(store, attempt, results_folder=folder / "results"))
    store.close()
    return loaded, paths


def figures(size: str) -> list[Figure]:
    count = {"tiny": 5, "quick": 50, "full": 200}[size]
    repeat = {"tiny": 1, "quick": 3, "full": 5}[size]
    with tempfile.TemporaryDirectory() as folder:
        loaded, paths = play_class(Path(folder), count)
        documents = [read_results(path).document for path in paths]
        answers = [
            AnswersFile(scenario=d.scenario.id, trainee=d.trainee, answers=d.answers)
            for d in documents
        ]

        def grade() -> None:
            graded, unreadable = grade_files(paths, ScenarioFinder())
            assert not unreadable and not any(g.flags for g in graded)

        def score_alone() -> None:
            for document, answered in zip(documents, answers, strict=True):
                score_answers(loaded, answered, trainee=document.trainee)

        graded_times = timed(grade, repeat)
        baseline_times = timed(score_alone, repeat)
        graded, _ = grade_files(paths, ScenarioFinder())
        analysis_times = timed(lambda: item_analysis(graded), repeat)
        export_times = timed(lambda: gradebook_csv(gradebook_rows(graded)), repeat)
        peak = peak_memory(grade)
    ratio = median(graded_times) / median(baseline_times)
    per_file = median(graded_times) / count
    return [
        Figure(
            f"grade {count} results files",
            f"<= {RATIO_BUDGET:g}x scoring alone",
            f"{median(graded_times):.3f}s ({spread(graded_times)}); {ratio:.2f}x",
            ratio <= RATIO_BUDGET,
            {
                "median_s": median(graded_times),
                "runs": graded_times,
                "files": count,
                "ratio": ratio,
                "baseline_median_s": median(baseline_times),
                "baseline_runs": baseline_times,
            },
        ),
        Figure(
            "grade, per results file",
            "informational",
            f"{per_file * 1000:.1f} ms",
            None,
            {"seconds": per_file},
        ),
        Figure(
            f"item analysis of {count} attempts",
            "informational",
            f"{median(analysis_times) * 1000:.1f} ms ({spread(analysis_times)})",
            None,
            {"median_s": median(analysis_times), "runs": analysis_times},
        ),
        Figure(
            f"gradebook CSV of {count} rows",
            "informational",
            f"{median(export_times) * 1000:.1f} ms",
            None,
            {"median_s": median(export_times)},
        ),
        Figure(
            f"peak memory, grading {count} results files",
            "informational",
            f"{peak / 2**20:.1f} MiB",
            None,
            {"bytes": peak},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
